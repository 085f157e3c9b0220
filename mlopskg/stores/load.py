"""Push the built graph to a remote SPARQL 1.1 store, one named graph per source file.

The load is safe to interrupt and to repeat:

1. every graph the store already has is written to a staging graph
   (``urn:mlopskg:staging:<graph>``; a graph of more than ``PAGE_TRIPLES`` triples to
   several, ``urn:mlopskg:staging:<k>:<graph>``, of about that many each), and every graph
   it does not have yet is written under its own name (there is no previous content to keep
   whole, and in the union default graph that queries read a staging graph's triples are
   as visible as the new graph's: staging it would only write it twice); through the SPARQL
   1.1 Graph Store HTTP Protocol where the store has it (a ``PUT`` of each graph), else in
   batches of SPARQL Update's ``INSERT DATA`` (see :mod:`mlopskg.stores.graph_store` for
   the choice); triples that share a blank node travel in the same request and graph,
   since a blank node means a new node in each request; when a write fails, the new graphs
   written so far are taken out again;
2. the written graphs' sizes are checked against the build;
3. the staging graphs are moved onto the live graphs: what ``MOVE`` does, but up to a
   hundred graphs and about ``PAGE_TRIPLES`` triples per request, in one ``DELETE ...
   INSERT ... WHERE`` over a ``VALUES`` table of (staging, live) pairs (Virtuoso took
   0.9 s for a ``MOVE`` of one small graph in a store of a million triples: hours for the
   15,000 graphs of the 10-million benchmark; see decision 0016); a graph staged in parts
   is emptied, then each part moved onto it; the graphs an earlier load wrote that this
   build no longer has are dropped, and the loaded graphs are recorded in
   ``urn:mlopskg:loaded``;
4. the live graphs' sizes are checked again.

No request changes more than about ``PAGE_TRIPLES`` triples: a store bounds what one
transaction may change (Virtuoso refuses a ``MOVE`` of about a million triples with its
default settings, 40005 SR325). A graph of more than that to empty (an old live graph, a
leftover staging graph) is emptied in pages, each one ``DELETE ... WHERE { SELECT ...
LIMIT n }`` request, since standard SPARQL has no other way to split one.

An interruption before step 3 leaves the live graphs as they were (the next load clears the
leftover staging graphs, and replaces a new graph that a killed load left half-written
through a staging graph, like any graph the store has); one during step 3, between two
requests, leaves some graphs new and some old (and a graph staged in parts partly moved),
which the next load completes. Loading again replaces graphs rather than adding to them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from threading import Lock
from typing import TypeVar

import pyoxigraph as ox

from mlopskg.errors import RequestRejected, StoreError
from mlopskg.stores.embedded import EmbeddedStore
from mlopskg.stores.graph_store import GraphStore
from mlopskg.stores.load_plan import (
    BATCH_TRIPLES,
    GSP_TRIPLES,
    STAGING,
    Batch,
    batches,
    clear_requests,
    insert_request,
    move_request,
    ntriples,
    packed_requests,
    plan,
    split_batch,
    staging_graphs,
    swap_requests,
)
from mlopskg.stores.remote import RemoteStore

LOADED_GRAPH = "urn:mlopskg:loaded"
LOADED_PREDICATE = "urn:mlopskg:graph"
PAGE_TRIPLES = 50_000

Progress = Callable[[int], None]
T = TypeVar("T")


@dataclass
class LoadReport:
    """What a load did."""

    graphs: dict[str, int]  # live graph -> triples
    dropped: list[str]
    batches: int  # requests that wrote the staging graphs
    protocol: str = "update"  # "gsp" (Graph Store Protocol) or "update" (SPARQL Update)
    new: list[str] = field(default_factory=list)  # graphs the store did not have: written in place


def write_batch(remote: RemoteStore, batch: Batch) -> None:
    """Send one batch; a batch the store rejects (400) is split in two and each half sent,
    down to single graphs, then single blank-node groups: a store may refuse a request only
    for its size (Virtuoso compiles each into SQL and refuses more than 10,000 lines, which
    a batch of many small graphs can reach). A malformed one fails the same way when whole,
    so it is reported after a few more requests."""
    try:
        remote.update(insert_request(batch))
    except RequestRejected:
        halves = split_batch(batch)
        if halves is None:
            raise
        for half in halves:
            write_batch(remote, half)


def load(
    store: EmbeddedStore,
    remote: RemoteStore,
    prefix: str | None = None,
    batch_size: int = BATCH_TRIPLES,
    progress: Progress | None = None,
    parallel: int = 1,
    page: int = PAGE_TRIPLES,
    graph_store: GraphStore | None = None,
    chunk: int = GSP_TRIPLES,
    announce: Callable[[str], None] = lambda step: None,
) -> LoadReport:
    """Load every named graph of the built store into the remote store (see the module);
    ``parallel`` requests at a time while staging, through ``graph_store`` if given (at
    most ``chunk`` triples a request), else SPARQL Update; graphs above ``page`` triples
    are staged in parts. ``announce`` is told each step as it begins."""
    graphs = plan(store, prefix)
    names = sorted(graphs)
    expected = {name: len(set(triples)) for name, triples in graphs.items()}
    previous = _previously_loaded(remote)
    present = remote.graph_sizes()
    new = [name for name in names if name not in present]
    parts = staging_graphs(graphs, page, new)

    # 1. staging (after clearing what an interrupted load left); new graphs in place
    announce("staging")
    _clear(remote, [g for g in present if g.startswith(STAGING)], page)
    pieces = {target: triples for target, (_, triples) in parts.items()}
    try:
        if graph_store is not None:
            count = stage_through_graph_store(graph_store, pieces, parallel, progress, chunk)
        else:
            count = 0

            def staged_batches() -> Iterator[Batch]:
                nonlocal count
                for batch in packed_requests(pieces, batch_size):
                    count += 1
                    if progress:
                        progress(sum(len(triples) for _, triples in batch))
                    yield batch

            _run(lambda batch: write_batch(remote, batch), staged_batches(), parallel)
    except BaseException:
        _remove_new_graphs(remote, new, page)
        raise

    # 2. check the staging graphs
    announce("checking the staging graphs")
    staged = _sizes(remote, list(parts))
    wrong = [g for g, (_, triples) in parts.items() if staged.get(g, 0) != len(triples)]
    if wrong:
        _remove_new_graphs(remote, new, page)
        raise StoreError(
            f"{remote.update_endpoint}: staging graphs incomplete for {len(wrong)} graph(s) "
            f"(first: {parts[wrong[0]][0]}); the live graphs were not touched"
        )

    # 3. swap, drop what the build no longer has, record the loaded graphs
    announce("swapping")
    stale = sorted(set(previous) - set(graphs))
    replaced = [name for name in names if name not in parts]
    live_before = _sizes(remote, replaced)
    whole = [name for name in replaced if f"{STAGING}{name}" in parts]
    # Graphs staged in parts, and old live graphs above a page, are emptied first (in pages).
    emptied = [n for n in replaced if n not in whole or live_before.get(n, 0) > page]
    _clear(remote, emptied, page)
    sizes = {**staged, **{n: k for n, k in live_before.items() if n not in emptied}}
    # One at a time: concurrent swaps deadlock on Virtuoso (SR172, retried, but slower).
    _run(remote.update, swap_requests(whole, sizes, page), 1)
    for staging, (name, _) in parts.items():
        if staging not in (name, f"{STAGING}{name}"):
            announce(f"moving {staging}")
            remote.update(move_request(staging, name))
    # The record of the previous load goes last, so that an interrupted load's next run
    # still drops the graphs it no longer has.
    _clear(remote, stale, page)
    remote.update(f"DROP SILENT GRAPH <{LOADED_GRAPH}>")
    for start in range(0, len(names), BATCH_TRIPLES):
        listing = " ".join(
            f"<{LOADED_GRAPH}> <{LOADED_PREDICATE}> <{name}> ."
            for name in names[start : start + BATCH_TRIPLES]
        )
        remote.update(f"INSERT DATA {{ GRAPH <{LOADED_GRAPH}> {{ {listing} }} }}")

    # 4. check the live graphs
    announce("checking the live graphs")
    live = _sizes(remote, names)
    wrong = [name for name in names if live.get(name, 0) != expected[name]]
    if wrong:
        raise StoreError(
            f"{remote.endpoint}: after the load, {len(wrong)} graph(s) have other sizes than "
            f"the build (first: {wrong[0]}, {live.get(wrong[0], 0)} triples, expected "
            f"{expected[wrong[0]]})"
        )
    return LoadReport(
        graphs=live,
        dropped=stale,
        batches=count,
        protocol="update" if graph_store is None else "gsp",
        new=new,
    )


def _remove_new_graphs(remote: RemoteStore, new: list[str], page: int) -> None:
    """After a failed load, take out the graphs it wrote in place (the store had none of
    them before), so that none is left half-written; when the store does not answer either,
    the next load replaces them through staging graphs, like any graph it finds."""
    if not new:
        return
    with contextlib.suppress(StoreError):
        _clear(remote, new, page)


def stage_through_graph_store(
    graph_store: GraphStore,
    graphs: dict[str, list[ox.Triple]],
    parallel: int = 1,
    progress: Progress | None = None,
    chunk: int = GSP_TRIPLES,
) -> int:
    """Write each graph (name: triples) with the Graph Store Protocol: a ``PUT`` of its first
    ``chunk`` triples (which replaces what an earlier load left), then a ``POST`` of each
    further ``chunk`` (blank-node groups whole), so no request holds more than a store takes
    in one transaction. The ``PUT``s go first, then the ``POST``s, ``parallel`` requests at
    a time in each round (so that the pieces of one large graph go in parallel too); the
    number of requests is returned."""
    sent = 0
    lock = Lock()
    pieces = {name: list(batches(graphs[name], chunk)) for name in sorted(graphs)}

    def send(request: tuple[str, str, list[ox.Triple]]) -> None:
        nonlocal sent
        method, name, piece = request
        body = ntriples(piece)
        if method == "PUT":
            graph_store.put(name, body)
        else:
            graph_store.post(name, body)
        with lock:
            sent += 1
            if progress:
                progress(len(piece))

    _run(send, (("PUT", name, parts[0]) for name, parts in pieces.items() if parts), parallel)
    posts = (("POST", name, piece) for name, parts in pieces.items() for piece in parts[1:])
    _run(send, posts, parallel)
    return sent


def _run(send: Callable[[T], None], requests: Iterable[T], parallel: int) -> None:
    """Send the requests, ``parallel`` at a time; the first failure stops the rest."""
    if parallel <= 1:
        for request in requests:
            send(request)
        return
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        pending: set[Future[None]] = set()
        for request in requests:
            pending.add(pool.submit(send, request))
            if len(pending) >= parallel * 2:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    future.result()
        for future in pending:
            future.result()


def _page(graph: str, page: int) -> str:
    return f"{{ SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} LIMIT {page} }}"


def _clear(remote: RemoteStore, graphs: list[str], page: int) -> None:
    """Empty the graphs: ``DROP`` for small ones, pages of deletes for large ones."""
    sizes = _sizes(remote, graphs)
    # A graph without triples is not there to drop (most staging graphs, most of the time).
    small = [g for g in graphs if 0 < sizes.get(g, 0) <= page]
    _run(remote.update, clear_requests(small, sizes, page), 1)
    for graph in graphs:
        if sizes.get(graph, 0) > page:
            clear_in_pages(remote, graph, page)


def clear_in_pages(remote: RemoteStore, graph: str, page: int) -> None:
    """Empty ``graph``, ``page`` triples per request."""
    delete = f"DELETE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} WHERE {{ {_page(graph, page)} }}"
    _until_empty(remote, graph, delete)


def _until_empty(remote: RemoteStore, graph: str, update: str) -> None:
    """Repeat an update that takes triples out of ``graph`` until none are left."""
    left = _sizes(remote, [graph]).get(graph, 0)
    while left:
        remote.update(update)
        now = _sizes(remote, [graph]).get(graph, 0)
        if now >= left:
            raise StoreError(
                f"{remote.update_endpoint}: paging through <{graph}> made no progress "
                f"({now} triples left)"
            )
        left = now


def _sizes(remote: RemoteStore, graphs: list[str]) -> dict[str, int]:
    return remote.graph_sizes(graphs)


def _previously_loaded(remote: RemoteStore) -> list[str]:
    result = remote.query(
        f"SELECT ?g WHERE {{ GRAPH <{LOADED_GRAPH}> {{ <{LOADED_GRAPH}> <{LOADED_PREDICATE}> ?g }} }}"
    )
    assert isinstance(result, ox.QuerySolutions)
    return [row["g"].value for row in result if isinstance(row["g"], ox.NamedNode)]


def total_triples(store: EmbeddedStore) -> int:
    return sum(1 for name in store.named_graphs() for _ in store.quads(name))

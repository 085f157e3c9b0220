"""Push the built graph to a remote SPARQL 1.1 store, one named graph per source file.

The load is safe to interrupt and to repeat:

1. every graph is written to a staging graph (``urn:mlopskg:staging:<graph>``) in batches
   of ``INSERT DATA``; triples that share a blank node travel in the same batch, since a
   blank node means a new node in each request;
2. the staging graphs' sizes are checked against the build;
3. the staging graphs are moved onto the live graphs (``MOVE``, in requests of a few dozen
   operations, as Virtuoso refuses very long ones), the graphs an earlier load wrote that
   this build no longer has are dropped, and the loaded graphs are recorded in
   ``urn:mlopskg:loaded``;
4. the live graphs' sizes are checked again.

A graph of more than ``PAGE_TRIPLES`` triples is moved (and an old one cleared) in pages of
that many triples, each one ``DELETE ... INSERT ... WHERE { SELECT ... LIMIT n }`` request:
a store bounds what one transaction may change (Virtuoso refuses a ``MOVE`` of about a
million triples with its default settings, 40005 SR325), and standard SPARQL has no other
way to split one.

An interruption before step 3 leaves the live graphs as they were (the next load clears the
leftover staging graphs); one during step 3, between two requests, leaves some graphs new
and some old (and a graph being moved in pages partly moved), which the next load
completes. Loading again replaces graphs rather than adding to them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import TypeVar

import pyoxigraph as ox

from mlopskg.errors import RequestRejected, StoreError
from mlopskg.stores.embedded import EmbeddedStore
from mlopskg.stores.load_plan import (
    BATCH_TRIPLES,
    STAGING,
    Batch,
    insert_request,
    joined_operations,
    packed_requests,
    plan,
    split_batch,
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
    batches: int


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
) -> LoadReport:
    """Load every named graph of the built store into the remote store (see the module);
    ``parallel`` requests at a time while staging; graphs above ``page`` triples are moved
    in pages."""
    graphs = plan(store, prefix)
    names = sorted(graphs)
    expected = {name: len(set(triples)) for name, triples in graphs.items()}
    previous = _previously_loaded(remote)

    # 1. staging
    _clear(remote, [f"{STAGING}{name}" for name in names], page)
    count = 0

    def staged_batches() -> Iterator[Batch]:
        nonlocal count
        for batch in packed_requests(graphs, batch_size):
            count += 1
            if progress:
                progress(sum(len(triples) for _, triples in batch))
            yield batch

    _run(lambda batch: write_batch(remote, batch), staged_batches(), parallel)

    # 2. check the staging graphs
    staged = _sizes(remote, [f"{STAGING}{name}" for name in names])
    wrong = [name for name in names if staged.get(f"{STAGING}{name}", 0) != expected[name]]
    if wrong:
        raise StoreError(
            f"{remote.update_endpoint}: staging graphs incomplete for {len(wrong)} graph(s) "
            f"(first: {wrong[0]}); the live graphs were not touched"
        )

    # 3. swap, drop what the build no longer has, record the loaded graphs
    stale = sorted(set(previous) - set(graphs))
    large = [name for name in names if expected[name] > page]
    operations = [
        f"MOVE SILENT GRAPH <{STAGING}{name}> TO GRAPH <{name}>"
        for name in names
        if name not in large
    ]
    operations.append(f"DROP SILENT GRAPH <{LOADED_GRAPH}>")
    # One at a time: concurrent MOVEs deadlock on Virtuoso (SR172, retried, but slower).
    _run(remote.update, joined_operations(operations), 1)
    _clear(remote, stale + large, page)
    for name in large:
        move_in_pages(remote, f"{STAGING}{name}", name, page)
    for start in range(0, len(names), BATCH_TRIPLES):
        listing = " ".join(
            f"<{LOADED_GRAPH}> <{LOADED_PREDICATE}> <{name}> ."
            for name in names[start : start + BATCH_TRIPLES]
        )
        remote.update(f"INSERT DATA {{ GRAPH <{LOADED_GRAPH}> {{ {listing} }} }}")

    # 4. check the live graphs
    live = _sizes(remote, names)
    wrong = [name for name in names if live.get(name, 0) != expected[name]]
    if wrong:
        raise StoreError(
            f"{remote.endpoint}: after the load, {len(wrong)} graph(s) have other sizes than "
            f"the build (first: {wrong[0]}, {live.get(wrong[0], 0)} triples, expected "
            f"{expected[wrong[0]]})"
        )
    return LoadReport(graphs=live, dropped=stale, batches=count)


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
    small = [g for g in graphs if sizes.get(g, 0) <= page]
    _run(remote.update, joined_operations([f"DROP SILENT GRAPH <{g}>" for g in small]), 1)
    for graph in graphs:
        if graph not in small:
            delete = f"DELETE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} WHERE {{ {_page(graph, page)} }}"
            _until_empty(remote, graph, delete)


def move_in_pages(remote: RemoteStore, source: str, target: str, page: int) -> None:
    """Move ``source`` onto the (empty) ``target``, ``page`` triples per request."""
    move = (
        f"DELETE {{ GRAPH <{source}> {{ ?s ?p ?o }} }} "
        f"INSERT {{ GRAPH <{target}> {{ ?s ?p ?o }} }} WHERE {{ {_page(source, page)} }}"
    )
    _until_empty(remote, source, move)


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


def _sizes(remote: RemoteStore, graphs: list[str], per_query: int = 500) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for start in range(0, len(graphs), per_query):
        sizes.update(remote.graph_sizes(graphs[start : start + per_query]))
    return sizes


def _previously_loaded(remote: RemoteStore) -> list[str]:
    result = remote.query(
        f"SELECT ?g WHERE {{ GRAPH <{LOADED_GRAPH}> {{ <{LOADED_GRAPH}> <{LOADED_PREDICATE}> ?g }} }}"
    )
    assert isinstance(result, ox.QuerySolutions)
    return [row["g"].value for row in result if isinstance(row["g"], ox.NamedNode)]


def total_triples(store: EmbeddedStore) -> int:
    return sum(1 for name in store.named_graphs() for _ in store.quads(name))

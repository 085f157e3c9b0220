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
from mlopskg.remote import RemoteStore
from mlopskg.store import EmbeddedStore

STAGING = "urn:mlopskg:staging:"
LOADED_GRAPH = "urn:mlopskg:loaded"
LOADED_PREDICATE = "urn:mlopskg:graph"
BATCH_TRIPLES = 2000
OPERATIONS_PER_REQUEST = 25
TEMPLATE_TRIPLES = 100
PAGE_TRIPLES = 50_000

Progress = Callable[[int], None]
T = TypeVar("T")


@dataclass
class LoadReport:
    """What a load did."""

    graphs: dict[str, int]  # live graph -> triples
    dropped: list[str]
    batches: int


def target_name(graph: str, prefix: str | None) -> str:
    """The live graph's name: the build's graph name, or its last segment under a prefix."""
    if not prefix:
        return graph
    local = graph.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return prefix + local


def _blank_groups(triples: list[ox.Triple]) -> list[list[ox.Triple]]:
    """Triples grouped so that all triples sharing a blank node are in one group."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for triple in triples:
        ends = [t.value for t in (triple.subject, triple.object) if isinstance(t, ox.BlankNode)]
        if len(ends) == 2:
            parent[find(ends[0])] = find(ends[1])
        elif ends:
            find(ends[0])
    groups: dict[str, list[ox.Triple]] = {}
    singles: list[list[ox.Triple]] = []
    for triple in triples:
        blank = next(
            (t.value for t in (triple.subject, triple.object) if isinstance(t, ox.BlankNode)),
            None,
        )
        if blank is None:
            singles.append([triple])
        else:
            groups.setdefault(find(blank), []).append(triple)
    return singles + list(groups.values())


def batches(triples: list[ox.Triple], size: int = BATCH_TRIPLES) -> Iterator[list[ox.Triple]]:
    """Batches of about ``size`` triples, never splitting a blank-node group."""
    batch: list[ox.Triple] = []
    for group in _blank_groups(triples):
        if batch and len(batch) + len(group) > size:
            yield batch
            batch = []
        batch += group
    if batch:
        yield batch


def _ntriples(triples: Iterable[ox.Triple]) -> str:
    return (ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")


def _has_blank(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def _insert(batch: list[tuple[str, list[ox.Triple]]]) -> str:
    """One update adding each graph's triples of the batch. Blank nodes are not allowed in
    INSERT DATA by some stores (Virtuoso), so a batch with blank nodes goes in an INSERT
    template, where each blank node is one new node for the whole request."""
    blocks = "\n".join(f"GRAPH <{graph}> {{\n{_ntriples(triples)}}}" for graph, triples in batch)
    if any(_has_blank(t) for _, triples in batch for t in triples):
        return f"INSERT {{\n{blocks}\n}} WHERE {{ }}"
    return f"INSERT DATA {{\n{blocks}\n}}"


Batch = list[tuple[str, list[ox.Triple]]]


def _write(remote: RemoteStore, batch: Batch) -> None:
    """Send one batch; a batch the store rejects (400) is split in two and each half sent,
    down to single graphs, then single blank-node groups: a store may refuse a request only
    for its size (Virtuoso compiles each into SQL and refuses more than 10,000 lines, which
    a batch of many small graphs can reach). A malformed one fails the same way when whole,
    so it is reported after a few more requests."""
    try:
        remote.update(_insert(batch))
    except RequestRejected:
        halves = _halves(batch)
        if halves is None:
            raise
        for half in halves:
            _write(remote, half)


def _halves(batch: Batch) -> tuple[Batch, Batch] | None:
    if len(batch) > 1:
        middle = len(batch) // 2
        return batch[:middle], batch[middle:]
    graph, triples = batch[0]
    groups = _blank_groups(triples)
    if len(groups) < 2:
        return None
    middle = len(groups) // 2
    first = [t for group in groups[:middle] for t in group]
    second = [t for group in groups[middle:] for t in group]
    return [(graph, first)], [(graph, second)]


def _packed(graphs: dict[str, list[ox.Triple]], size: int) -> Iterator[Batch]:
    """Requests that may span graphs (a graph is often small): plain triples in INSERT DATA
    requests of about ``size`` triples; blank-node groups, whole, in INSERT templates of at
    most ``TEMPLATE_TRIPLES`` (Virtuoso compiles a template into SQL and refuses long ones)."""
    for blank, limit in ((False, size), (True, TEMPLATE_TRIPLES)):
        request: Batch = []
        count = 0
        for name in sorted(graphs):
            chosen = [t for t in graphs[name] if _has_blank(t) == blank]
            for piece in batches(chosen, min(limit, 500)):
                if request and count + len(piece) > limit:
                    yield request
                    request, count = [], 0
                request.append((f"{STAGING}{name}", piece))
                count += len(piece)
        if request:
            yield request


def _chunks(operations: list[str], size: int = OPERATIONS_PER_REQUEST) -> Iterator[str]:
    """Update operations joined into requests small enough for every store (Virtuoso
    compiles a request into SQL and refuses very long ones)."""
    for start in range(0, len(operations), size):
        yield " ;\n".join(operations[start : start + size])


def plan(store: EmbeddedStore, prefix: str | None) -> dict[str, list[ox.Triple]]:
    """The live graph names and their triples, from the built store."""
    graphs: dict[str, list[ox.Triple]] = {}
    for name in store.named_graphs():
        triples = [quad.triple for quad in store.quads(name)]
        graphs.setdefault(target_name(name, prefix), []).extend(triples)
    return graphs


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
        for batch in _packed(graphs, batch_size):
            count += 1
            if progress:
                progress(sum(len(triples) for _, triples in batch))
            yield batch

    _run(lambda batch: _write(remote, batch), staged_batches(), parallel)

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
    _run(remote.update, _chunks(operations), 1)
    _clear(remote, stale + large, page)
    for name in large:
        _move_in_pages(remote, f"{STAGING}{name}", name, page)
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
    _run(remote.update, _chunks([f"DROP SILENT GRAPH <{g}>" for g in small]), 1)
    for graph in graphs:
        if graph not in small:
            delete = f"DELETE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} WHERE {{ {_page(graph, page)} }}"
            _until_empty(remote, graph, delete)


def _move_in_pages(remote: RemoteStore, source: str, target: str, page: int) -> None:
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

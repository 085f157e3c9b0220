"""Push the built graph to a remote SPARQL 1.1 store, one named graph per source file.

The load is safe to interrupt and to repeat:

1. every graph is written to a staging graph (``urn:mlopskg:staging:<graph>``) in batches
   of ``INSERT DATA``; triples that share a blank node travel in the same batch, since a
   blank node means a new node in each request;
2. the staging graphs' sizes are checked against the build;
3. one update request moves every staging graph onto its live graph (``MOVE``), drops the
   graphs an earlier load wrote that this build no longer has, and records the loaded graphs
   in ``urn:mlopskg:loaded``;
4. the live graphs' sizes are checked again.

An interruption before step 3 leaves the live graphs as they were (the next load clears the
leftover staging graphs); loading again replaces graphs rather than adding to them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from mlopskg.errors import StoreError
from mlopskg.remote import RemoteStore
from mlopskg.store import EmbeddedStore

STAGING = "urn:mlopskg:staging:"
LOADED_GRAPH = "urn:mlopskg:loaded"
LOADED_PREDICATE = "urn:mlopskg:graph"
BATCH_TRIPLES = 2000

Progress = Callable[[int], None]


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


def _insert(graph: str, batch: list[ox.Triple]) -> str:
    """An update that adds the batch to the graph. Blank nodes are not allowed in INSERT DATA
    by some stores (Virtuoso), so a batch with blank nodes goes in an INSERT template, where
    each blank node is one new node for the whole request."""
    body = _ntriples(batch)
    if any(
        isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in batch
    ):
        return f"INSERT {{ GRAPH <{graph}> {{\n{body}}} }} WHERE {{ }}"
    return f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}}} }}"


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
) -> LoadReport:
    """Load every named graph of the built store into the remote store (see the module)."""
    graphs = plan(store, prefix)
    expected = {name: len(set(triples)) for name, triples in graphs.items()}
    previous = _previously_loaded(remote)

    # 1. staging
    remote.update(" ;\n".join(f"DROP SILENT GRAPH <{STAGING}{name}>" for name in sorted(graphs)))
    count = 0
    for name in sorted(graphs):
        for batch in batches(graphs[name], batch_size):
            remote.update(_insert(f"{STAGING}{name}", batch))
            count += 1
            if progress:
                progress(len(batch))

    # 2. check the staging graphs
    staged = remote.graph_sizes(f"{STAGING}{name}" for name in graphs)
    wrong = [name for name, size in expected.items() if staged.get(f"{STAGING}{name}", 0) != size]
    if wrong:
        raise StoreError(
            f"{remote.update_endpoint}: staging graphs incomplete for {len(wrong)} graph(s) "
            f"(first: {wrong[0]}); the live graphs were not touched"
        )

    # 3. swap in one request, drop what the build no longer has, record the loaded graphs
    stale = sorted(set(previous) - set(graphs))
    operations = [
        f"MOVE SILENT GRAPH <{STAGING}{name}> TO GRAPH <{name}>" for name in sorted(graphs)
    ]
    operations += [f"DROP SILENT GRAPH <{name}>" for name in stale]
    operations.append(f"DROP SILENT GRAPH <{LOADED_GRAPH}>")
    listing = " ".join(
        f"<{LOADED_GRAPH}> <{LOADED_PREDICATE}> <{name}> ." for name in sorted(graphs)
    )
    operations.append(f"INSERT DATA {{ GRAPH <{LOADED_GRAPH}> {{ {listing} }} }}")
    remote.update(" ;\n".join(operations))

    # 4. check the live graphs
    live = remote.graph_sizes(graphs)
    wrong = [name for name, size in expected.items() if live.get(name, 0) != size]
    if wrong:
        raise StoreError(
            f"{remote.endpoint}: after the load, {len(wrong)} graph(s) have other sizes than "
            f"the build (first: {wrong[0]}, {live.get(wrong[0], 0)} triples, expected "
            f"{expected[wrong[0]]})"
        )
    return LoadReport(graphs=live, dropped=stale, batches=count)


def _previously_loaded(remote: RemoteStore) -> list[str]:
    result = remote.query(
        f"SELECT ?g WHERE {{ GRAPH <{LOADED_GRAPH}> {{ <{LOADED_GRAPH}> <{LOADED_PREDICATE}> ?g }} }}"
    )
    assert isinstance(result, ox.QuerySolutions)
    return [row["g"].value for row in result if isinstance(row["g"], ox.NamedNode)]


def total_triples(store: EmbeddedStore) -> int:
    return sum(1 for name in store.named_graphs() for _ in store.quads(name))

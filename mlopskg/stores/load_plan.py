"""The plan of a load (see :mod:`mlopskg.stores.load`), without a store: the live graphs'
names and triples, batches that keep blank-node groups whole, and update requests small
enough for every store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from mlopskg.stores.embedded import EmbeddedStore

STAGING = "urn:mlopskg:staging:"
BATCH_TRIPLES = 2000
OPERATIONS_PER_REQUEST = 25
TEMPLATE_TRIPLES = 100

#: One request's graphs and their triples.
Batch = list[tuple[str, list[ox.Triple]]]


def target_name(graph: str, prefix: str | None) -> str:
    """The live graph's name: the build's graph name, or its last segment under a prefix."""
    if not prefix:
        return graph
    local = graph.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return prefix + local


def blank_node_groups(triples: list[ox.Triple]) -> list[list[ox.Triple]]:
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
    for group in blank_node_groups(triples):
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


def insert_request(batch: list[tuple[str, list[ox.Triple]]]) -> str:
    """One update adding each graph's triples of the batch. Blank nodes are not allowed in
    INSERT DATA by some stores (Virtuoso), so a batch with blank nodes goes in an INSERT
    template, where each blank node is one new node for the whole request."""
    blocks = "\n".join(f"GRAPH <{graph}> {{\n{_ntriples(triples)}}}" for graph, triples in batch)
    if any(_has_blank(t) for _, triples in batch for t in triples):
        return f"INSERT {{\n{blocks}\n}} WHERE {{ }}"
    return f"INSERT DATA {{\n{blocks}\n}}"


def split_batch(batch: Batch) -> tuple[Batch, Batch] | None:
    if len(batch) > 1:
        middle = len(batch) // 2
        return batch[:middle], batch[middle:]
    graph, triples = batch[0]
    groups = blank_node_groups(triples)
    if len(groups) < 2:
        return None
    middle = len(groups) // 2
    first = [t for group in groups[:middle] for t in group]
    second = [t for group in groups[middle:] for t in group]
    return [(graph, first)], [(graph, second)]


def packed_requests(graphs: dict[str, list[ox.Triple]], size: int) -> Iterator[Batch]:
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


def joined_operations(operations: list[str], size: int = OPERATIONS_PER_REQUEST) -> Iterator[str]:
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

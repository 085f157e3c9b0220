"""The plan of a load (see :mod:`mlopskg.stores.load`), without a store: the live graphs'
names and triples, batches that keep blank-node groups whole, and update requests small
enough for every store.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator

import pyoxigraph as ox

from mlopskg.stores.embedded import EmbeddedStore

STAGING = "urn:mlopskg:staging:"
BATCH_TRIPLES = 2000
#: Triples per Graph Store Protocol request: a graph larger than this is sent as a PUT and
#: POSTs of this many (Virtuoso bounds what one transaction may change).
GSP_TRIPLES = 50_000
#: Graphs moved onto their live graphs by one request of the swap.
GRAPHS_PER_SWAP = 100
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


def ntriples(triples: Iterable[ox.Triple]) -> bytes:
    """The triples as an N-Triples document."""
    return ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b""


def _ntriples(triples: Iterable[ox.Triple]) -> str:
    return ntriples(triples).decode("utf-8")


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


def staging_graphs(
    graphs: dict[str, list[ox.Triple]], page: int, new: Collection[str] = ()
) -> dict[str, tuple[str, list[ox.Triple]]]:
    """The graphs a load writes: each live graph's name and triples by the graph they are
    written to. A graph in ``new`` (one the store does not have) is written under its own
    name. Any other graph of at most ``page`` triples has one staging graph,
    ``urn:mlopskg:staging:<graph>``; a larger one is staged in parts of about ``page``
    triples (blank-node groups whole), ``urn:mlopskg:staging:<k>:<graph>``, each moved
    onto the live graph whole: moving one graph in pages of ``LIMIT n`` is slow on
    Oxigraph server, where each page scans past the triples the pages before it deleted.

    >>> parts = staging_graphs({"urn:g": [ox.Triple(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal(str(i))) for i in range(5)]}, 2)
    >>> {name: (graph, len(triples)) for name, (graph, triples) in parts.items()}
    {'urn:mlopskg:staging:0:urn:g': ('urn:g', 2), 'urn:mlopskg:staging:1:urn:g': ('urn:g', 2), 'urn:mlopskg:staging:2:urn:g': ('urn:g', 1)}
    >>> parts = staging_graphs({"urn:g": [ox.Triple(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal(str(i))) for i in range(5)]}, 2, new={"urn:g"})
    >>> {name: (graph, len(triples)) for name, (graph, triples) in parts.items()}
    {'urn:g': ('urn:g', 5)}
    """
    staging: dict[str, tuple[str, list[ox.Triple]]] = {}
    for name in sorted(graphs):
        triples = list(dict.fromkeys(graphs[name]))
        if name in new:
            staging[name] = (name, triples)
        elif len(triples) <= page:
            staging[f"{STAGING}{name}"] = (name, triples)
        else:
            for number, part in enumerate(batches(triples, page)):
                staging[f"{STAGING}{number}:{name}"] = (name, part)
    return staging


def move_request(staging: str, graph: str) -> str:
    """Add a staging graph's triples to a live graph and empty the staging graph.

    >>> move_request("urn:a", "urn:b")
    'DELETE { GRAPH <urn:a> { ?s ?p ?o } } INSERT { GRAPH <urn:b> { ?s ?p ?o } } WHERE { GRAPH <urn:a> { ?s ?p ?o } }'
    """
    return (
        f"DELETE {{ GRAPH <{staging}> {{ ?s ?p ?o }} }} INSERT {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} "
        f"WHERE {{ GRAPH <{staging}> {{ ?s ?p ?o }} }}"
    )


def packed_requests(graphs: dict[str, list[ox.Triple]], size: int) -> Iterator[Batch]:
    """Requests writing the graphs (by the names they are written to; a graph is often
    small, so a request may span several): plain triples in INSERT DATA requests of about
    ``size`` triples; blank-node groups, whole, in INSERT templates of at most
    ``TEMPLATE_TRIPLES`` (Virtuoso compiles a template into SQL and refuses long ones)."""
    for blank, limit in ((False, size), (True, TEMPLATE_TRIPLES)):
        request: Batch = []
        count = 0
        for name in sorted(graphs):
            chosen = [t for t in graphs[name] if _has_blank(t) == blank]
            for piece in batches(chosen, min(limit, 500)):
                if request and count + len(piece) > limit:
                    yield request
                    request, count = [], 0
                request.append((name, piece))
                count += len(piece)
        if request:
            yield request


def swap_requests(
    graphs: list[str], sizes: dict[str, int], page: int, per_request: int = GRAPHS_PER_SWAP
) -> Iterator[str]:
    """Requests that move staging graphs onto their live graphs, many graphs at a time: in
    each, the live graphs are emptied and the staging graphs' triples moved onto them by one
    ``DELETE ... INSERT ... WHERE`` over a ``VALUES`` table of (staging, live) pairs, which
    is what ``MOVE`` does for one graph. A request holds at most ``per_request`` graphs and
    about ``page`` triples (``sizes``: the staging and old live graphs' sizes), so that no
    store's transaction limit is reached; a graph larger than that goes alone.

    >>> print(next(swap_requests(["urn:g"], {"urn:g": 3}, 10)))
    DELETE { GRAPH ?live { ?s ?p ?o } } WHERE { VALUES ?live { <urn:g> } GRAPH ?live { ?s ?p ?o } } ;
    DELETE { GRAPH ?staging { ?s ?p ?o } } INSERT { GRAPH ?live { ?s ?p ?o } } WHERE { VALUES (?staging ?live) { (<urn:mlopskg:staging:urn:g> <urn:g>) } GRAPH ?staging { ?s ?p ?o } }
    """

    def size(name: str) -> int:
        return sizes.get(f"{STAGING}{name}", 0) + sizes.get(name, 0)

    for group in _groups(graphs, size, page, per_request):
        yield _swap(group)


def _groups(
    graphs: list[str], size: Callable[[str], int], page: int, per_request: int
) -> Iterator[list[str]]:
    """The graphs in groups of at most ``per_request`` and about ``page`` triples."""
    group: list[str] = []
    count = 0
    for name in graphs:
        if group and (count + size(name) > page or len(group) >= per_request):
            yield group
            group, count = [], 0
        group.append(name)
        count += size(name)
    if group:
        yield group


def clear_requests(
    graphs: list[str], sizes: dict[str, int], page: int, per_request: int = GRAPHS_PER_SWAP
) -> Iterator[str]:
    """Requests that empty the graphs, many at a time (what ``DROP`` does for one graph,
    which Virtuoso takes about as long for as ``MOVE``).

    >>> print(next(clear_requests(["urn:g"], {"urn:g": 3}, 10)))
    DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { VALUES ?g { <urn:g> } GRAPH ?g { ?s ?p ?o } }
    """
    for group in _groups(graphs, lambda name: sizes.get(name, 0), page, per_request):
        yield _clear(group, "?g")


def _clear(graphs: list[str], variable: str) -> str:
    names = " ".join(f"<{name}>" for name in graphs)
    return (
        f"DELETE {{ GRAPH {variable} {{ ?s ?p ?o }} }} WHERE {{ VALUES {variable} {{ {names} }} "
        f"GRAPH {variable} {{ ?s ?p ?o }} }}"
    )


def _swap(graphs: list[str]) -> str:
    pairs = " ".join(f"(<{STAGING}{name}> <{name}>)" for name in graphs)
    return (
        f"{_clear(graphs, '?live')} ;\n"
        "DELETE { GRAPH ?staging { ?s ?p ?o } } INSERT { GRAPH ?live { ?s ?p ?o } } "
        f"WHERE {{ VALUES (?staging ?live) {{ {pairs} }} GRAPH ?staging {{ ?s ?p ?o }} }}"
    )


def plan(store: EmbeddedStore, prefix: str | None) -> dict[str, list[ox.Triple]]:
    """The live graph names and their triples, from the built store."""
    graphs: dict[str, list[ox.Triple]] = {}
    for name in store.named_graphs():
        triples = [quad.triple for quad in store.quads(name)]
        graphs.setdefault(target_name(name, prefix), []).extend(triples)
    return graphs

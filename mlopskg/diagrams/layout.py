"""Each view as a Graphviz graph, laid out by ``dot``.

The blocks of a view are clusters; its elements are boxes, linked to their pages, with a
hover label; flows are edges (clipped at a block's border when they go to or from a block).
The layered view has no flows: its layers are stacked, each a grid of boxes, between its
cross-cutting columns, held in place by invisible edges. Node names are ``n0``, ``n1``, ...;
:class:`ViewGraph` keeps what each stands for, so the SVG can be given back its IRIs.
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

import graphviz  # type: ignore[import-untyped]

from mlopskg.diagrams.model import Block, Element, Flow, View

FONT = "Helvetica"
#: Boxes per row in a layer of the layered view.
LAYER_COLUMNS = 4
#: Characters per line of a box's label.
LABEL_WIDTH = 22

_BLOCK_FILL = {"Layer": "#eef4fb", "CrossCuttingColumn": "#f4f0fa", "Zone": "#eef8f1"}
_MARK_STYLE = {
    "": {"fillcolor": "#ffffff", "color": "#5b6b7d", "style": "rounded,filled"},
    "present": {"fillcolor": "#d7f5dd", "color": "#2f8f46", "style": "rounded,filled"},
    "missing": {"fillcolor": "#ffffff", "color": "#c0392b", "style": "rounded,filled,dashed"},
}


@dataclass
class ViewGraph:
    """A view's Graphviz graph and what its node, edge and cluster names stand for."""

    graph: graphviz.Digraph
    elements: dict[str, Element] = field(default_factory=dict)
    flows: dict[str, Flow] = field(default_factory=dict)
    blocks: dict[str, Block] = field(default_factory=dict)


def hover_label(element: Element) -> str:
    """What a box says when the pointer rests on it: label, kind and mark."""
    kind = f" ({element.kind.rsplit('#', 1)[-1]})" if element.kind else ""
    mark = f" - {element.mark}" if element.mark else ""
    return f"{element.label}{kind}{mark}"


def _wrapped(label: str) -> str:
    return "\n".join(textwrap.wrap(label, LABEL_WIDTH)[:3]) or " "


def _new_graph(rankdir: str) -> graphviz.Digraph:
    graph = graphviz.Digraph(engine="dot")
    graph.attr(
        rankdir=rankdir,
        compound="true",
        newrank="true",
        nodesep="0.25",
        ranksep="0.45",
        fontname=FONT,
        bgcolor="transparent",
    )
    graph.attr("node", shape="box", fontname=FONT, fontsize="10", width="1.9", height="0.5")
    graph.attr("edge", color="#7f8c9b", arrowsize="0.7", penwidth="1.1")
    return graph


class _Builder:
    """Adds elements and blocks to a view graph, naming them in order."""

    def __init__(self, view_graph: ViewGraph, link: Callable[[str], str]) -> None:
        self.view_graph = view_graph
        self.link = link
        self.names: dict[str, str] = {}  # element IRI -> node name
        self.clusters: dict[str, str] = {}  # block IRI -> cluster name

    def node(self, graph: graphviz.Digraph, element: Element) -> str:
        name = f"n{len(self.view_graph.elements)}"
        self.view_graph.elements[name] = element
        self.names[element.iri] = name
        graph.node(
            name,
            _wrapped(element.label),
            href=self.link(element.iri),
            tooltip=hover_label(element),
            **_MARK_STYLE.get(element.mark, _MARK_STYLE[""]),
        )
        return name

    def cluster(self, block: Block) -> graphviz.Digraph:
        name = f"cluster_{len(self.view_graph.blocks)}"
        self.view_graph.blocks[name] = block
        self.clusters[block.iri] = name
        cluster = graphviz.Digraph(name=name)
        cluster.attr(
            label=block.label,
            labeljust="l",
            fontsize="12",
            fontname=f"{FONT} Bold",
            style="rounded,filled",
            fillcolor=_BLOCK_FILL.get(block.type, "#ffffff"),
            color="#9aa8b8",
            margin="12",
        )
        return cluster


def _by_label(elements: dict[str, Element]) -> list[Element]:
    return sorted(elements.values(), key=lambda e: e.label)


def _rows(names: list[str], per_row: int) -> list[list[str]]:
    return [names[i : i + per_row] for i in range(0, len(names), per_row)]


def _stack(graph: graphviz.Digraph, rows: list[list[str]]) -> None:
    """Hold rows of boxes one under the other, each row's boxes side by side, in order."""
    for row in rows:
        with graph.subgraph() as same:
            same.attr(rank="same")
            for name in row:
                same.node(name)
        for left, right in itertools.pairwise(row):
            graph.edge(left, right, style="invis")
    for upper, lower in itertools.pairwise(rows):
        for i, name in enumerate(lower):
            graph.edge(upper[min(i, len(upper) - 1)], name, style="invis")


def layered_graph(view: View, link: Callable[[str], str]) -> ViewGraph:
    """Layers stacked in the middle, each a grid of boxes; cross-cutting columns beside."""
    view_graph = ViewGraph(_new_graph("TB"))
    graph, builder = view_graph.graph, _Builder(view_graph, link)
    blocks = sorted(view.blocks.values(), key=lambda b: (b.position, b.label))
    columns = [b for b in blocks if b.type != "Layer"]
    layers = [b for b in blocks if b.type == "Layer"]
    rows: list[list[str]] = []
    if view.outside:
        rows.append([builder.node(graph, e) for e in _by_label(view.outside)])
    firsts: list[str] = []
    for block in columns[:1] + layers + columns[1:]:
        cluster = builder.cluster(block)
        names = [builder.node(cluster, e) for e in _by_label(block.elements)]
        if block.type == "Layer":
            rows += _rows(names, LAYER_COLUMNS)
        else:
            _stack(cluster, _rows(names, 1))
            firsts.append(names[0] if names else "")
        graph.subgraph(cluster)
    _stack(graph, rows)
    first_row = rows[1] if view.outside and len(rows) > 1 else rows[0] if rows else []
    left, right = firsts[:1], firsts[1:]
    line = [name for name in [*left, *first_row[:1], *first_row[-1:], *right] if name]
    with graph.subgraph() as same:
        same.attr(rank="same")
        for name in line:
            same.node(name)
    for before, after in itertools.pairwise(line):
        if before != after:
            graph.edge(before, after, style="invis")
    return view_graph


def _zone_ends(block: Block, flows: list[Flow], names: dict[str, str]) -> tuple[str, str]:
    """The boxes a flow to and a flow from the zone attach to: a member that nothing in
    the zone sends to, and one that sends to nothing in the zone (else the middle one)."""
    members = [e.iri for e in _by_label(block.elements)]
    inside = [f for f in flows if f.source in block.elements and f.target in block.elements]
    entries = [m for m in members if not any(f.target == m for f in inside)]
    exits = [m for m in members if not any(f.source == m for f in inside)]
    middle = members[len(members) // 2]
    return names[(entries or [middle])[0]], names[(exits or [middle])[-1]]


def zones_graph(view: View, flows: list[Flow], link: Callable[[str], str]) -> ViewGraph:
    """Zones side by side, the other elements around them, the flows as arrows.

    A flow to or from a zone attaches to one of its boxes and is clipped at the zone's
    border; the zone's boxes that no flow names stand in one column, so the zone stays
    compact."""
    view_graph = ViewGraph(_new_graph("TB"))
    graph, builder = view_graph.graph, _Builder(view_graph, link)
    ends: dict[str, tuple[str, str]] = {}  # zone IRI -> (entry box, exit box)
    named = {end for flow in flows for end in (flow.source, flow.target)}
    for block in sorted(view.blocks.values(), key=lambda b: (b.position, b.label)):
        cluster = builder.cluster(block)
        for element in _by_label(block.elements):
            builder.node(cluster, element)
        if block.elements:
            ends[block.iri] = _zone_ends(block, flows, builder.names)
        idle = [builder.names[e.iri] for e in _by_label(block.elements) if e.iri not in named]
        with cluster.subgraph() as same:
            same.attr(rank="same")
            for name in idle:
                same.node(name)
        graph.subgraph(cluster)
    for element in _by_label(view.outside):
        builder.node(graph, element)
    for flow in flows:
        tail = builder.names.get(flow.source) or ends.get(flow.source, ("", ""))[1]
        head = builder.names.get(flow.target) or ends.get(flow.target, ("", ""))[0]
        if not tail or not head or flow.source == flow.target:
            continue
        clip = {}
        if flow.source in builder.clusters:
            clip["ltail"] = builder.clusters[flow.source]
        if flow.target in builder.clusters:
            clip["lhead"] = builder.clusters[flow.target]
        name = f"e{len(view_graph.flows)}"
        view_graph.flows[name] = flow
        graph.edge(tail, head, id=name, tooltip=flow.label or flow.kind, **clip)
    return view_graph

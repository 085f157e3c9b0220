"""Draw an architecture's views as SVG, from the graph.

The layered view draws layers stacked between the cross-cutting columns, each block with
its components; the process view draws its zones side by side with their elements, the
elements outside the zones around them, and the flows as arrows. Elements can be marked
(present, missing) so that a user's architecture can be laid over a reference one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape

_PREFIXES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX mlo: <https://w3id.org/mlopskg/ontology#>
"""

#: Rows of (view, viewLabel, viewPosition, block, blockLabel, blockType, blockPosition, element, elementLabel, kind)
ARCHITECTURE_QUERY = (
    _PREFIXES
    + """SELECT ?architecture ?view ?viewLabel ?viewPosition ?block ?blockLabel ?blockType ?blockPosition ?element ?elementLabel ?kind
WHERE {
  ?architecture mlo:hasView ?view .
  ?view rdfs:label ?viewLabel .
  OPTIONAL { ?view mlo:position ?viewPosition }
  {
    ?view mlo:hasBlock ?block .
    ?block rdfs:label ?blockLabel ; a ?blockType .
    VALUES ?blockType { mlo:Layer mlo:CrossCuttingColumn mlo:Zone }
    OPTIONAL { ?block skos:altLabel ?blockShort }
    OPTIONAL { ?block mlo:position ?blockPosition }
    OPTIONAL { ?block mlo:containsElement ?element . ?element rdfs:label ?elementLabel .
               OPTIONAL { ?element a ?kind . ?kind rdfs:subClassOf mlo:Component } }
  } UNION {
    ?view mlo:showsElement ?element .
    ?element rdfs:label ?elementLabel .
    OPTIONAL { ?element a ?kind . ?kind rdfs:subClassOf mlo:Component }
  }
  FILTER(!BOUND(?kind) || NOT EXISTS { ?element a ?narrower . ?narrower rdfs:subClassOf ?kind . FILTER(?narrower != ?kind) })
}"""
)

#: Rows of (from, to, arrowLabel, flowKind)
FLOWS_QUERY = (
    _PREFIXES
    + """SELECT DISTINCT ?architecture ?from ?to ?arrowLabel ?flowKind
WHERE {
  { ?architecture mlo:hasComponent ?from } UNION { ?architecture mlo:hasView/mlo:hasBlock ?from }
  UNION { ?architecture mlo:hasView/mlo:hasBlock/mlo:containsElement ?from }
  ?from mlo:qualifiedFlow ?flow .
  ?flow mlo:flowTarget ?to ; mlo:flowKind/rdfs:label ?flowKind .
  OPTIONAL { ?flow mlo:arrowLabel ?arrowLabel }
}"""
)


@dataclass
class Element:
    iri: str
    label: str
    kind: str | None = None
    mark: str = ""  # "", "present", "missing"


@dataclass
class Block:
    iri: str
    label: str
    type: str
    position: int
    elements: dict[str, Element] = field(default_factory=dict)


@dataclass
class View:
    iri: str
    label: str
    position: int
    blocks: dict[str, Block] = field(default_factory=dict)
    outside: dict[str, Element] = field(default_factory=dict)


@dataclass(frozen=True)
class Flow:
    source: str
    target: str
    label: str
    kind: str


@dataclass
class ArchitectureModel:
    views: list[View]
    flows: list[Flow]


def _short_label(label: str) -> str:
    for suffix in (" (Kumara et al.)", " (Kreuzberger et al.)"):
        label = label.removesuffix(suffix)
    return label


def build_model(
    rows: Iterable[dict[str, str]], flow_rows: Iterable[dict[str, str]]
) -> ArchitectureModel:
    """Assemble the model from query rows (plain strings; missing values absent or empty)."""
    views: dict[str, View] = {}
    for row in rows:
        view = views.setdefault(
            row["view"],
            View(row["view"], _short_label(row["viewLabel"]), int(row.get("viewPosition") or 0)),
        )
        element = None
        if row.get("element"):
            element = Element(row["element"], row.get("elementLabel", ""), row.get("kind") or None)
        if row.get("block"):
            block = view.blocks.setdefault(
                row["block"],
                Block(
                    row["block"],
                    _short_label(row["blockLabel"]),
                    row["blockType"].rsplit("#", 1)[-1],
                    int(row.get("blockPosition") or 0),
                ),
            )
            if element:
                block.elements.setdefault(element.iri, element)
        elif element:
            view.outside.setdefault(element.iri, element)
    flows = [
        Flow(r["from"], r["to"], r.get("arrowLabel", ""), r.get("flowKind", "")) for r in flow_rows
    ]
    return ArchitectureModel(sorted(views.values(), key=lambda v: (v.position, v.label)), flows)


# ---------------------------------------------------------------- drawing

_BOX_W, _BOX_H, _GAP = 150, 40, 8
_COLORS = {
    "Layer": "#eef4fb",
    "CrossCuttingColumn": "#f4f0fa",
    "Zone": "#eef8f1",
    "": "#ffffff",
}


def _wrap(text: str, width: int = 22) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines[:3] or [""]


def _element_svg(element: Element, x: float, y: float, link: Callable[[str], str]) -> str:
    fill = {"present": "#d7f5dd", "missing": "#ffffff"}.get(element.mark, "#ffffff")
    stroke = {"present": "#2f8f46", "missing": "#c0392b"}.get(element.mark, "#5b6b7d")
    dash = ' stroke-dasharray="5 3"' if element.mark == "missing" else ""
    lines = _wrap(element.label)
    text = "".join(
        f'<tspan x="{x + _BOX_W / 2:.0f}" dy="{0 if i == 0 else 12}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    ty = y + _BOX_H / 2 + 4 - 6 * (len(lines) - 1)
    title = escape(
        element.label
        + (f" ({element.kind.rsplit('#', 1)[-1]})" if element.kind else "")
        + (f" - {element.mark}" if element.mark else "")
    )
    return (
        f'<a href="{escape(link(element.iri))}"><g class="element {element.mark}" data-iri="{escape(element.iri)}">'
        f"<title>{title}</title>"
        f'<rect x="{x:.0f}" y="{y:.0f}" width="{_BOX_W}" height="{_BOX_H}" rx="6" fill="{fill}" stroke="{stroke}"{dash}/>'
        f'<text x="{x + _BOX_W / 2:.0f}" y="{ty:.0f}" text-anchor="middle" font-size="11">{text}</text></g></a>'
    )


def _grid(
    elements: list[Element],
    x: float,
    y: float,
    columns: int,
    link: Callable[[str], str],
    places: dict[str, tuple[float, float]],
) -> tuple[str, float]:
    parts = []
    for i, element in enumerate(elements):
        ex = x + (i % columns) * (_BOX_W + _GAP)
        ey = y + (i // columns) * (_BOX_H + _GAP)
        parts.append(_element_svg(element, ex, ey, link))
        places[element.iri] = (ex + _BOX_W / 2, ey + _BOX_H / 2)
    rows = (len(elements) + columns - 1) // columns
    return "".join(parts), rows * (_BOX_H + _GAP)


def _block_frame(block: Block, x: float, y: float, w: float, h: float) -> str:
    return (
        f'<rect x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" rx="8" fill="{_COLORS.get(block.type, "#fff")}" stroke="#9aa8b8"/>'
        f'<text x="{x + 10:.0f}" y="{y + 18:.0f}" font-size="12" font-weight="bold">{escape(block.label)}</text>'
    )


def draw_layered(view: View, link: Callable[[str], str]) -> tuple[str, float, float]:
    """Layers stacked in the middle, cross-cutting columns at the sides."""
    places: dict[str, tuple[float, float]] = {}
    layers = sorted(
        (b for b in view.blocks.values() if b.type == "Layer"), key=lambda b: b.position
    )
    columns = sorted(
        (b for b in view.blocks.values() if b.type == "CrossCuttingColumn"),
        key=lambda b: b.position,
    )
    col_w = _BOX_W + 24
    inner_cols = 4
    mid_w = inner_cols * (_BOX_W + _GAP) + 16
    left = columns[0] if columns else None
    right = columns[1] if len(columns) > 1 else None
    x_mid = 10 + (col_w + 10 if left else 0)
    parts, y = [], 10.0
    if view.outside:
        svg, h = _grid(
            sorted(view.outside.values(), key=lambda e: e.label),
            x_mid + 8,
            y,
            inner_cols,
            link,
            places,
        )
        parts.append(svg)
        y += h + 6
    top = y
    for layer in layers:
        svg, h = _grid(
            sorted(layer.elements.values(), key=lambda e: e.label),
            x_mid + 8,
            y + 28,
            inner_cols,
            link,
            places,
        )
        parts.append(_block_frame(layer, x_mid, y, mid_w, h + 34))
        parts.append(svg)
        y += h + 44
    height = max(y - top - 10, 60)
    for column, cx in ((left, 10), (right, x_mid + mid_w + 10)):
        if column is None:
            continue
        svg, h = _grid(
            sorted(column.elements.values(), key=lambda e: e.label),
            cx + 12,
            top + 28,
            1,
            link,
            places,
        )
        parts.insert(0, _block_frame(column, cx, top, col_w, max(height, h + 34)))
        parts.append(svg)
        height = max(height, h + 34)
    width = x_mid + mid_w + (col_w + 20 if right else 10)
    return "".join(parts), width, top + height + 10


def draw_zones(
    view: View, flows: list[Flow], link: Callable[[str], str]
) -> tuple[str, float, float]:
    """Zones side by side; the other elements in rows above, each placed near the elements
    it exchanges flows with; flows as arrows."""
    places: dict[str, tuple[float, float]] = {}
    zones = sorted(view.blocks.values(), key=lambda b: (b.position, b.label))
    zone_w = _BOX_W + 30
    step = _BOX_W + _GAP
    outside = sorted(view.outside.values(), key=lambda e: e.label)
    per_row = max(1, int((len(zones) * (zone_w + 20)) // step)) if zones else 4
    rows = (len(outside) + per_row - 1) // per_row
    y0 = 10 + rows * (_BOX_H + _GAP) + 50
    parts: list[str] = []
    x = 10.0
    tallest = 0.0
    for zone in zones:
        svg, zh = _grid(
            sorted(zone.elements.values(), key=lambda e: e.label), x + 15, y0 + 30, 1, link, places
        )
        parts.append(_block_frame(zone, x, y0, zone_w, zh + 36))
        parts.append(svg)
        places.setdefault(zone.iri, (x + zone_w / 2, y0 + 12))
        tallest = max(tallest, zh + 36)
        x += zone_w + 20

    def barycentre(element: Element) -> float:
        partners = [
            f.target if f.source == element.iri else f.source
            for f in flows
            if element.iri in (f.source, f.target)
        ]
        xs = [places[p][0] for p in partners if p in places]
        return sum(xs) / len(xs) if xs else x / 2

    free = {(r, c) for r in range(rows) for c in range(per_row)}
    for element in sorted(outside, key=barycentre):
        target = (barycentre(element) - 10 - _BOX_W / 2) / step
        r, c = min(free, key=lambda rc: (abs(rc[1] - target) + 0.6 * rc[0], rc))
        free.discard((r, c))
        ex, ey = 10 + c * step, 10 + r * (_BOX_H + _GAP)
        parts.append(_element_svg(element, ex, ey, link))
        places[element.iri] = (ex + _BOX_W / 2, ey + _BOX_H / 2)
    width = max(x, 10 + per_row * step) + 10
    arrows = []
    for flow in flows:
        if flow.source in places and flow.target in places:
            (x1, y1), (x2, y2) = places[flow.source], places[flow.target]
            mx, my = (x1 + x2) / 2 + (y2 - y1) * 0.15, (y1 + y2) / 2 - (x2 - x1) * 0.15
            title = escape(flow.label or flow.kind)
            arrows.append(
                f'<path class="flow" d="M{x1:.0f},{y1:.0f} Q{mx:.0f},{my:.0f} {x2:.0f},{y2:.0f}" fill="none" '
                f'stroke="#7f8c9b" stroke-width="1.2" marker-end="url(#arrow)" opacity="0.7"><title>{title}</title></path>'
            )
    return "".join(arrows) + "".join(parts), width, y0 + tallest + 20


def render_svg(
    model: ArchitectureModel, link: Callable[[str], str] = lambda iri: iri, title: str = ""
) -> str:
    """All views of the model, one under the other, as one SVG document."""
    parts, y, width = [], 10.0, 400.0
    if title:
        parts.append(
            f'<text x="10" y="24" font-size="16" font-weight="bold">{escape(title)}</text>'
        )
        y = 36
    for view in model.views:
        kinds = {b.type for b in view.blocks.values()}
        body, w, h = (
            draw_zones(view, model.flows, link) if kinds == {"Zone"} else draw_layered(view, link)
        )
        parts.append(
            f'<text x="10" y="{y + 16:.0f}" font-size="14" font-weight="bold" fill="#2c3e50">{escape(view.label)}</text>'
        )
        parts.append(f'<g transform="translate(0,{y + 24:.0f})">{body}</g>')
        y += h + 44
        width = max(width, w)
    defs = (
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" fill="#7f8c9b"/></marker></defs>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {y:.0f}" width="{width:.0f}" height="{y:.0f}" '
        f'font-family="system-ui, sans-serif" role="img" aria-label="{escape(title or "architecture")}">{defs}{"".join(parts)}</svg>'
    )

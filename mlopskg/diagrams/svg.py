"""The SVG of an architecture's views: Graphviz draws each view, and the drawing is given
back what the graph says about each box and arrow.

Each box is a ``<g class="element [present|missing]" data-iri="...">`` whose
``<title>`` is its hover label, inside a link to the element's page; each arrow a
``<g class="edge" data-source="..." data-target="...">`` whose path has
``class="flow"`` and whose ``<title>`` is the flow's label; each block a
``<g class="cluster" data-block="...">``. The views are stacked in one SVG document.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

import graphviz  # type: ignore[import-untyped]

from mlopskg.diagrams.layout import ViewGraph, hover_label, layered_graph, zones_graph
from mlopskg.diagrams.model import ArchitectureModel, View
from mlopskg.errors import MlopsKGError

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_SVG = f"{{{SVG_NS}}}"


class DiagramError(MlopsKGError):
    """A diagram could not be drawn (Graphviz's ``dot`` is missing or failed)."""


def _laid_out(view_graph: ViewGraph) -> ET.Element:
    try:
        data = view_graph.graph.pipe(format="svg")
    except graphviz.ExecutableNotFound as error:
        raise DiagramError(
            "Graphviz's `dot` is not installed: run `make graphviz` (Debian package graphviz)"
        ) from error
    except graphviz.CalledProcessError as error:
        raise DiagramError(f"Graphviz's `dot` failed: {error.stderr!r}") from error
    return ET.fromstring(data)


def _set_title(group: ET.Element, text: str) -> None:
    title = group.find(f"{_SVG}title")
    if title is not None:
        title.text = text


def _annotate(root: ET.Element, view_graph: ViewGraph) -> None:
    """Give boxes, arrows and blocks their IRIs, classes and hover labels; drop Graphviz's
    ids (two views in one page would repeat them)."""
    for group in root.iter(f"{_SVG}g"):
        kind = group.get("class", "")
        title = group.findtext(f"{_SVG}title", "")
        if kind == "node" and title in view_graph.elements:
            element = view_graph.elements[title]
            group.set("class", f"element {element.mark}".strip())
            group.set("data-iri", element.iri)
            _set_title(group, hover_label(element))
        elif kind == "edge" and group.get("id", "") in view_graph.flows:
            flow = view_graph.flows[group.get("id", "")]
            group.set("data-source", flow.source)
            group.set("data-target", flow.target)
            _set_title(group, flow.label or flow.kind)
            for path in group.iter(f"{_SVG}path"):
                path.set("class", "flow")
        elif kind == "cluster" and title in view_graph.blocks:
            block = view_graph.blocks[title]
            group.set("data-block", block.iri)
            _set_title(group, block.label)
    for node in root.iter():
        node.attrib.pop("id", None)


def view_svg(view_graph: ViewGraph) -> tuple[list[ET.Element], float, float]:
    """The view's drawing: its top-level SVG children, width and height."""
    root = _laid_out(view_graph)
    _annotate(root, view_graph)
    _, _, width, height = (float(v) for v in root.get("viewBox", "0 0 0 0").split())
    return list(root), width, height


def _view_graph(view: View, model: ArchitectureModel, link: Callable[[str], str]) -> ViewGraph:
    if {block.type for block in view.blocks.values()} == {"Zone"}:
        return zones_graph(view, model.flows, link)
    return layered_graph(view, link)


def render_svg(
    model: ArchitectureModel, link: Callable[[str], str] = lambda iri: iri, title: str = ""
) -> str:
    """All views of the model, one under the other, as one SVG document."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    document = ET.Element(
        f"{_SVG}svg",
        {"font-family": "Helvetica, Arial, sans-serif", "role": "img"},
    )
    document.set("aria-label", title or "architecture")
    y, width = 10.0, 400.0
    if title:
        heading = ET.SubElement(document, f"{_SVG}text", {"x": "10", "y": "24", "font-size": "16"})
        heading.set("font-weight", "bold")
        heading.text = title
        y = 36.0
    for view in model.views:
        children, view_width, view_height = view_svg(_view_graph(view, model, link))
        label = ET.SubElement(
            document,
            f"{_SVG}text",
            {"x": "10", "y": f"{y + 16:.0f}", "font-size": "14", "fill": "#2c3e50"},
        )
        label.set("font-weight", "bold")
        label.text = view.label
        frame = ET.SubElement(
            document,
            f"{_SVG}svg",
            {
                "class": "view",
                "data-view": view.iri,
                "x": "0",
                "y": f"{y + 24:.0f}",
                "width": f"{view_width:.0f}",
                "height": f"{view_height:.0f}",
                "viewBox": f"0 0 {view_width:.2f} {view_height:.2f}",
            },
        )
        frame.extend(children)
        y += 24 + view_height + 20
        width = max(width, view_width)
    document.set("viewBox", f"0 0 {width:.0f} {y:.0f}")
    document.set("width", f"{width:.0f}")
    document.set("height", f"{y:.0f}")
    return ET.tostring(document, encoding="unicode")

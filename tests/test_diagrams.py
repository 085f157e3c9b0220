"""The architecture diagrams: laid out by Graphviz, every box linked with its hover label,
and no arrow running through a box (checked on the geometry of the SVG)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest

from mlopskg.diagrams import read_model, render_svg
from mlopskg.stores.embedded import EmbeddedStore

SEED = "https://w3id.org/mlopskg/resource/architecture/kumara-2025"
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
#: How far inside a box a point of an arrow must be to count as crossing it.
TOLERANCE = 1.0


@dataclass(frozen=True)
class Box:
    iri: str
    left: float
    top: float
    right: float
    bottom: float

    def holds(self, x: float, y: float) -> bool:
        return (
            self.left + TOLERANCE < x < self.right - TOLERANCE
            and self.top + TOLERANCE < y < self.bottom - TOLERANCE
        )


def _points(text: str) -> list[tuple[float, float]]:
    numbers = [float(n) for n in _NUMBER.findall(text)]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def _box(group: ET.Element) -> Box:
    shape = group.find(f".//{SVG}path")
    if shape is None:
        shape = group.find(f".//{SVG}polygon")
    assert shape is not None, group.get("data-iri")
    points = _points(shape.get("d") or shape.get("points") or "")
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return Box(group.get("data-iri", ""), min(xs), min(ys), max(xs), max(ys))


def _curve(d: str) -> list[tuple[float, float]]:
    """Points along a Graphviz edge path ("M p C p p p p p p ..."), 20 per Bézier segment."""
    assert d.startswith("M") and "C" in d, d
    points = _points(d)
    sampled = [points[0]]
    for i in range(1, len(points) - 2, 3):
        p0, p1, p2, p3 = points[i - 1], points[i], points[i + 1], points[i + 2]
        for step in range(1, 21):
            t = step / 20
            sampled.append(
                (
                    (1 - t) ** 3 * p0[0]
                    + 3 * (1 - t) ** 2 * t * p1[0]
                    + 3 * (1 - t) * t**2 * p2[0]
                    + t**3 * p3[0],
                    (1 - t) ** 3 * p0[1]
                    + 3 * (1 - t) ** 2 * t * p1[1]
                    + 3 * (1 - t) * t**2 * p2[1]
                    + t**3 * p3[1],
                )
            )
    return sampled


def crossings(svg_text: str) -> tuple[list[str], int]:
    """Every (arrow, box) pair where an arrow runs through a box that is neither of its ends,
    in any view of the document; and how many arrows were checked."""
    document = ET.fromstring(svg_text)
    found, checked = [], 0
    for view in document.iter(f"{SVG}svg"):
        if view.get("class") != "view":
            continue
        boxes = [_box(g) for g in view.iter(f"{SVG}g") if g.get("data-iri")]
        for edge in view.iter(f"{SVG}g"):
            if edge.get("class") != "edge":
                continue
            checked += 1
            ends = {edge.get("data-source"), edge.get("data-target")}
            path = edge.find(f".//{SVG}path")
            assert path is not None and path.get("class") == "flow"
            for box in boxes:
                if box.iri not in ends and any(box.holds(*p) for p in _curve(path.get("d", ""))):
                    found.append(
                        f"{edge.get('data-source')} -> {edge.get('data-target')}: {box.iri}"
                    )
    return found, checked


@pytest.fixture(scope="module")
def seed_svg(graph: EmbeddedStore) -> str:
    return render_svg(read_model(graph, SEED), link=lambda iri: "/page?" + iri)


@pytest.fixture(scope="module")
def overlay_svg(graph: EmbeddedStore) -> str:
    model = read_model(graph, SEED)
    for index, element in enumerate(e for view in model.views for e in view.elements()):
        element.mark = ("present", "missing")[index % 2] if element.kind else ""
    return render_svg(model, title="over the seed")


def test_no_arrow_crosses_a_box_in_either_view(seed_svg: str, overlay_svg: str) -> None:
    for svg in (seed_svg, overlay_svg):
        found, checked = crossings(svg)
        assert checked >= 30
        assert found == []


def test_the_check_sees_an_arrow_through_a_box() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg"><svg class="view">'
        '<g class="node element" data-iri="a"><path d="M0,0 L20,0 L20,20 L0,20 Z"/></g>'
        '<g class="node element" data-iri="b"><path d="M100,0 L120,0 L120,20 L100,20 Z"/></g>'
        '<g class="node element" data-iri="c"><polygon points="50,0 70,0 70,20 50,20"/></g>'
        '<g class="edge" data-source="a" data-target="b">'
        '<path class="flow" d="M20,10 C40,10 80,10 100,10"/></g></svg></svg>'
    )
    assert crossings(svg) == (["a -> b: c"], 1)


def test_every_box_links_to_its_page_and_says_what_it_is(seed_svg: str) -> None:
    document = ET.fromstring(seed_svg)
    boxes = [g for g in document.iter(f"{SVG}g") if g.get("data-iri")]
    assert len(boxes) > 40
    for box in boxes:
        assert "element" in (box.get("class") or "").split()
        links = [a.get(XLINK_HREF) or a.get("href") for a in box.iter(f"{SVG}a")]
        assert links == ["/page?" + box.get("data-iri", "")]
        title = box.findtext(f"{SVG}title")
        assert title and not re.fullmatch(r"n\d+", title)  # not Graphviz's node name
    registry = next(
        b for b in boxes if b.get("data-iri", "").endswith("kumara-2025-model-registry")
    )
    assert registry.findtext(f"{SVG}title") == "model registry (ModelRegistry)"
    flows = [g for g in document.iter(f"{SVG}g") if g.get("class") == "edge"]
    assert any(g.findtext(f"{SVG}title") == "trigger" for g in flows)


def test_labels_come_from_the_graph_not_from_string_surgery(seed_svg: str) -> None:
    document = ET.fromstring(seed_svg)
    blocks = {g.findtext(f"{SVG}title") for g in document.iter(f"{SVG}g") if g.get("data-block")}
    # The zones' and layers' short labels (skos:altLabel) as the data give them.
    assert {"Pipelines layer", "Automation", "Development", "Monitoring"} <= blocks
    assert not [label for label in blocks if label and "Kumara" in label]


def test_marks_are_drawn_and_named(overlay_svg: str) -> None:
    document = ET.fromstring(overlay_svg)
    marked = [g for g in document.iter(f"{SVG}g") if g.get("data-iri")]
    missing = [g for g in marked if "missing" in (g.get("class") or "")]
    present = [g for g in marked if "present" in (g.get("class") or "")]
    assert missing and present
    assert all((g.findtext(f"{SVG}title") or "").endswith(" - missing") for g in missing)
    dashed = [p for g in missing for p in g.iter(f"{SVG}path") if p.get("stroke-dasharray")]
    assert len(dashed) == len(missing)

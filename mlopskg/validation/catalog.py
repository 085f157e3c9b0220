"""What each named shape says about itself: its kind of check, message and links.

The report reads these from the shapes graph, so a shape added by hand (with the same
annotations) is reported in the same way as the generated ones.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from mlopskg.namespaces import MLSH
from mlopskg.validation.categories import OTHER, category_of_shape_class

SH = "http://www.w3.org/ns/shacl#"

_QUERY = """PREFIX sh: <http://www.w3.org/ns/shacl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?shape ?p ?o WHERE {
  ?shape a ?type . FILTER(isIRI(?shape))
  VALUES ?type { sh:NodeShape sh:PropertyShape }
  ?shape ?p ?o .
}"""


@dataclass
class ShapeInfo:
    """The annotations of one named shape."""

    iri: str
    category: str = OTHER.key
    name: str = ""
    message: str = ""
    severity: str = "Violation"
    checks_kind: str | None = None
    severity_reason: str = ""
    requirements: list[str] = field(default_factory=list)
    addressed_by: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    flow: str | None = None
    flow_from: list[str] = field(default_factory=list)
    flow_to: list[str] = field(default_factory=list)


def read_catalog(shapes_text: str) -> dict[str, ShapeInfo]:
    """The named shapes of a Turtle shapes graph, by IRI."""
    store = ox.Store()
    store.load(shapes_text.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    values: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    solutions = store.query(_QUERY)
    assert isinstance(solutions, ox.QuerySolutions)
    for solution in solutions:
        shape, predicate, value = solution["shape"], solution["p"], solution["o"]
        assert isinstance(shape, ox.NamedNode) and isinstance(predicate, ox.NamedNode)
        if isinstance(value, ox.NamedNode | ox.Literal):
            values[shape.value][predicate.value].append(value.value)
    catalog = {}
    for iri, properties in values.items():
        info = ShapeInfo(iri)
        for type_iri in properties.get("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", []):
            found = category_of_shape_class(type_iri)
            info.category = found.key if found else info.category
        info.name = _first(properties, f"{SH}name")
        info.message = _first(properties, f"{SH}message")
        info.severity = _first(properties, f"{SH}severity").removeprefix(SH) or "Violation"
        info.checks_kind = _first(properties, f"{MLSH}checksKind") or None
        info.severity_reason = _first(properties, f"{MLSH}severityReason")
        info.requirements = sorted(properties.get(f"{MLSH}requirement", []))
        info.addressed_by = sorted(properties.get(f"{MLSH}addressedBy", []))
        info.sources = sorted(properties.get("http://purl.org/dc/terms/source", []))
        info.flow = _first(properties, f"{MLSH}flow") or None
        info.flow_from = sorted(properties.get(f"{MLSH}flowFrom", []))
        info.flow_to = sorted(properties.get(f"{MLSH}flowTo", []))
        catalog[iri] = info
    return catalog


def _first(properties: dict[str, list[str]], predicate: str) -> str:
    found = properties.get(predicate)
    return sorted(found)[0] if found else ""

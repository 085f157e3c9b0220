"""What a diagram shows, read from the graph: an architecture's views, their blocks (layers,
cross-cutting columns, zones) with their elements, the elements outside the blocks, and the
flows between them. Labels are the graph's: a block's or view's short label
(``skos:altLabel``) where it has one, else its ``rdfs:label``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from mlopskg.stores.interface import GraphStore

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
  ?view rdfs:label ?viewFullLabel .
  OPTIONAL { ?view skos:altLabel ?viewShortLabel }
  BIND(COALESCE(?viewShortLabel, ?viewFullLabel) AS ?viewLabel)
  OPTIONAL { ?view mlo:position ?viewPosition }
  {
    ?view mlo:hasBlock ?block .
    ?block rdfs:label ?blockFullLabel ; a ?blockType .
    VALUES ?blockType { mlo:Layer mlo:CrossCuttingColumn mlo:Zone }
    OPTIONAL { ?block skos:altLabel ?blockShortLabel }
    BIND(COALESCE(?blockShortLabel, ?blockFullLabel) AS ?blockLabel)
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
    """A box: a component or an actor, with the kind it is drawn as."""

    iri: str
    label: str
    kind: str | None = None
    mark: str = ""  # "", "present", "missing"


@dataclass
class Block:
    """A layer, cross-cutting column or zone, with its elements."""

    iri: str
    label: str
    type: str
    position: int
    elements: dict[str, Element] = field(default_factory=dict)


@dataclass
class View:
    """One view of an architecture: its blocks and the elements outside them."""

    iri: str
    label: str
    position: int
    blocks: dict[str, Block] = field(default_factory=dict)
    outside: dict[str, Element] = field(default_factory=dict)

    def elements(self) -> list[Element]:
        """Every element of the view, outside the blocks and in them."""
        found = list(self.outside.values())
        for block in self.blocks.values():
            found += block.elements.values()
        return found


@dataclass(frozen=True)
class Flow:
    """An arrow between two elements or blocks."""

    source: str
    target: str
    label: str
    kind: str


@dataclass
class ArchitectureModel:
    """The views of an architecture and its flows."""

    views: list[View]
    flows: list[Flow]


def build_model(
    rows: Iterable[dict[str, str]], flow_rows: Iterable[dict[str, str]]
) -> ArchitectureModel:
    """Assemble the model from query rows (plain strings; missing values absent or empty)."""
    views: dict[str, View] = {}
    for row in rows:
        view = views.setdefault(
            row["view"],
            View(row["view"], row["viewLabel"], int(row.get("viewPosition") or 0)),
        )
        element = None
        if row.get("element"):
            element = Element(row["element"], row.get("elementLabel", ""), row.get("kind") or None)
        if row.get("block"):
            block = view.blocks.setdefault(
                row["block"],
                Block(
                    row["block"],
                    row["blockLabel"],
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


def _plain_rows(store: GraphStore, query: str, architecture: str) -> list[dict[str, str]]:
    result = store.query(query, {"architecture": ox.NamedNode(architecture)})
    assert isinstance(result, ox.QuerySolutions)
    names = [variable.value for variable in result.variables]
    found = []
    for solution in result:
        row = {}
        for name in names:
            term = solution[name]
            if isinstance(term, ox.NamedNode | ox.Literal):
                row[name] = term.value
        found.append(row)
    return found


def read_model(store: GraphStore, architecture: str) -> ArchitectureModel:
    """The model of an architecture of the graph (empty when it has no views)."""
    return build_model(
        _plain_rows(store, ARCHITECTURE_QUERY, architecture),
        _plain_rows(store, FLOWS_QUERY, architecture),
    )

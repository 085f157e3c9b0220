"""Check the knowledge graph's data against the integrity shapes (pySHACL, SHACL Core)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib

from mlopskg.stores.embedded import EmbeddedStore

_SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True)
class IntegrityProblem:
    """One SHACL result of the integrity check."""

    focus_node: str
    path: str | None
    value: str | None
    message: str
    severity: str
    source_shape: str
    """The named shape the result comes from (the node shape holding an anonymous property shape)."""


def union_as_rdflib(store: EmbeddedStore) -> rdflib.Graph:
    """The union of the store's named graphs as an rdflib Graph (for pySHACL)."""
    data = ox.serialize((q.triple for q in store.quads()), format=ox.RdfFormat.N_TRIPLES)
    graph = rdflib.Graph()
    graph.parse(data=data, format="nt")
    return graph


def check_integrity(store: EmbeddedStore, shape_files: list[Path]) -> list[IntegrityProblem]:
    """Validate the union graph against the shapes; return the violations, sorted."""
    from pyshacl import validate

    shapes = rdflib.Graph()
    for path in shape_files:
        shapes.parse(path, format="turtle")
    _conforms, results, _text = validate(
        union_as_rdflib(store),
        shacl_graph=shapes,
        inference="none",
        allow_warnings=True,
    )
    sh = rdflib.Namespace(_SH)
    problems = []

    def named_shape(shape: object) -> str:
        # A property shape is usually anonymous: report the node shape that holds it.
        if isinstance(shape, rdflib.BNode):
            parent = shapes.value(None, sh.property, shape)
            if parent is not None:
                return str(parent)
        return str(shape)

    # Top-level results only: the sh:detail results nested in them repeat what they say.
    for result in results.objects(None, sh.result):
        path = results.value(result, sh.resultPath)
        value = results.value(result, sh.value)
        problems.append(
            IntegrityProblem(
                focus_node=str(results.value(result, sh.focusNode)),
                path=str(path) if isinstance(path, rdflib.URIRef) else None,
                value=str(value) if value is not None else None,
                message=str(results.value(result, sh.resultMessage) or ""),
                severity=str(results.value(result, sh.resultSeverity)).removeprefix(_SH),
                source_shape=named_shape(results.value(result, sh.sourceShape)),
            )
        )
    return sorted(problems, key=lambda p: (p.focus_node, p.message))

"""pySHACL, the reference SHACL engine in Python, finds the same results as the validator's
engine (pyrudof) on every example: the same (focus node, source shape) pairs."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from pyshacl import validate as pyshacl_validate

from mlopskg.resources import ProjectFiles
from mlopskg.validation.engine import RawResult
from mlopskg.validation.inputs import read_files
from mlopskg.validation.validator import Validator

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


def pyshacl_pairs(validator: Validator, triples: list[ox.Triple]) -> set[tuple[str, str]]:
    data = rdflib.Graph()
    data.parse(validator.ontology_file, format="nt")
    data.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    shapes = rdflib.Graph().parse(data=validator.shapes, format="turtle")
    _, report, _ = pyshacl_validate(data, shacl_graph=shapes, inference="none")
    return {
        (str(report.value(r, SH.focusNode)), str(report.value(r, SH.sourceShape)))
        for r in report.subjects(rdflib.RDF.type, SH.ValidationResult)
        if isinstance(report.value(r, SH.sourceShape), rdflib.URIRef)
    }


def rudof_pairs(results: list[RawResult]) -> set[tuple[str, str]]:
    return {(r.focus_node, r.source_shape) for r in results if not r.source_shape.startswith("_:")}


@pytest.mark.parametrize(
    "name", ["notebook-and-web-service", "streaming-online-learning", "managed-cloud-azure"]
)
def test_same_results_as_pyshacl(name: str, project: ProjectFiles, validator: Validator) -> None:
    description = read_files([str(project.examples_dir / f"{name}.ttl")])
    ours = rudof_pairs(validator.engine.run(description.triples))
    assert ours
    assert ours == pyshacl_pairs(validator, description.triples)

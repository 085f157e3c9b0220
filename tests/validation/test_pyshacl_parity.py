"""pySHACL, the reference SHACL engine in Python, finds the same results as the validator's
engine (pyrudof): the same (focus node, source shape) pairs, on every example and on
synthetic descriptions. pySHACL gets the description (with flows written with
sub-properties of mlo:flowsTo added as mlo:flowsTo) and derives mlsh:componentKind and
mlsh:realizesFlow itself, with the SHACL-AF rules of the shapes graph; mlopskg derives them
in Python (mlopskg.validation.derived)."""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
import pytest
import rdflib
from pyshacl import validate as pyshacl_validate

from mlopskg.resources import ProjectFiles
from mlopskg.validation.derived import DERIVED
from mlopskg.validation.engine import RawResult
from mlopskg.validation.inputs import Description, parse_description, read_files
from mlopskg.validation.validator import Validator
from support.descriptions import connected_description, unconnected_description
from tests.conftest import ROOT

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


def pyshacl_pairs(validator: Validator, triples: list[ox.Triple]) -> set[tuple[str, str]]:
    data = rdflib.Graph()
    data.parse(validator.ontology_file, format="nt")
    data.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    shapes = rdflib.Graph().parse(data=validator.shapes, format="turtle")
    _, report, _ = pyshacl_validate(data, shacl_graph=shapes, inference="none", advanced=True)
    return {
        (str(report.value(r, SH.focusNode)), str(report.value(r, SH.sourceShape)))
        for r in report.subjects(rdflib.RDF.type, SH.ValidationResult)
        if isinstance(report.value(r, SH.sourceShape), rdflib.URIRef)
    }


def rudof_pairs(results: list[RawResult]) -> set[tuple[str, str]]:
    return {(r.focus_node, r.source_shape) for r in results if not r.source_shape.startswith("_:")}


def _same_as_pyshacl(validator: Validator, description: Description) -> None:
    data = validator.data_triples(description)
    ours = rudof_pairs(validator.engine.run(data))
    assert ours
    # pySHACL derives these itself, from the rules in the shapes graph.
    bare = [t for t in data if t.predicate not in DERIVED]
    assert len(bare) < len(data)
    assert ours == pyshacl_pairs(validator, bare)


EXAMPLES = sorted(p.stem for p in (ROOT / "examples").glob("*.ttl"))


@pytest.mark.parametrize("name", EXAMPLES)
def test_same_results_as_pyshacl_on_the_examples(
    name: str, project: ProjectFiles, validator: Validator
) -> None:
    _same_as_pyshacl(validator, read_files([str(project.examples_dir / f"{name}.ttl")]))


@pytest.mark.parametrize("variant", [connected_description, unconnected_description])
def test_same_results_as_pyshacl_on_synthetic_descriptions(
    variant: Callable[[int, Validator], str], validator: Validator
) -> None:
    # 60 components: more than one team of every checked kind, flows within and across.
    text = variant(60, validator).encode()
    triples = parse_description(text, "synthetic.ttl", ox.RdfFormat.TURTLE)
    _same_as_pyshacl(validator, Description(triples, ("synthetic.ttl",)))

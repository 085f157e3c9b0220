"""`mlopskg export`: the whole graph in standard syntaxes, checked as the issue's done-when says."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib

from mlopskg.graph.export import export_graph
from mlopskg.graph.serialization import FORMATS
from mlopskg.stores.embedded import EmbeddedStore
from tests.contract_terms import CONTRACT_COMPONENT_CLASSES

MLO = "https://w3id.org/mlopskg/ontology#"


@pytest.fixture(scope="module")
def exported_nt(graph: EmbeddedStore) -> rdflib.Graph:
    return rdflib.Graph().parse(data=export_graph(graph, "nt"), format="nt")


def test_contract_classes_are_subclasses_of_component(exported_nt: rdflib.Graph) -> None:
    for name in [*CONTRACT_COMPONENT_CLASSES, "Component"]:
        assert (
            rdflib.URIRef(MLO + name),
            rdflib.RDFS.subClassOf,
            rdflib.URIRef(MLO + "Component"),
        ) in exported_nt


def test_sources_have_titles(exported_nt: rdflib.Graph) -> None:
    for slug in (
        "kumara-2025",
        "kreuzberger-2023",
        "google-mlops-cd-ct",
        "microsoft-mlops-maturity",
        "sculley-2015",
        "amershi-2019",
        "ml-ops-org-principles",
    ):
        source = rdflib.URIRef(f"https://w3id.org/mlopskg/resource/source/{slug}")
        assert (source, rdflib.RDF.type, rdflib.URIRef(MLO + "Source")) in exported_nt, slug
        assert exported_nt.value(source, rdflib.DCTERMS.title) is not None, slug


@pytest.mark.parametrize("fmt", ["ttl", "nt", "owl", "jsonld"])
def test_merged_formats_parse_back_to_the_same_triples(graph: EmbeddedStore, fmt: str) -> None:
    rdf_format = FORMATS[fmt]
    triples = {q.triple for q in ox.parse(export_graph(graph, fmt), format=rdf_format)}
    assert len(triples) == len({q.triple for q in graph.quads()})


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_quad_formats_keep_the_named_graphs(graph: EmbeddedStore, fmt: str) -> None:
    rdf_format = ox.RdfFormat.N_QUADS if fmt == "nq" else ox.RdfFormat.TRIG
    quads = list(ox.parse(export_graph(graph, fmt), format=rdf_format))
    assert len(quads) == len(graph)
    assert {q.graph_name.value for q in quads} == set(graph.named_graphs())  # type: ignore[union-attr]


def test_export_is_deterministic(graph: EmbeddedStore) -> None:
    assert export_graph(graph, "ttl") == export_graph(graph, "ttl")


def test_export_without_inferences_is_smaller(graph: EmbeddedStore) -> None:
    assert len(export_graph(graph, "nq", inferred=False)) < len(export_graph(graph, "nq"))

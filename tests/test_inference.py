"""The materialised entailments the curated queries rely on."""

from __future__ import annotations

from mlopskg.stores.embedded import EmbeddedStore
from tests.conftest import rows


def ask(store: EmbeddedStore, pattern: str) -> bool:
    prefixes = (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "PREFIX mlo: <https://w3id.org/mlopskg/ontology#>\n"
        "PREFIX comp: <https://w3id.org/mlopskg/resource/component/>\n"
        "PREFIX tool: <https://w3id.org/mlopskg/resource/tool/>\n"
        "PREFIX schema: <https://schema.org/>\n"
        "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
    )
    return bool(store.query(prefixes + f"ASK {{ {pattern} }}"))


def test_subclass_closure_is_transitive_and_reflexive(graph: EmbeddedStore) -> None:
    assert ask(graph, "mlo:BatchServingPipeline rdfs:subClassOf mlo:Component")
    assert ask(graph, "mlo:Component rdfs:subClassOf mlo:Component")
    assert ask(graph, "mlo:BatchServingPipeline rdfs:subClassOf mlo:ArchitectureElement")


def test_types_propagate_to_superclasses(graph: EmbeddedStore) -> None:
    assert ask(
        graph,
        "comp:kumara-2025-batch-serving-pipeline a mlo:ServingPipeline , mlo:Pipeline , mlo:Component",
    )
    assert ask(graph, "tool:feast a schema:SoftwareApplication")


def test_subproperty_statements_propagate(graph: EmbeddedStore) -> None:
    assert ask(graph, "GRAPH ?g { ?f mlo:fromSource ?s } ?f prov:wasDerivedFrom ?s")


def test_property_chain_entails_flows_to(graph: EmbeddedStore) -> None:
    assert ask(
        graph, "comp:kumara-2025-training-pipeline mlo:flowsTo comp:kumara-2025-model-registry"
    )
    qualified = rows(
        graph, "SELECT (COUNT(*) AS ?n) WHERE { ?a mlo:qualifiedFlow/mlo:flowTarget ?b }"
    )
    direct = rows(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?a mlo:flowsTo ?b }")
    assert qualified[0]["n"] == direct[0]["n"]


def test_inferences_live_only_in_the_inferred_graph(graph: EmbeddedStore) -> None:
    assert not ask(
        graph,
        "GRAPH ?g { mlo:BatchServingPipeline rdfs:subClassOf mlo:Component } "
        "FILTER(?g != <https://w3id.org/mlopskg/resource/finding/inferred>)",
    )

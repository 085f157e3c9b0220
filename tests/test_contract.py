"""The public names of ../shared/CONTRACT.md exist in the ontology, as promised."""

from __future__ import annotations

import re

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from mlopskg import namespaces
from mlopskg.namespaces import MLO
from tests.conftest import ROOT
from tests.contract_terms import CONTRACT_COMPONENT_CLASSES

CONTRACT_SUBCLASSES = {
    "BatchServingPipeline": "ServingPipeline",
    "StreamServingPipeline": "ServingPipeline",
    "TrainingMonitoringPipeline": "MonitoringPipeline",
    "ServingMonitoringPipeline": "MonitoringPipeline",
    "CloudResources": "ComputeResources",
    "ServerlessPlatform": "ComputeResources",
    "HardwareAccelerator": "ComputeResources",
    "DevelopmentEnvironment": "DeploymentEnvironment",
    "StagingEnvironment": "DeploymentEnvironment",
    "ProductionEnvironment": "DeploymentEnvironment",
}

CONTRACT_CLASSES = [
    "ArchitectureDescription",
    "Component",
    "Tool",
    "Requirement",
    "Source",
    "ReferenceArchitecture",
]
CONTRACT_OBJECT_PROPERTIES = ["hasComponent", "usesTool", "flowsTo", "realizes", "addresses"]


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ROOT / "ontology" / "mlopskg-edit.ttl")


def test_contract_lists_49_component_kinds() -> None:
    assert len(set(CONTRACT_COMPONENT_CLASSES)) == 49


@pytest.mark.parametrize("name", CONTRACT_COMPONENT_CLASSES)
def test_component_kind_is_a_labelled_class_under_component(
    ontology: rdflib.Graph, name: str
) -> None:
    cls = MLO[name]
    assert (cls, RDF.type, OWL.Class) in ontology
    closure = set(ontology.transitive_objects(cls, RDFS.subClassOf))
    assert MLO.Component in closure
    assert ontology.value(cls, RDFS.label) is not None


@pytest.mark.parametrize(("child", "parent"), sorted(CONTRACT_SUBCLASSES.items()))
def test_contract_subclass_structure(ontology: rdflib.Graph, child: str, parent: str) -> None:
    assert (MLO[child], RDFS.subClassOf, MLO[parent]) in ontology


def test_contract_classes_and_properties(ontology: rdflib.Graph) -> None:
    for name in CONTRACT_CLASSES:
        assert (MLO[name], RDF.type, OWL.Class) in ontology, name
    for name in CONTRACT_OBJECT_PROPERTIES:
        assert (MLO[name], RDF.type, OWL.ObjectProperty) in ontology, name
    assert (MLO.ReferenceArchitecture, RDFS.subClassOf, MLO.ArchitectureDescription) in ontology


def test_ontology_iri_and_version_iri(ontology: rdflib.Graph) -> None:
    onto = rdflib.URIRef(namespaces.ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in ontology
    version = ontology.value(onto, OWL.versionIRI)
    assert version is not None and re.fullmatch(
        r"https://w3id\.org/mlopskg/ontology/\d+\.\d+\.\d+", str(version)
    )


def test_namespaces_match_contract() -> None:
    assert str(namespaces.MLO) == "https://w3id.org/mlopskg/ontology#"
    assert str(namespaces.MLR) == "https://w3id.org/mlopskg/resource/"
    assert str(namespaces.MLSH) == "https://w3id.org/mlopskg/shapes#"
    assert str(namespaces.TOOL) == "https://w3id.org/mlopskg/resource/tool/"


def test_mlo_terms_used_in_the_package_exist(ontology: rdflib.Graph) -> None:
    """Every MLO.xxx the package's code refers to is declared in the ontology."""
    declared = {str(s) for s in ontology.subjects(RDF.type, None)}
    used = set()
    for path in (ROOT / "mlopskg").rglob("*.py"):
        used |= set(re.findall(r"\bMLO(?:\.|\[\")([A-Za-z]+)", path.read_text()))
    assert used, "expected the package to use MLO terms"
    missing = sorted(n for n in used if str(MLO[n]) not in declared)
    assert not missing, missing

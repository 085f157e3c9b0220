"""The scanned description: contract vocabulary, PROV-O evidence, stable output, and the
existing validator reads it unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph, URIRef

from mlopskg.namespaces import MLO
from mlopskg.resources import ProjectFiles
from mlopskg.scan import ScanResult, SignatureIndex, scan
from mlopskg.scan.description import PROV
from mlopskg.stores.embedded import EmbeddedStore
from mlopskg.validation.inputs import Description, parse_description
from mlopskg.validation.validator import Validator
from tests.scan.conftest import TOOL, all_evidence, write_tree

REPOSITORY = {
    "requirements.txt": "mlflow\nfeast\nkfp\n",
    "train.py": "import mlflow\nmlflow.log_metric('auc', 0.9)\n",
    "deploy.py": "import mlflow\nmlflow.register_model('runs:/1/m', 'churn')\n",
    ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: dvc repro\n",
}


@pytest.fixture()
def result(tmp_path: Path, index: SignatureIndex) -> ScanResult:
    return scan([write_tree(tmp_path / "churn", REPOSITORY)], index)


def test_description_uses_the_contract_and_prov(result: ScanResult) -> None:
    graph = result.description_graph("https://acme.example/scan/")
    architecture = URIRef("https://acme.example/scan/architecture")
    assert (architecture, RDF.type, MLO.ArchitectureDescription) in graph
    assert "(scanned from churn)" in str(
        graph.value(architecture, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
    )
    registry = URIRef("https://acme.example/scan/component-model-registry--mlflow")
    assert (architecture, MLO.hasComponent, registry) in graph
    assert (registry, RDF.type, MLO.ModelRegistry) in graph
    assert (registry, MLO.usesTool, URIRef(TOOL + "mlflow")) in graph
    evidence = set(graph.objects(registry, PROV.wasDerivedFrom))
    assert evidence
    for item in evidence:
        assert (item, RDF.type, MLO.ScanEvidence) in graph
        assert graph.value(item, MLO.evidenceFile) is not None
        assert graph.value(item, MLO.detector) is not None
        assert str(graph.value(item, MLO.confidence).datatype).endswith("#decimal")  # type: ignore[union-attr]
        assert (item, PROV.wasGeneratedBy, URIRef("https://acme.example/scan/scan")) in graph
    lines = {int(str(graph.value(e, MLO.evidenceLine))) for e in evidence}
    assert lines == {1, 2}
    sighting = URIRef("https://acme.example/scan/sighting-kubeflow-pipelines")
    assert (architecture, MLO.hasSighting, sighting) in graph
    assert (sighting, MLO.sightedTool, URIRef(TOOL + "kubeflow-pipelines")) in graph
    assert {str(k) for k in graph.objects(sighting, MLO.candidateKind)} == {
        str(MLO.PipelineOrchestrator),
        str(MLO.TrainingPipeline),
    }
    assert (architecture, MLO.notObservableKind, MLO.GovernanceDashboard) in graph
    assert (URIRef("https://acme.example/scan/scan"), RDF.type, PROV.Activity) in graph


def test_output_is_stable_apart_from_the_start_time(tmp_path: Path, index: SignatureIndex) -> None:
    root = write_tree(tmp_path / "churn", REPOSITORY)
    first, second = scan([root], index), scan([root], index)
    second.started = first.started
    assert first.to_turtle() == second.to_turtle()
    assert first.to_json() == second.to_json()


def test_turtle_json_ld_json_and_text_renderings(result: ScanResult) -> None:
    turtle = Graph().parse(data=result.to_turtle(), format="turtle")
    jsonld = list(ox.parse(result.to_jsonld().encode(), format=ox.RdfFormat.JSON_LD))
    assert len(turtle) == len(jsonld) == len(result.description_graph())
    data = result.to_json()
    json.dumps(data)
    kinds = {(c["kind"].split("#")[1], c["toolLabel"]) for c in data["components"]}
    assert ("ModelRegistry", "MLflow") in kinds and ("FeatureStore", "Feast") in kinds
    text = result.to_text()
    assert "model registry: MLflow" in text
    assert "Kubeflow Pipelines: could be" in text
    assert "Not observable in files" in text


def test_several_roots_prefix_the_files_with_their_names(
    tmp_path: Path, index: SignatureIndex
) -> None:
    ml = write_tree(tmp_path / "ml", {"requirements.txt": "feast\n"})
    infra = write_tree(tmp_path / "infra", {"main.tf": 'resource "aws_s3_bucket" "b" {}\n'})
    result = scan([ml, infra], index)
    files = {e.file for e in all_evidence(result)}
    assert files == {"ml/requirements.txt", "infra/main.tf"}
    assert result.roots == ["ml", "infra"]


def test_the_validator_accepts_the_scanned_turtle_unchanged(
    result: ScanResult, project: ProjectFiles, graph: EmbeddedStore
) -> None:
    validator = Validator.for_project(project, graph)
    name = "scanned.ttl"
    data = result.to_turtle().encode()
    outcome = validator.validate(
        Description(parse_description(data, name, ox.RdfFormat.TURTLE), (name,))
    )
    (report,) = outcome.reports
    assert report.architecture == "https://w3id.org/mlopskg/resource/description/scan/architecture"
    kinds = {kind for component in report.components for kind in component.kinds}
    assert {str(MLO.ModelRegistry), str(MLO.MetadataStore), str(MLO.FeatureStore)} <= kinds
    assert str(MLO.ModelRegistry) in report.present_kinds
    missing = {r.missing_component for r in report.results if r.missing_component}
    assert str(MLO.ModelRegistry) not in missing
    # No result says a scanned tool is unknown for its kind: roles come from evidence.
    assert not [r for r in report.results if r.category == "tool"]

"""The signature index from graphs: the fixture's, and the real built graph's."""

from __future__ import annotations

from pathlib import Path

from mlopskg.namespaces import MLO
from mlopskg.resources import ProjectFiles
from mlopskg.scan import SignatureIndex, load_signatures, scan
from mlopskg.scan.index import PROPERTIES
from mlopskg.stores.embedded import EmbeddedStore
from tests.scan.conftest import TOOL, write_tree


def test_fixture_index_lookups(index: SignatureIndex) -> None:
    assert [m.tool for m in index.packages("Great_Expectations")] == [TOOL + "great-expectations"]
    assert [m.tool for m in index.images("docker.io/prom/prometheus:v2")] == [TOOL + "prometheus"]
    assert index.images("prom/prometheus-extra") == []
    assert [m.tool for m in index.images("grafana/grafana-oss")] == [TOOL + "grafana"]
    assert {m.kind for m in index.terraform_types("aws_sagemaker_endpoint")} == {
        None,
        str(MLO.PredictionService),
    }
    assert index.terraform_types("aws_s3_bucket_policy") == []
    assert [m.tool for m in index.imports("google.cloud.aiplatform.v1")] == [
        TOOL + "google-vertex-ai"
    ]
    assert index.imports("google.cloud.storage") == []
    assert [m.tool for m in index.config_files("data/x.csv.dvc")] == [TOOL + "dvc"]
    assert index.config_files("data/dvc") == []
    assert [m.tool for m in index.config_files("a/.github/workflows/ci.yaml")] == [
        TOOL + "github-actions"
    ]
    assert index.config_files(".github/workflows/sub/ci.yaml") == []


def test_real_graph_signatures_load(project: ProjectFiles, graph: EmbeddedStore) -> None:
    index = load_signatures(graph, project.queries_dir)
    assert str(MLO.ModelRegistry) in index.realised_kinds(TOOL + "mlflow")
    assert str(MLO.GovernanceDashboard) in index.not_observable
    assert str(MLO.ModelRegistry) not in index.not_observable
    assert index.kind_label(str(MLO.ModelRegistry)) == "model registry"
    # Every pattern belongs to a tool the graph knows, under a signature property.
    assert all(match.tool in index.tools and match.prop in PROPERTIES for match in index.matches)


def test_real_graph_scan_of_a_small_tree(
    tmp_path: Path, project: ProjectFiles, graph: EmbeddedStore
) -> None:
    index = load_signatures(graph, project.queries_dir)
    root = write_tree(tmp_path / "r", {"train.py": "import boto3\ns3 = boto3.client('s3')\n"})
    result = scan([root], index)
    assert not result.problems
    if index.aws_services("s3"):  # the cloud signatures are data; present once they are added
        assert result.components or result.sightings

"""Object storage roles (mlopskg/scan/storage_roles.py): the code around a storage URI or a
storage client tells data store from artifact registry; an S3 endpoint outside AWS moves
``s3://`` URIs away from Amazon S3."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlopskg.scan import ScanResult, SignatureIndex, scan
from mlopskg.scan.index import SignatureMatch, ToolInfo
from mlopskg.scan.storage_roles import host_names_tool, non_aws_endpoints
from tests.scan.conftest import MLO, TOOL, kinds_of, tools_found, write_tree

STORES = frozenset({MLO + "DataStore", MLO + "ArtifactRegistry"})


@pytest.fixture(scope="module")
def storage_index() -> SignatureIndex:
    """Amazon S3, Google Cloud Storage, MinIO, Kubernetes and MLflow, with a few signatures."""
    matches = [
        SignatureMatch(TOOL + "amazon-s3", "s3://", "codePattern"),
        SignatureMatch(TOOL + "amazon-s3", "s3", "awsSdkService"),
        SignatureMatch(TOOL + "amazon-s3", "aws_s3_bucket", "terraformResourceType"),
        SignatureMatch(TOOL + "google-cloud-storage", "google.cloud.storage", "importName"),
        SignatureMatch(TOOL + "google-cloud-storage", "gs://", "codePattern"),
        SignatureMatch(TOOL + "minio", "minio/minio", "containerImage"),
        SignatureMatch(TOOL + "kubernetes", "apps/Deployment", "kubernetesKind"),
        SignatureMatch(TOOL + "mlflow", "mlflow", "importName"),
    ]
    tools = {
        TOOL + "amazon-s3": ToolInfo("Amazon S3", STORES),
        TOOL + "google-cloud-storage": ToolInfo("Google Cloud Storage", STORES),
        TOOL + "minio": ToolInfo("MinIO", STORES),
        TOOL + "kubernetes": ToolInfo("Kubernetes", frozenset({MLO + "ComputeResources"})),
        TOOL + "mlflow": ToolInfo(
            "MLflow", frozenset({MLO + "MetadataStore", MLO + "ModelRegistry"})
        ),
    }
    return SignatureIndex(matches, tools, {})


def _scan(tmp_path: Path, index: SignatureIndex, files: dict[str, str]) -> ScanResult:
    return scan([write_tree(tmp_path / "repo", files)], index)


def test_a_dvc_remote_is_a_data_store(tmp_path: Path, storage_index: SignatureIndex) -> None:
    config = "[core]\n    remote = store\n['remote \"store\"']\n    url = s3://bucket/dvc\n"
    result = _scan(tmp_path, storage_index, {".dvc/config": config})
    assert kinds_of(result, "amazon-s3") == {"DataStore"}


def test_dataframe_reads_and_artifact_locations_tell_the_two_roles(
    tmp_path: Path, storage_index: SignatureIndex
) -> None:
    code = (
        "import pandas as pd\n"
        "frame = pd.read_parquet('s3://lake/events/')\n"
        "mlflow.create_experiment('churn', artifact_location='s3://models/churn')\n"
    )
    result = _scan(tmp_path, storage_index, {"job.py": code})
    assert kinds_of(result, "amazon-s3") == {"DataStore", "ArtifactRegistry"}


def test_a_pipeline_root_is_an_artifact_registry_of_its_own_store(
    tmp_path: Path, storage_index: SignatureIndex
) -> None:
    code = "PIPELINE_ROOT = 'gs://ml-pipelines/root'\nDATA = 's3://lake/x.csv'\n"
    result = _scan(tmp_path, storage_index, {"run.py": code})
    assert kinds_of(result, "google-cloud-storage") == {"ArtifactRegistry"}
    assert kinds_of(result, "amazon-s3") == set()


def test_a_model_uri_in_yaml_is_an_artifact_registry(
    tmp_path: Path, storage_index: SignatureIndex
) -> None:
    manifest = "env:\n  - name: STORAGE_URI\n    value: s3://models/churn/v7\n"
    result = _scan(tmp_path, storage_index, {"deploy.yaml": manifest})
    assert kinds_of(result, "amazon-s3") == {"ArtifactRegistry"}


def test_a_uri_without_telling_context_stays_a_sighting(
    tmp_path: Path, storage_index: SignatureIndex
) -> None:
    result = _scan(tmp_path, storage_index, {"job.py": "SOURCE = 's3://bucket/file.csv'\n"})
    assert kinds_of(result, "amazon-s3") == set()
    assert [s.tool for s in result.sightings] == [TOOL + "amazon-s3"]


def test_a_storage_client_in_dataframe_code_is_a_data_store(
    tmp_path: Path, storage_index: SignatureIndex
) -> None:
    code = (
        "import pandas as pd\nfrom google.cloud import storage\n\n"
        "blob = storage.Client().bucket('b').blob('x.csv')\n"
        "frame = pd.read_csv(blob.open())\n"
    )
    result = _scan(tmp_path, storage_index, {"extract.py": code})
    assert kinds_of(result, "google-cloud-storage") == {"DataStore"}
    # Without dataframe code the client's role is not told.
    plain = _scan(tmp_path / "b", storage_index, {"copy.py": "from google.cloud import storage\n"})
    assert kinds_of(plain, "google-cloud-storage") == set()
    assert tools_found(plain) == {"google-cloud-storage"}


def test_a_name_imported_from_a_module_is_not_a_submodule(
    tmp_path: Path, storage_index: SignatureIndex
) -> None:
    result = _scan(tmp_path, storage_index, {"t.py": "from mlflow import log_metric\n"})
    evidence = [e.matched_text for s in result.sightings for e in s.evidence]
    assert evidence == ["mlflow"]


MINIO = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: minio}
spec:
  template:
    spec:
      containers:
        - name: minio
          image: minio/minio:RELEASE.2024-10-13T13-34-11Z
"""


def test_an_s3_endpoint_outside_aws_moves_s3_uris_to_the_store_it_names(
    tmp_path: Path, storage_index: SignatureIndex
) -> None:
    files = {
        "minio.yaml": MINIO,
        "secret.yaml": "metadata:\n  annotations:\n    serving.kserve.io/s3-endpoint: minio-svc.ml:9000\n",
        "isvc.yaml": "spec:\n  predictor:\n    model:\n      storageUri: s3://models/churn\n",
    }
    result = _scan(tmp_path, storage_index, files)
    assert "amazon-s3" not in tools_found(result)
    assert kinds_of(result, "minio") == {"ArtifactRegistry"}
    (component,) = [c for c in result.components if c.tool == TOOL + "minio"]
    assert ("secret.yaml", 3) in {(e.file, e.line) for e in component.evidence}


def test_an_endpoint_that_names_no_found_tool_drops_the_uris(
    tmp_path: Path, storage_index: SignatureIndex
) -> None:
    files = {
        "job.py": "import boto3\ns3 = boto3.client('s3', endpoint_url='http://ceph.lab:7480')\n"
        "MODEL = 's3://models/x'\n",
    }
    result = _scan(tmp_path, storage_index, files)
    # The boto3 client is still Amazon S3's API; the URI is not evidence of Amazon S3.
    (sighting,) = result.sightings
    assert [e.matched_text for e in sighting.evidence] == ["s3"]


def test_an_aws_endpoint_changes_nothing(tmp_path: Path, storage_index: SignatureIndex) -> None:
    files = {
        "job.py": "import boto3\n"
        "s3 = boto3.client('s3', endpoint_url='https://s3.eu-west-1.amazonaws.com')\n"
        "pd.read_csv('s3://bucket/x.csv')\n",
    }
    result = _scan(tmp_path, storage_index, files)
    assert kinds_of(result, "amazon-s3") == {"DataStore"}


def test_endpoint_values_that_are_code_are_not_hosts() -> None:
    text = "s3 = boto3.client('s3', endpoint_url=os.environ['S3_URL'])\nX=1\n"
    assert non_aws_endpoints("job.py", text) == []
    found = non_aws_endpoints("a.env", "MLFLOW_S3_ENDPOINT_URL=http://minio:9000\n")
    assert [(e.line, e.host) for e in found] == [(1, "minio")]


def test_a_host_names_a_tool_by_its_first_label_only() -> None:
    assert host_names_tool("minio-service.kubeflow", "minio")
    assert not host_names_tool("minio-service.kubeflow", "kubeflow")
    assert not host_names_tool("minion.lab", "minio")


@pytest.fixture(scope="module")
def airflow_index() -> SignatureIndex:
    """Airflow as a pipeline orchestrator and a scheduler, found by its import."""
    matches = [SignatureMatch(TOOL + "apache-airflow", "airflow", "importName")]
    kinds = frozenset({MLO + "PipelineOrchestrator", MLO + "Scheduler"})
    return SignatureIndex(matches, {TOOL + "apache-airflow": ToolInfo("Apache Airflow", kinds)}, {})


def test_a_scheduled_dag_shows_the_scheduler(tmp_path: Path, airflow_index: SignatureIndex) -> None:
    dag = (
        "from airflow.decorators import dag, task\n\n"
        "@dag(schedule='0 2 * * *', catchup=False)\n"
        "def nightly():\n    pass\n"
    )
    result = _scan(tmp_path, airflow_index, {"dags/nightly.py": dag})
    assert kinds_of(result, "apache-airflow") == {"PipelineOrchestrator", "Scheduler"}


def test_an_unscheduled_dag_is_an_orchestrator_only(
    tmp_path: Path, airflow_index: SignatureIndex
) -> None:
    dag = "from airflow import DAG\n\nwith DAG('backfill', schedule=None) as dag:\n    pass\n"
    result = _scan(tmp_path, airflow_index, {"dags/backfill.py": dag})
    assert kinds_of(result, "apache-airflow") == {"PipelineOrchestrator"}
    # Without a DAG the import alone does not tell which of the two roles Airflow serves.
    plain = _scan(tmp_path / "b", airflow_index, {"hooks.py": "import airflow\n"})
    assert kinds_of(plain, "apache-airflow") == set()


def test_only_the_module_that_gives_the_dag_is_its_orchestrator(
    tmp_path: Path, airflow_index: SignatureIndex
) -> None:
    """A DAG class of another library does not make an imported Airflow an orchestrator."""
    code = "import airflow\nfrom mylib import DAG\n\nflow = DAG('x', schedule='@daily')\n"
    result = _scan(tmp_path, airflow_index, {"flow.py": code})
    assert kinds_of(result, "apache-airflow") == set()

"""Pipeline kinds from step names (rule d of roles), the role-code-pattern rule, the
format signatures of data/signatures/format-*.ttl, and the format fixes of the detectors."""

from __future__ import annotations

from pathlib import Path

from mlopskg.namespaces import MLO
from mlopskg.resources import ProjectFiles
from mlopskg.scan import SignatureIndex, load_signatures, scan
from mlopskg.scan.detectors.ci import is_pipeline_definition
from mlopskg.scan.detectors.pipeline_steps import python_step_names
from mlopskg.scan.model import PipelineStep
from mlopskg.scan.pipeline_kinds import CI_WORDS, ML_WORDS, definition_kinds, name_kinds, words
from mlopskg.stores.embedded import EmbeddedStore
from tests.scan.conftest import TOOL, hits, kinds_of, scan_files, tools_found, write_tree

AIRFLOW_TRAINING = """
from airflow import DAG
from airflow.operators.python import PythonOperator

with DAG(dag_id="nightly_model", schedule="@daily") as dag:
    wait = PythonOperator(task_id="wait_for_ingest", python_callable=print)
    fit = PythonOperator(task_id="retrain_classifier", python_callable=print)
"""

AIRFLOW_INGEST = """
from airflow.decorators import dag, task


@dag(schedule="0 2 * * *")
def load_orders():
    @task
    def extract_orders():
        return []

    extract_orders()
"""


def test_words_split_names_at_case_digits_and_punctuation() -> None:
    assert words("trainChurnModel-v2_build") == ["train", "churn", "model", "v", "2", "build"]
    assert name_kinds("retrain_classifier", ML_WORDS) == {"TrainingPipeline"}
    assert name_kinds("validate-data", ML_WORDS) == {"DataPipeline"}
    assert name_kinds("batch_inference", ML_WORDS) == {"ServingPipeline"}
    assert name_kinds("drift-report", ML_WORDS) == {"MonitoringPipeline"}
    assert name_kinds("build-and-deploy", CI_WORDS) == {"BuildPipeline", "ReleasePipeline"}
    # "constrain" holds "train" but not as the start of a word.
    assert name_kinds("constrain_inputs", ML_WORDS) == set()


def test_a_training_definition_absorbs_its_data_steps() -> None:
    steps = [PipelineStep("p.py", 3, "extract"), PipelineStep("p.py", 4, "train_model")]
    assert set(definition_kinds(steps)) == {"TrainingPipeline"}
    alone = [PipelineStep("q.py", 3, "extract"), PipelineStep("q.py", 5, "build_features")]
    assert set(definition_kinds(alone)) == {"DataPipeline", "FeatureEngineeringPipeline"}


def test_python_pipeline_definitions_give_their_step_names() -> None:
    names = {name for name, _ in python_step_names(AIRFLOW_TRAINING)}
    assert {"nightly_model", "wait_for_ingest", "retrain_classifier"} <= names
    names = {name for name, _ in python_step_names(AIRFLOW_INGEST)}
    assert {"load_orders", "extract_orders"} <= names
    # Code without a pipeline definition, and code that does not parse, give nothing.
    assert python_step_names("def train():\n    pass\n") == []
    assert python_step_names("@dag(\ndef broken(:\n") == []


def test_airflow_dags_become_training_and_data_pipelines(
    tmp_path: Path, index: SignatureIndex
) -> None:
    result = scan_files(
        tmp_path,
        index,
        {"dags/nightly.py": AIRFLOW_TRAINING, "dags/orders.py": AIRFLOW_INGEST},
    )
    assert kinds_of(result, "apache-airflow") == {
        "PipelineOrchestrator",
        "TrainingPipeline",
        "DataPipeline",
    }
    by_kind = {c.kind.removeprefix(str(MLO)): c for c in result.components}
    training = by_kind["TrainingPipeline"]
    assert training.confidence == 0.6
    assert ("dags/nightly.py", 6, "retrain_classifier") in {
        (e.file, e.line, e.matched_text) for e in training.evidence
    }
    # The training DAG's wait_for_ingest task is a step of it, not a data pipeline.
    assert {e.file for e in by_kind["DataPipeline"].evidence if e.detector == "pipeline-steps"} == {
        "dags/orders.py"
    }


def test_ci_jobs_tell_build_and_release_but_not_training(
    tmp_path: Path, index: SignatureIndex
) -> None:
    workflow = """
        on: push
        jobs:
          unit-tests:
            runs-on: ubuntu-latest
            steps: [{run: pytest}]
          train:
            runs-on: ubuntu-latest
            steps: [{run: python train.py}]
          deploy:
            name: Release the model service
            runs-on: ubuntu-latest
            steps: [{run: ./deploy.sh}]
        """
    result = scan_files(tmp_path, index, {".github/workflows/ml.yml": workflow})
    assert kinds_of(result, "github-actions") == {"CICDEngine", "BuildPipeline", "ReleasePipeline"}
    assert (".github/workflows/ml.yml", 3, "unit-tests", "pipeline-steps") in hits(
        result, "github-actions"
    )


def test_dvc_stages_and_gitlab_jobs(tmp_path: Path, index: SignatureIndex) -> None:
    result = scan_files(
        tmp_path,
        index,
        {
            "dvc.yaml": "stages:\n  prepare:\n    cmd: a\n  featurize:\n    cmd: b\n",
            ".gitlab-ci.yml": "stages: [check, ship]\nlint-code:\n  stage: check\n"
            "  script: [ruff check]\npromote-model:\n  stage: ship\n  script: [./promote.sh]\n",
        },
    )
    assert kinds_of(result, "dvc") == {
        "DataVersionControl",
        "DataPipeline",
        "FeatureEngineeringPipeline",
    }
    assert kinds_of(result, "gitlab") == {"CICDEngine", "BuildPipeline", "ReleasePipeline"}


def test_a_definition_without_a_known_runner_gives_no_kind(
    tmp_path: Path, index: SignatureIndex
) -> None:
    # jobs: with kind words, but no tool shows in this file: nothing is assigned.
    result = scan_files(tmp_path, index, {"conf/jobs.yaml": "jobs:\n  train: {}\n"})
    assert not result.components and not result.sightings


def test_a_role_code_pattern_alone_adds_no_tool(tmp_path: Path, index: SignatureIndex) -> None:
    result = scan_files(tmp_path, index, {"serve.py": "URI = 'models:/churn/3'\n"})
    assert "mlflow" not in tools_found(result)
    result = scan_files(
        tmp_path / "b", index, {"serve.py": "import mlflow\nURI = 'models:/churn/3'\n"}
    )
    assert kinds_of(result, "mlflow") == {"ModelRegistry"}


def test_compose_volume_mounts_are_not_uris(tmp_path: Path, index: SignatureIndex) -> None:
    compose = """
        services:
          api:
            image: team/api
            volumes:
              - models:/opt/models
            environment:
              MODEL_URI: models:/churn/Production
        """
    result = scan_files(
        tmp_path, index, {"docker-compose.yml": compose, "requirements.txt": "mlflow\n"}
    )
    assert {e[1] for e in hits(result, "mlflow") if e[3] == "code-patterns"} == {7}


def test_config_files_in_hidden_folders_are_searched(tmp_path: Path, index: SignatureIndex) -> None:
    result = scan_files(
        tmp_path,
        index,
        {".tool/config": "[model]\nuri = models:/fraud/1\n", "requirements.txt": "mlflow\n"},
    )
    assert (".tool/config", 2, "models:/", "code-patterns") in hits(result, "mlflow")


def test_cloud_build_is_a_ci_definition() -> None:
    assert is_pipeline_definition("cloudbuild.yaml")
    assert is_pipeline_definition("deploy/cloudbuild.yml")
    assert not is_pipeline_definition("cloudbuild-notes.yaml")


def test_format_signatures_of_the_real_graph(
    tmp_path: Path, project: ProjectFiles, graph: EmbeddedStore
) -> None:
    index = load_signatures(graph, project.queries_dir)
    root = write_tree(
        tmp_path / "r",
        {
            "notebooks/explore.ipynb": '{"cells": [], "nbformat": 4, "nbformat_minor": 5}',
            "cloudbuild.yaml": "steps:\n- id: build-image\n  name: ubuntu\n",
            "k8s/app.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n",
            "compose.yaml": "services:\n  cache: {image: 'redis:7'}\n"
            "  dash: {image: 'grafana/grafana:11.0.0'}\n",
            "deploy.py": "IMAGE = 'us-west1-docker.pkg.dev/p/r/app:1'\nDATA = 's3://bucket/x'\n",
            "azure-pipelines.yml": "steps:\n- script: echo hi\n",
        },
    )
    result = scan([root], index)
    found = tools_found(result)
    assert {
        "jupyter-notebooks",
        "google-cloud-build",
        "kubernetes",
        "redis",
        "grafana",
        "google-artifact-registry",
        "amazon-s3",
        "azure-pipelines",
    } <= found
    assert kinds_of(result, "kubernetes") == {"ComputeResources"}
    assert kinds_of(result, "google-cloud-build") >= {"CICDEngine", "BuildPipeline"}
    assert index.images("europe-west4-docker.pkg.dev/proj/repo/trainer:latest")
    assert TOOL + "google-artifact-registry" not in {
        m.tool for m in index.images("docker.io/library/python")
    }

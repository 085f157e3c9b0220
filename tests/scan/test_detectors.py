"""Each detector on small, realistic files: which tools it finds, where, and by what."""

from __future__ import annotations

from pathlib import Path

from mlopskg.scan import SignatureIndex
from tests.scan.conftest import hits, kinds_of, scan_files, tools_found


def test_requirements_with_include_extras_markers_and_options(
    tmp_path: Path, index: SignatureIndex
) -> None:
    result = scan_files(
        tmp_path,
        index,
        {
            "requirements.txt": """
                # training
                -r requirements/base.txt
                --extra-index-url https://example.org/simple
                MLflow[extras]>=2.9 ; python_version >= "3.9"  # tracking
                -e ./libs/shared
                pandas==2.1.4
            """,
            "requirements/base.txt": "feast==0.36\nnot-a-known-package\n",
        },
    )
    assert hits(result, "mlflow") == {("requirements.txt", 4, "MLflow", "python-dependencies")}
    assert hits(result, "feast") == {("requirements/base.txt", 1, "feast", "python-dependencies")}
    assert "pandas" in tools_found(result)
    assert tools_found(result) == {"mlflow", "feast", "pandas"}


def test_include_outside_the_root_is_not_read(tmp_path: Path, index: SignatureIndex) -> None:
    (tmp_path / "outside.txt").write_text("feast\n")
    result = scan_files(tmp_path, index, {"requirements.txt": "-r ../outside.txt\n"})
    assert "feast" not in tools_found(result)


def test_pyproject_pep621_poetry_groups_and_tool_tables(
    tmp_path: Path, index: SignatureIndex
) -> None:
    result = scan_files(
        tmp_path,
        index,
        {
            "pyproject.toml": """
                [project]
                name = "churn"
                dependencies = ["mlflow>=2", "pandas"]
                [project.optional-dependencies]
                serve = ["bentoml"]
                [dependency-groups]
                dev = ["great_expectations"]
                [tool.poetry.dependencies]
                python = "^3.11"
                kfp = "^2.5"
                [tool.poetry.group.monitoring.dependencies]
                evidently = "*"
                [tool.zenml]
                stack = "local"
            """,
        },
    )
    assert {"mlflow", "bentoml", "great-expectations", "kubeflow-pipelines", "evidently"} <= (
        tools_found(result)
    )
    assert ("pyproject.toml", 3, "mlflow", "python-dependencies") in hits(result, "mlflow")
    assert ("pyproject.toml", 10, "kfp", "python-dependencies") in hits(
        result, "kubeflow-pipelines"
    )
    zenml = hits(result, "zenml")
    assert zenml == {("pyproject.toml", 13, "zenml", "python-dependencies")}


def test_setup_cfg_setup_py_and_pipfile(tmp_path: Path, index: SignatureIndex) -> None:
    result = scan_files(
        tmp_path,
        index,
        {
            "a/setup.cfg": """
                [metadata]
                name = a
                [options]
                install_requires =
                    feast>=0.30
                    requests
            """,
            "b/setup.py": """
                from setuptools import setup
                REQUIRES = ["evidently>=0.4", "numpy"]
                setup(name="b", install_requires=REQUIRES, extras_require={"ml": ["mlflow"]})
            """,
            "c/Pipfile": """
                [packages]
                bentoml = "*"
                [dev-packages]
                pytest = "*"
            """,
        },
    )
    assert hits(result, "feast") == {("a/setup.cfg", 5, "feast", "python-dependencies")}
    assert hits(result, "evidently") == {("b/setup.py", 2, "evidently", "python-dependencies")}
    assert ("b/setup.py", 3, "mlflow", "python-dependencies") in hits(result, "mlflow")
    assert hits(result, "bentoml") == {("c/Pipfile", 2, "bentoml", "python-dependencies")}


def test_setup_py_is_never_run(tmp_path: Path, index: SignatureIndex) -> None:
    marker = tmp_path / "ran"
    result = scan_files(
        tmp_path,
        index,
        {
            "setup.py": f"""
                open({str(marker)!r}, "w").write("ran")
                from setuptools import setup
                setup(install_requires=["feast"])
            """
        },
    )
    assert not marker.exists()
    assert "feast" in tools_found(result)


def test_conda_environment_with_pip_section(tmp_path: Path, index: SignatureIndex) -> None:
    result = scan_files(
        tmp_path,
        index,
        {
            "environment.yml": """
                name: train
                channels: [conda-forge]
                dependencies:
                  - python=3.11
                  - conda-forge::pandas=2.1
                  - pip
                  - pip:
                      - mlflow==2.9.2
                      - feast
            """
        },
    )
    assert ("environment.yml", 5, "pandas", "python-dependencies") in hits(result, "pandas")
    assert hits(result, "mlflow") == {("environment.yml", 8, "mlflow", "python-dependencies")}
    assert hits(result, "feast") == {("environment.yml", 9, "feast", "python-dependencies")}


def test_python_imports_aws_clients_and_code_patterns(
    tmp_path: Path, index: SignatureIndex
) -> None:
    result = scan_files(
        tmp_path,
        index,
        {
            "src/train.py": """
                import os, mlflow as ml
                from google.cloud import aiplatform
                from . import helpers
                import boto3

                s3 = boto3.client("s3")
                runtime = boto3.Session().client(service_name='sagemaker')
                text = "import feast"  # in a string, on a line that is not an import
            """,
        },
    )
    assert ("src/train.py", 1, "mlflow", "python-code") in hits(result, "mlflow")
    assert ("src/train.py", 2, "google.cloud", "python-code") not in hits(
        result, "google-vertex-ai"
    )
    assert hits(result, "amazon-s3") == {("src/train.py", 6, "s3", "python-code")}
    assert ("src/train.py", 7, "sagemaker", "python-code") in hits(result, "amazon-sagemaker")
    assert "feast" not in tools_found(result)


def test_from_import_of_a_submodule(tmp_path: Path, index: SignatureIndex) -> None:
    result = scan_files(
        tmp_path, index, {"pipeline.py": "from google.cloud.aiplatform import pipeline_jobs\n"}
    )
    assert hits(result, "google-vertex-ai") == {
        ("pipeline.py", 1, "google.cloud.aiplatform", "python-code")
    }


def test_notebook_imports_with_file_lines(tmp_path: Path, index: SignatureIndex) -> None:
    notebook = """
        {
         "cells": [
          {"cell_type": "markdown", "metadata": {}, "source": ["import feast is prose here"]},
          {
           "cell_type": "code",
           "metadata": {},
           "outputs": [],
           "source": [
            "import pandas as pd\\n",
            "import mlflow\\n",
            "mlflow.register_model(\\"runs:/1/model\\", \\"churn\\")"
           ]
          }
         ],
         "metadata": {},
         "nbformat": 4,
         "nbformat_minor": 5
        }
    """
    result = scan_files(tmp_path, index, {"notebooks/explore.ipynb": notebook})
    assert ("notebooks/explore.ipynb", 10, "mlflow", "python-code") in hits(result, "mlflow")
    assert ("notebooks/explore.ipynb", 11, "mlflow.register_model", "python-code") in hits(
        result, "mlflow"
    )
    assert "feast" not in tools_found(result)


def test_dockerfile_images_pip_and_entrypoint(tmp_path: Path, index: SignatureIndex) -> None:
    result = scan_files(
        tmp_path,
        index,
        {
            "serving/Dockerfile": """
                FROM --platform=linux/amd64 python:3.11-slim AS base
                FROM base
                RUN pip install --no-cache-dir \\
                    bentoml==1.2 evidently
                RUN dvc pull
                ENTRYPOINT ["bentoml", "serve", "service:svc"]
            """,
            "tracking/Dockerfile": "FROM ghcr.io/mlflow/mlflow:v2.9.2\nCMD mlflow server\n",
        },
    )
    assert ("serving/Dockerfile", 3, "bentoml", "dockerfile") in hits(result, "bentoml")
    assert ("serving/Dockerfile", 6, "bentoml", "dockerfile") in hits(result, "bentoml")
    assert ("serving/Dockerfile", 3, "evidently", "dockerfile") in hits(result, "evidently")
    assert ("serving/Dockerfile", 5, "dvc", "dockerfile") in hits(result, "dvc")
    assert ("tracking/Dockerfile", 1, "ghcr.io/mlflow/mlflow:v2.9.2", "dockerfile") in hits(
        result, "mlflow"
    )
    # The program a container serves is a prediction service when the tool realises it.
    assert "PredictionService" in kinds_of(result, "bentoml")
    assert "PredictionService" in kinds_of(result, "mlflow")
    # Docker itself, from the file name (a configuration-file signature).
    assert ("serving/Dockerfile", None, "Dockerfile", "ml-config") in hits(result, "docker")


def test_compose_images_and_commands(tmp_path: Path, index: SignatureIndex) -> None:
    result = scan_files(
        tmp_path,
        index,
        {
            "docker-compose.yml": """
                services:
                  prometheus:
                    image: prom/prometheus:v2.48.0
                  grafana:
                    image: docker.io/grafana/grafana-oss:10.2.2
                  tracking:
                    build: ./tracking
                    command: ["mlflow", "server", "--host", "0.0.0.0"]
                  app:
                    image: ${REGISTRY}/app:latest
            """
        },
    )
    assert hits(result, "prometheus") == {
        ("docker-compose.yml", 3, "prom/prometheus:v2.48.0", "compose")
    }
    assert hits(result, "grafana") == {
        ("docker-compose.yml", 5, "docker.io/grafana/grafana-oss:10.2.2", "compose")
    }
    assert hits(result, "mlflow") == {("docker-compose.yml", 8, "mlflow", "compose")}
    assert kinds_of(result, "mlflow") == {"PredictionService"}


def test_kubernetes_custom_resources_and_images(tmp_path: Path, index: SignatureIndex) -> None:
    result = scan_files(
        tmp_path,
        index,
        {
            "deploy/serving.yaml": """
                apiVersion: serving.kserve.io/v1beta1
                kind: InferenceService
                metadata:
                  name: churn
                spec:
                  predictor:
                    model:
                      modelFormat: {name: sklearn}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: tracking}
                spec:
                  template:
                    spec:
                      containers:
                        - name: mlflow
                          image: ghcr.io/mlflow/mlflow:v2.9.2
                          command: ["mlflow", "server"]
            """,
            "deploy/train.yaml": """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {generateName: train-}
            """,
        },
    )
    assert hits(result, "kserve") == {
        ("deploy/serving.yaml", 2, "serving.kserve.io/InferenceService", "kubernetes")
    }
    assert kinds_of(result, "kserve") == {"PredictionService"}
    assert ("deploy/serving.yaml", 18, "ghcr.io/mlflow/mlflow:v2.9.2", "kubernetes") in hits(
        result, "mlflow"
    )
    assert ("deploy/serving.yaml", 19, "mlflow", "kubernetes") in hits(result, "mlflow")
    assert hits(result, "argo-workflows") == {
        ("deploy/train.yaml", 2, "argoproj.io/Workflow", "kubernetes")
    }


def test_helm_chart_values_helmfile_and_flux(tmp_path: Path, index: SignatureIndex) -> None:
    result = scan_files(
        tmp_path,
        index,
        {
            "charts/platform/Chart.yaml": """
                apiVersion: v2
                name: platform
                version: 0.1.0
                dependencies:
                  - name: kube-prometheus-stack
                    version: 55.0.0
                    repository: https://prometheus-community.github.io/helm-charts
            """,
            "charts/platform/values.yaml": """
                tracking:
                  image:
                    registry: ghcr.io
                    repository: mlflow/mlflow
                    tag: v2.9.2
            """,
            "charts/platform/templates/deployment.yaml": """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ .Release.Name }}-grafana
                spec:
                  template:
                    spec:
                      containers:
                        - image: grafana/grafana:10.2.2
            """,
            "helmfile.yaml": """
                releases:
                  - name: airflow
                    chart: apache-airflow/airflow
            """,
            "clusters/prod/mlflow.yaml": """
                apiVersion: helm.toolkit.fluxcd.io/v2beta1
                kind: HelmRelease
                metadata: {name: mlflow}
                spec:
                  chart:
                    spec:
                      chart: mlflow
            """,
        },
    )
    assert hits(result, "prometheus") == {
        ("charts/platform/Chart.yaml", 5, "kube-prometheus-stack", "helm")
    }
    assert ("charts/platform/values.yaml", 4, "ghcr.io/mlflow/mlflow", "helm") in hits(
        result, "mlflow"
    )
    assert ("clusters/prod/mlflow.yaml", 7, "mlflow", "helm") in hits(result, "mlflow")
    assert hits(result, "grafana") == {
        ("charts/platform/templates/deployment.yaml", 9, "grafana/grafana:10.2.2", "kubernetes")
    }
    assert hits(result, "apache-airflow") == {("helmfile.yaml", 3, "airflow", "helm")}
    assert not [p for p in result.problems if "templates" in p.file]


def test_terraform_resources_data_and_wildcards(tmp_path: Path, index: SignatureIndex) -> None:
    result = scan_files(
        tmp_path,
        index,
        {
            "infra/main.tf": """
                provider "aws" {
                  region = "eu-west-1"
                }

                resource "aws_sagemaker_endpoint" "churn" {
                  name                 = "churn"
                  endpoint_config_name = aws_sagemaker_endpoint_configuration.churn.name
                }

                resource "aws_s3_bucket" "artifacts" {
                  bucket = "acme-ml-artifacts"
                }

                data "databricks_cluster" "shared" {
                  cluster_name = "shared"
                }

                module "vpc" {
                  source = "./modules/vpc"
                }
            """,
            "infra/modules/vpc/main.tf": 'resource "google_vertex_ai_endpoint" "e" {\n  name = "e"\n}\n',
        },
    )
    assert hits(result, "amazon-sagemaker") == {
        ("infra/main.tf", 5, "aws_sagemaker_endpoint", "terraform")
    }
    assert kinds_of(result, "amazon-sagemaker") == {"PredictionService"}
    assert hits(result, "amazon-s3") == {("infra/main.tf", 10, "aws_s3_bucket", "terraform")}
    assert hits(result, "databricks") == {("infra/main.tf", 14, "databricks_cluster", "terraform")}
    assert hits(result, "google-vertex-ai") == {
        ("infra/modules/vpc/main.tf", 1, "google_vertex_ai_endpoint", "terraform")
    }


def test_cloudformation_yaml_with_short_tags_and_json(
    tmp_path: Path, index: SignatureIndex
) -> None:
    result = scan_files(
        tmp_path,
        index,
        {
            "template.yaml": """
                AWSTemplateFormatVersion: "2010-09-09"
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !Sub "${AWS::StackName}-data"
                  Endpoint:
                    Type: AWS::SageMaker::Endpoint
                    Properties:
                      EndpointConfigName: !GetAtt Config.EndpointConfigName
                  Scorer:
                    Type: AWS::Serverless::Function
                    Properties:
                      Role: !Ref ScorerRole
            """,
            "stack.json": """
                {
                  "AWSTemplateFormatVersion": "2010-09-09",
                  "Resources": {
                    "Model": {"Type": "AWS::SageMaker::Model", "Properties": {}}
                  }
                }
            """,
        },
    )
    assert hits(result, "amazon-s3") == {("template.yaml", 5, "AWS::S3::Bucket", "cloudformation")}
    assert ("template.yaml", 9, "AWS::SageMaker::Endpoint", "cloudformation") in hits(
        result, "amazon-sagemaker"
    )
    assert ("stack.json", 4, "AWS::SageMaker::Model", "cloudformation") in hits(
        result, "amazon-sagemaker"
    )
    assert hits(result, "aws-lambda") == {
        ("template.yaml", 13, "AWS::Serverless::Function", "cloudformation")
    }
    assert not result.problems


def test_github_actions_workflow(tmp_path: Path, index: SignatureIndex) -> None:
    result = scan_files(
        tmp_path,
        index,
        {
            ".github/workflows/train.yml": """
                name: train
                on: [push]
                jobs:
                  train:
                    runs-on: ubuntu-latest
                    container: ghcr.io/mlflow/mlflow:v2.9.2
                    steps:
                      - uses: actions/checkout@v4
                      - uses: iterative/setup-cml@v2
                      - name: reproduce
                        run: |
                          pip install -r requirements.txt
                          dvc repro
                          cml comment create report.md
            """
        },
    )
    assert hits(result, "cml") >= {
        (".github/workflows/train.yml", 9, "iterative/setup-cml", "ci"),
        (".github/workflows/train.yml", 14, "cml", "ci"),
    }
    assert hits(result, "dvc") == {(".github/workflows/train.yml", 13, "dvc", "ci")}
    assert (".github/workflows/train.yml", 6, "ghcr.io/mlflow/mlflow:v2.9.2", "ci") in hits(
        result, "mlflow"
    )
    assert hits(result, "github-actions") == {
        (".github/workflows/train.yml", None, "train.yml", "ci")
    }
    assert kinds_of(result, "github-actions") == {"CICDEngine"}


def test_gitlab_jenkins_azure_circleci(tmp_path: Path, index: SignatureIndex) -> None:
    result = scan_files(
        tmp_path,
        index,
        {
            "gl/.gitlab-ci.yml": """
                image: python:3.11
                .setup: &setup
                  before_script:
                    - pip install dvc
                train:
                  <<: *setup
                  image: ghcr.io/mlflow/mlflow:v2.9.2
                  script:
                    - dvc repro
            """,
            "jk/Jenkinsfile": """
                pipeline {
                  agent { docker { image 'ghcr.io/mlflow/mlflow:v2.9.2' } }
                  stages {
                    stage('train') { steps { sh 'dvc repro' } }
                  }
                }
            """,
            "az/azure-pipelines.yml": """
                trigger: [main]
                pool: {vmImage: ubuntu-latest}
                steps:
                  - script: dvc pull
                    displayName: data
            """,
            "cc/.circleci/config.yml": """
                version: 2.1
                orbs:
                  cml: iterative/cml@1.0
                jobs:
                  train:
                    docker:
                      - image: ghcr.io/mlflow/mlflow:v2.9.2
                    steps:
                      - run:
                          command: dvc repro
            """,
        },
    )
    dvc = hits(result, "dvc")
    assert ("gl/.gitlab-ci.yml", 4, "dvc", "ci") in dvc
    assert ("gl/.gitlab-ci.yml", 9, "dvc", "ci") in dvc
    assert ("jk/Jenkinsfile", 4, "dvc", "ci") in dvc
    assert ("az/azure-pipelines.yml", 4, "dvc", "ci") in dvc
    assert ("cc/.circleci/config.yml", 10, "dvc", "ci") in dvc
    mlflow = hits(result, "mlflow")
    assert {f for f, _, _, _ in mlflow} == {
        "gl/.gitlab-ci.yml",
        "jk/Jenkinsfile",
        "cc/.circleci/config.yml",
    }
    assert ("cc/.circleci/config.yml", 3, "orb:iterative/cml", "ci") in hits(result, "cml")
    for ci_tool in ("gitlab", "jenkins", "azure-pipelines", "circleci"):
        assert kinds_of(result, ci_tool) == {"CICDEngine"}, ci_tool


def test_ml_configuration_files(tmp_path: Path, index: SignatureIndex) -> None:
    result = scan_files(
        tmp_path,
        index,
        {
            "dvc.yaml": "stages:\n  train:\n    cmd: python train.py\n",
            "data/raw.csv.dvc": "outs:\n- md5: 0\n  path: raw.csv\n",
            "feature_repo/feature_store.yaml": "project: churn\nprovider: local\n",
            "bentofile.yaml": "service: service:svc\n",
            "MLproject": "name: churn\nentry_points:\n  main:\n    command: python train.py\n",
            "great_expectations/great_expectations.yml": "config_version: 3\n",
            "monitoring/prometheus.yml": "scrape_configs: []\n",
            ".zen/config.yaml": "active_stack_id: 1\n",
        },
    )
    assert hits(result, "dvc") == {
        ("dvc.yaml", None, "dvc.yaml", "ml-config"),
        ("data/raw.csv.dvc", None, "raw.csv.dvc", "ml-config"),
        ("dvc.yaml", 2, "train", "pipeline-steps"),  # the stage name (rule d of roles)
    }
    assert kinds_of(result, "dvc") == {"DataVersionControl", "TrainingPipeline"}
    assert kinds_of(result, "feast") == {"FeatureStore"}
    assert kinds_of(result, "great-expectations") == {"DataValidation"}
    assert kinds_of(result, "prometheus") == {"MonitoringService"}
    assert kinds_of(result, "zenml") == {"PipelineOrchestrator"}
    assert {"bentoml", "mlflow"} <= tools_found(result)


def test_code_patterns_in_configuration_files(tmp_path: Path, index: SignatureIndex) -> None:
    result = scan_files(
        tmp_path,
        index,
        {
            "deploy/config.yaml": "model_uri: models:/churn/Production\n",
            "requirements.txt": "mlflow==2.9\n",
        },
    )
    assert ("deploy/config.yaml", 1, "models:/", "code-patterns") in hits(result, "mlflow")
    assert kinds_of(result, "mlflow") == {"ModelRegistry"}

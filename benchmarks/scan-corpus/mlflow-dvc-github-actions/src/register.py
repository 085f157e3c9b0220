"""Register the evaluated model in the MLflow Model Registry when it beats the champion."""

import json
from pathlib import Path

import mlflow
from mlflow import MlflowClient

MODEL_NAME = "fraud-detector"
MIN_AVERAGE_PRECISION = 0.62


def main() -> None:
    metrics = json.loads(Path("metrics.json").read_text())
    if metrics["average_precision"] < MIN_AVERAGE_PRECISION:
        print(f"average precision {metrics['average_precision']:.3f} too low, not registering")
        return
    run_id = Path("run_id.txt").read_text().strip()
    version = mlflow.register_model(f"runs:/{run_id}/model", MODEL_NAME)
    client = MlflowClient()
    client.set_registered_model_alias(MODEL_NAME, "challenger", version.version)
    client.set_model_version_tag(MODEL_NAME, version.version, "dvc_rev", run_id)


if __name__ == "__main__":
    main()

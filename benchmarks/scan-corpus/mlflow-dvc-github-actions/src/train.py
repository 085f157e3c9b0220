"""Train the fraud classifier and log the run to MLflow."""

import os
import pickle
import sys
from pathlib import Path

import mlflow
import pandas as pd
import yaml
from sklearn.ensemble import RandomForestClassifier

FEATURES = ["amount", "hour", "merchant_category", "distance_from_home"]


def main(data_dir: str, model_path: str) -> None:
    params = yaml.safe_load(Path("params.yaml").read_text())["train"]
    mlflow.set_tracking_uri(os.environ.get("MLFLOW_TRACKING_URI", "http://localhost:5000"))
    mlflow.set_experiment("fraud-scoring")
    train = pd.read_parquet(Path(data_dir) / "train.parquet")
    with mlflow.start_run(run_name="train") as run:
        mlflow.log_params(params)
        model = RandomForestClassifier(**params, n_jobs=-1)
        model.fit(train[FEATURES], train["is_fraud"])
        mlflow.log_metric("train_accuracy", model.score(train[FEATURES], train["is_fraud"]))
        mlflow.sklearn.log_model(model, artifact_path="model")
        Path("run_id.txt").write_text(run.info.run_id)
    Path(model_path).parent.mkdir(parents=True, exist_ok=True)
    with open(model_path, "wb") as handle:
        pickle.dump(model, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

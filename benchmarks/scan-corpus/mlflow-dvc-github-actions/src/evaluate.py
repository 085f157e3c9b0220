"""Evaluate the model on the held-out set; write metrics for DVC and MLflow."""

import json
import pickle
import sys
from pathlib import Path

import mlflow
import pandas as pd
from sklearn.metrics import average_precision_score, precision_recall_curve, roc_auc_score
from train import FEATURES


def main(model_path: str, data_dir: str) -> None:
    with open(model_path, "rb") as handle:
        model = pickle.load(handle)
    test = pd.read_parquet(Path(data_dir) / "test.parquet")
    scores = model.predict_proba(test[FEATURES])[:, 1]
    metrics = {
        "roc_auc": roc_auc_score(test["is_fraud"], scores),
        "average_precision": average_precision_score(test["is_fraud"], scores),
    }
    Path("metrics.json").write_text(json.dumps(metrics, indent=2))
    precision, recall, _ = precision_recall_curve(test["is_fraud"], scores)
    Path("plots").mkdir(exist_ok=True)
    pd.DataFrame({"precision": precision, "recall": recall}).to_csv(
        "plots/precision_recall.csv", index=False
    )
    with mlflow.start_run(run_id=Path("run_id.txt").read_text().strip()):
        mlflow.log_metrics(metrics)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

"""Train a LightGBM credit risk model; metrics and the model go to MLflow (the workspace)."""

import argparse
from pathlib import Path

import lightgbm as lgb
import mlflow
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--training-data", required=True)
    parser.add_argument("--learning-rate", type=float, default=0.1)
    parser.add_argument("--model-output", required=True)
    args = parser.parse_args()

    mlflow.autolog(log_models=False)
    frame = pd.read_parquet(Path(args.training_data) / "applications.parquet")
    target = frame.pop("defaulted")
    x_train, x_test, y_train, y_test = train_test_split(
        frame, target, test_size=0.25, stratify=target
    )
    model = lgb.LGBMClassifier(learning_rate=args.learning_rate, n_estimators=500)
    model.fit(x_train, y_train)
    mlflow.log_param("learning_rate", args.learning_rate)
    mlflow.log_metric("test_auc", roc_auc_score(y_test, model.predict_proba(x_test)[:, 1]))
    mlflow.lightgbm.save_model(model, args.model_output)


if __name__ == "__main__":
    main()

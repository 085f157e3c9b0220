"""Tune a gradient-boosting churn model with Optuna; track every trial in MLflow."""

import argparse

import mlflow
import optuna
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import cross_val_score

MODEL_NAME = "churn-classifier"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-path", required=True)
    parser.add_argument("--trials", type=int, default=40)
    args = parser.parse_args()
    frame = pd.read_parquet(args.data_path).set_index("customer_id")
    target = frame.pop("churned")

    def objective(trial: optuna.Trial) -> float:
        params = {
            "learning_rate": trial.suggest_float("learning_rate", 0.01, 0.3, log=True),
            "max_leaf_nodes": trial.suggest_int("max_leaf_nodes", 15, 127),
            "l2_regularization": trial.suggest_float("l2_regularization", 1e-6, 1.0, log=True),
        }
        with mlflow.start_run(nested=True, run_name=f"trial-{trial.number}"):
            mlflow.log_params(params)
            auc = cross_val_score(
                HistGradientBoostingClassifier(**params), frame, target, cv=5, scoring="roc_auc"
            ).mean()
            mlflow.log_metric("cv_auc", auc)
        return auc

    with mlflow.start_run(run_name="optuna-search"):
        study = optuna.create_study(
            direction="maximize", sampler=optuna.samplers.TPESampler(seed=3)
        )
        study.optimize(objective, n_trials=args.trials)
        mlflow.log_params(study.best_params)
        mlflow.log_metric("best_cv_auc", study.best_value)
        best = HistGradientBoostingClassifier(**study.best_params).fit(frame, target)
        mlflow.sklearn.log_model(best, artifact_path="model", registered_model_name=MODEL_NAME)


if __name__ == "__main__":
    main()

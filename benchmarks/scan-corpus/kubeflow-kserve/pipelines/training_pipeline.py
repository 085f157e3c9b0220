"""Churn training pipeline for Kubeflow Pipelines (KFP v2 SDK)."""

from kfp import compiler, dsl
from kfp.dsl import Dataset, Input, Metrics, Model, Output

BASE_IMAGE = "python:3.11-slim"


@dsl.component(base_image=BASE_IMAGE, packages_to_install=["pandas==2.2.3", "pyarrow==17.0.0"])
def load_data(source_uri: str, dataset: Output[Dataset]) -> None:
    import pandas as pd

    frame = pd.read_csv(source_uri)
    frame.to_parquet(dataset.path)


@dsl.component(base_image=BASE_IMAGE, packages_to_install=["pandas==2.2.3", "scikit-learn==1.5.2"])
def train_model(
    dataset: Input[Dataset], n_estimators: int, model: Output[Model], metrics: Output[Metrics]
) -> None:
    import pickle

    import pandas as pd
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.model_selection import cross_val_score

    frame = pd.read_parquet(dataset.path)
    features, target = frame.drop(columns=["churned"]), frame["churned"]
    classifier = GradientBoostingClassifier(n_estimators=n_estimators)
    metrics.log_metric(
        "cv_auc", cross_val_score(classifier, features, target, scoring="roc_auc").mean()
    )
    classifier.fit(features, target)
    with open(model.path, "wb") as handle:
        pickle.dump(classifier, handle)


@dsl.pipeline(name="churn-training", description="Train the churn classifier")
def churn_training(source_uri: str = "s3://datasets/churn/latest.csv", n_estimators: int = 200):
    data = load_data(source_uri=source_uri)
    train_model(dataset=data.outputs["dataset"], n_estimators=n_estimators).set_cpu_limit("2")


if __name__ == "__main__":
    compiler.Compiler().compile(churn_training, package_path="churn_training.yaml")

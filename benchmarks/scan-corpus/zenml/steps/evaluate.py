import mlflow
import pandas as pd
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import Pipeline
from zenml import log_artifact_metadata, step


@step(experiment_tracker="mlflow_tracker")
def evaluate_model(model: Pipeline, test_set: pd.DataFrame) -> float:
    predictions = model.predict(test_set["text"])
    accuracy = accuracy_score(test_set["positive"], predictions)
    mlflow.log_metric("test_accuracy", accuracy)
    mlflow.log_metric("test_f1", f1_score(test_set["positive"], predictions))
    log_artifact_metadata(metadata={"test_accuracy": accuracy}, artifact_name="model")
    return accuracy

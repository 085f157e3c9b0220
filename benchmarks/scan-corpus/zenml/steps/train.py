import mlflow
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from zenml import step


@step(experiment_tracker="mlflow_tracker")
def train_model(train_set: pd.DataFrame, c: float = 1.0) -> Pipeline:
    mlflow.sklearn.autolog()
    model = Pipeline(
        [("tfidf", TfidfVectorizer(min_df=3, ngram_range=(1, 2))), ("clf", LogisticRegression(C=c))]
    )
    model.fit(train_set["text"], train_set["positive"])
    mlflow.log_param("vocabulary_size", len(model.named_steps["tfidf"].vocabulary_))
    return model

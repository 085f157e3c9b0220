"""Training code baked into the trainer image."""

from pathlib import Path

import joblib
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split


def fit_and_save(dataset_path: str, model_dir: str) -> float:
    frame = pd.read_parquet(dataset_path)
    target = frame.pop("converted")
    x_train, x_test, y_train, y_test = train_test_split(
        frame, target, test_size=0.2, random_state=7
    )
    model = LogisticRegression(max_iter=1000).fit(x_train, y_train)
    Path(model_dir).mkdir(parents=True, exist_ok=True)
    joblib.dump(model, Path(model_dir) / "model.joblib")
    return float(roc_auc_score(y_test, model.predict_proba(x_test)[:, 1]))

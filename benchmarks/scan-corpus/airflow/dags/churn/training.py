"""The work behind the churn DAG's tasks."""

import json
import shutil
from pathlib import Path

import joblib
import pandas as pd
from airflow.providers.postgres.hooks.postgres import PostgresHook
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

WORK = Path("/opt/airflow/models/work")
PUBLISHED = Path("/opt/airflow/models/published")
FEATURES_SQL = """
SELECT customer_id, tenure_months, monthly_charges, failed_payments_90d, churned
FROM churn_features_v
"""


def build_features(**_: object) -> None:
    frame = PostgresHook(postgres_conn_id="analytics_db").get_pandas_df(FEATURES_SQL)
    WORK.mkdir(parents=True, exist_ok=True)
    frame.to_parquet(WORK / "features.parquet")


def train_candidate(**_: object) -> None:
    frame = pd.read_parquet(WORK / "features.parquet").set_index("customer_id")
    target = frame.pop("churned")
    x_train, x_test, y_train, y_test = train_test_split(
        frame, target, test_size=0.2, random_state=1
    )
    model = RandomForestClassifier(n_estimators=400, min_samples_leaf=5).fit(x_train, y_train)
    joblib.dump(model, WORK / "candidate.joblib")
    score = f1_score(y_test, model.predict(x_test))
    (WORK / "metrics.json").write_text(json.dumps({"f1": score}))


def evaluate_candidate(**_: object) -> bool:
    return json.loads((WORK / "metrics.json").read_text())["f1"] >= 0.55


def publish_model(ds: str, **_: object) -> None:
    PUBLISHED.mkdir(parents=True, exist_ok=True)
    shutil.copy(WORK / "candidate.joblib", PUBLISHED / f"churn-{ds}.joblib")

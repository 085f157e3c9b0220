"""Compare recent requests with the training data using Evidently; export the result."""

import os
import time
from datetime import UTC, datetime

import pandas as pd
from evidently import ColumnMapping
from evidently.metric_preset import DataDriftPreset, DataQualityPreset
from evidently.report import Report
from prometheus_client import Gauge, start_http_server

FEATURES = ["surface_m2", "rooms", "distance_to_centre_km", "year_built"]
DRIFT_SHARE = Gauge("price_feature_drift_share", "Share of drifted features in the last window")
DATASET_DRIFT = Gauge("price_dataset_drift", "1 when Evidently flags dataset drift")


def check_once(reference: pd.DataFrame) -> None:
    current = pd.read_csv(os.environ["PREDICTIONS_PATH"]).tail(5000)
    report = Report(metrics=[DataDriftPreset(), DataQualityPreset()])
    report.run(
        reference_data=reference[FEATURES],
        current_data=current[FEATURES],
        column_mapping=ColumnMapping(numerical_features=FEATURES),
    )
    result = report.as_dict()["metrics"][0]["result"]
    DRIFT_SHARE.set(result["share_of_drifted_columns"])
    DATASET_DRIFT.set(1.0 if result["dataset_drift"] else 0.0)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M")
    report.save_html(f"/reports/drift-{stamp}.html")


def main() -> None:
    start_http_server(8001)
    reference = pd.read_parquet(os.environ["REFERENCE_PATH"])
    while True:
        check_once(reference)
        time.sleep(int(os.environ.get("CHECK_EVERY_SECONDS", "900")))


if __name__ == "__main__":
    main()

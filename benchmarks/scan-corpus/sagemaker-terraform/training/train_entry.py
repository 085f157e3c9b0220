"""Runs inside the SageMaker training container: reads the train channel, writes the model."""

import json
import os
from pathlib import Path

import joblib
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor

INPUT = Path(os.environ.get("SM_CHANNEL_TRAIN", "/opt/ml/input/data/train"))
MODEL_DIR = Path(os.environ.get("SM_MODEL_DIR", "/opt/ml/model"))
HYPERPARAMETERS = Path("/opt/ml/input/config/hyperparameters.json")


def main() -> None:
    params = json.loads(HYPERPARAMETERS.read_text()) if HYPERPARAMETERS.exists() else {}
    frame = pd.concat(pd.read_csv(path) for path in INPUT.glob("*.csv"))
    target = frame.pop("units_sold")
    model = HistGradientBoostingRegressor(max_iter=int(params.get("max_iter", 400)))
    model.fit(frame, target)
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, MODEL_DIR / "model.joblib")


if __name__ == "__main__":
    main()

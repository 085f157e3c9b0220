"""Split the raw transactions into train and test sets."""

import sys
from pathlib import Path

import pandas as pd
import yaml
from sklearn.model_selection import train_test_split


def main(raw_csv: str, out_dir: str) -> None:
    params = yaml.safe_load(Path("params.yaml").read_text())["prepare"]
    frame = pd.read_csv(raw_csv)
    frame = frame.dropna(subset=["amount", "merchant_category", "is_fraud"])
    train, test = train_test_split(
        frame,
        test_size=params["test_size"],
        random_state=params["seed"],
        stratify=frame["is_fraud"],
    )
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    train.to_parquet(out / "train.parquet")
    test.to_parquet(out / "test.parquet")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

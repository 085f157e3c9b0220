"""Clean the raw applications file and write a parquet folder."""

import argparse
from pathlib import Path

import pandas as pd


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--raw-data", required=True)
    parser.add_argument("--prepared-data", required=True)
    args = parser.parse_args()
    frame = pd.read_csv(args.raw_data)
    frame = frame.drop_duplicates("application_id").fillna({"employment_years": 0})
    Path(args.prepared_data).mkdir(parents=True, exist_ok=True)
    frame.to_parquet(Path(args.prepared_data) / "applications.parquet")


if __name__ == "__main__":
    main()

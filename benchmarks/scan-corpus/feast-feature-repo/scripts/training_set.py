"""Build a point-in-time correct training set from past assignments."""

import pandas as pd
from feast import FeatureStore


def main() -> None:
    store = FeatureStore(repo_path="feature_repo")
    assignments = pd.read_parquet("data/assignments.parquet")
    training = store.get_historical_features(
        entity_df=assignments[["courier_id", "zone_id", "event_timestamp", "pickup_distance_km"]],
        features=store.get_feature_service("assignment_v2"),
    ).to_df()
    training.to_parquet("data/training_set.parquet")


if __name__ == "__main__":
    main()

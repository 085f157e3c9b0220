"""Load the latest feature values into the Redis online store."""

from datetime import UTC, datetime

from feast import FeatureStore


def main() -> None:
    store = FeatureStore(repo_path="feature_repo")
    store.materialize_incremental(end_date=datetime.now(UTC))


if __name__ == "__main__":
    main()

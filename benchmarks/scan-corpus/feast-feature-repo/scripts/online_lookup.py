"""What the dispatch service asks for at assignment time."""

from feast import FeatureStore

store = FeatureStore(repo_path="feature_repo")
features = store.get_online_features(
    features=store.get_feature_service("assignment_v2"),
    entity_rows=[{"courier_id": 1042, "zone_id": 7, "pickup_distance_km": 1.8}],
).to_dict()
print(features)

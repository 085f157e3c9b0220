from datetime import timedelta

import pandas as pd
from entities import courier, zone
from feast import FeatureService, FeatureView, Field, RequestSource
from feast.on_demand_feature_view import on_demand_feature_view
from feast.types import Float32, Float64, Int64
from sources import courier_stats_source, zone_demand_source

courier_hourly = FeatureView(
    name="courier_hourly",
    entities=[courier],
    ttl=timedelta(hours=6),
    schema=[
        Field(name="deliveries_last_hour", dtype=Int64),
        Field(name="avg_delivery_minutes", dtype=Float32),
        Field(name="acceptance_rate", dtype=Float32),
    ],
    online=True,
    source=courier_stats_source,
    tags={"owner": "dispatch-ml"},
)

zone_demand = FeatureView(
    name="zone_demand",
    entities=[zone],
    ttl=timedelta(hours=1),
    schema=[Field(name="open_orders", dtype=Int64), Field(name="idle_couriers", dtype=Int64)],
    online=True,
    source=zone_demand_source,
)

job_request = RequestSource(
    name="job_request", schema=[Field(name="pickup_distance_km", dtype=Float64)]
)


@on_demand_feature_view(
    sources=[courier_hourly, job_request],
    schema=[Field(name="expected_pickup_minutes", dtype=Float64)],
)
def pickup_estimate(inputs: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame()
    out["expected_pickup_minutes"] = (
        inputs["pickup_distance_km"] * 3.0 / inputs["acceptance_rate"].clip(lower=0.1)
    )
    return out


assignment_v2 = FeatureService(
    name="assignment_v2",
    features=[courier_hourly, zone_demand[["open_orders"]], pickup_estimate],
)

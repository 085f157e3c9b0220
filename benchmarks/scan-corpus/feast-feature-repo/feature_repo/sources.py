from feast import FileSource

courier_stats_source = FileSource(
    name="courier_hourly_stats",
    path="data/courier_hourly_stats.parquet",
    timestamp_field="window_end",
    created_timestamp_column="loaded_at",
)

zone_demand_source = FileSource(
    name="zone_demand",
    path="data/zone_demand.parquet",
    timestamp_field="window_end",
)

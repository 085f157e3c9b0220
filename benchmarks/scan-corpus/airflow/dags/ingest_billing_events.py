"""Load yesterday's billing events export into the analytics database."""

import pendulum
from airflow.decorators import dag, task
from airflow.providers.postgres.hooks.postgres import PostgresHook


@dag(
    schedule="0 2 * * *",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    catchup=False,
    tags=["billing", "ingest"],
)
def ingest_billing_events():
    @task
    def extract(ds=None) -> str:
        return f"/opt/airflow/exports/billing_events_{ds}.csv"

    @task
    def load(path: str) -> int:
        hook = PostgresHook(postgres_conn_id="analytics_db")
        hook.copy_expert("COPY billing_events FROM STDIN WITH CSV HEADER", path)
        return hook.get_first("SELECT count(*) FROM billing_events")[0]

    load(extract())


ingest_billing_events()

"""Nightly retraining of the churn model from the analytics database."""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.python import PythonOperator, ShortCircuitOperator
from airflow.sensors.external_task import ExternalTaskSensor
from churn.training import build_features, evaluate_candidate, publish_model, train_candidate

default_args = {"owner": "ml-platform", "retries": 2, "retry_delay": timedelta(minutes=10)}

with DAG(
    dag_id="train_churn_model",
    schedule="@daily",
    start_date=datetime(2024, 1, 1),
    catchup=False,
    default_args=default_args,
    tags=["ml", "churn"],
) as dag:
    wait_for_ingest = ExternalTaskSensor(
        task_id="wait_for_ingest",
        external_dag_id="ingest_billing_events",
        execution_delta=timedelta(hours=1),
        mode="reschedule",
    )
    features = PythonOperator(task_id="build_features", python_callable=build_features)
    train = PythonOperator(task_id="train_candidate", python_callable=train_candidate)
    good_enough = ShortCircuitOperator(
        task_id="evaluate_candidate", python_callable=evaluate_candidate
    )
    publish = PythonOperator(task_id="publish_model", python_callable=publish_model)

    wait_for_ingest >> features >> train >> good_enough >> publish

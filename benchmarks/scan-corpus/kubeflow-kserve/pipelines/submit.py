"""Submit the compiled pipeline to the Kubeflow Pipelines API."""

import argparse

import kfp


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="http://ml-pipeline-ui.kubeflow.svc.cluster.local")
    parser.add_argument("--experiment", default="churn")
    args = parser.parse_args()
    client = kfp.Client(host=args.host)
    run = client.create_run_from_pipeline_package(
        "churn_training.yaml",
        arguments={"n_estimators": 300},
        experiment_name=args.experiment,
        enable_caching=True,
    )
    print(f"submitted run {run.run_id}")


if __name__ == "__main__":
    main()

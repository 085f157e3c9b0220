"""Upload this week's data to S3 and start a SageMaker training job with the ECR image."""

import datetime as dt
import os

import boto3
import sagemaker
from sagemaker.estimator import Estimator

REGION = "eu-west-1"
ACCOUNT = os.environ["AWS_ACCOUNT_ID"]
IMAGE = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/demand-forecast-training:latest"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/demand-forecast-sagemaker"


def main() -> None:
    week = dt.date.today().isocalendar()
    key = f"weekly/{week.year}-W{week.week:02d}/sales.csv"
    boto3.client("s3").upload_file("data/sales.csv", "acme-demand-forecast-data", key)
    session = sagemaker.Session(boto3.Session(region_name=REGION))
    estimator = Estimator(
        image_uri=IMAGE,
        role=ROLE,
        instance_count=1,
        instance_type="ml.m5.xlarge",
        output_path="s3://acme-demand-forecast-models/training-output",
        hyperparameters={"max_iter": 400},
        sagemaker_session=session,
    )
    estimator.fit({"train": f"s3://acme-demand-forecast-data/weekly/{week.year}-W{week.week:02d}"})
    print(estimator.model_data)


if __name__ == "__main__":
    main()

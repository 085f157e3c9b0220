"""Register the latest training job's model in the SageMaker Model Registry."""

import sys

import boto3

sagemaker_client = boto3.client("sagemaker", region_name="eu-west-1")


def main(training_job_name: str) -> None:
    job = sagemaker_client.describe_training_job(TrainingJobName=training_job_name)
    package = sagemaker_client.create_model_package(
        ModelPackageGroupName="demand-forecast",
        ModelPackageDescription=f"trained by {training_job_name}",
        InferenceSpecification={
            "Containers": [
                {
                    "Image": job["AlgorithmSpecification"]["TrainingImage"],
                    "ModelDataUrl": job["ModelArtifacts"]["S3ModelArtifacts"],
                }
            ],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"],
        },
        ModelApprovalStatus="PendingManualApproval",
    )
    print(package["ModelPackageArn"])


if __name__ == "__main__":
    main(sys.argv[1])

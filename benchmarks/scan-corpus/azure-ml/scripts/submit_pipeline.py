"""Submit the training pipeline and register its model in the workspace's model registry."""

import os

from azure.ai.ml import MLClient, load_job
from azure.ai.ml.constants import AssetTypes
from azure.ai.ml.entities import Model
from azure.identity import DefaultAzureCredential


def main() -> None:
    ml_client = MLClient(
        DefaultAzureCredential(),
        subscription_id=os.environ["AZURE_SUBSCRIPTION_ID"],
        resource_group_name=os.environ["AZURE_RESOURCE_GROUP"],
        workspace_name=os.environ["AZUREML_WORKSPACE"],
    )
    pipeline_job = load_job("pipelines/train-pipeline.yml")
    submitted = ml_client.jobs.create_or_update(pipeline_job)
    ml_client.jobs.stream(submitted.name)
    model = Model(
        path=f"azureml://jobs/{submitted.name}/outputs/trained_model",
        type=AssetTypes.MLFLOW_MODEL,
        name="credit-risk-model",
        description="Credit risk classifier trained by the credit-risk-training pipeline",
    )
    registered = ml_client.models.create_or_update(model)
    print(f"registered {registered.name}:{registered.version}")


if __name__ == "__main__":
    main()

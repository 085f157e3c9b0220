"""The propensity pipeline: extract, train, upload to the Model Registry, deploy."""

from components import extract, train
from google_cloud_pipeline_components.types import artifact_types
from google_cloud_pipeline_components.v1.endpoint import EndpointCreateOp, ModelDeployOp
from google_cloud_pipeline_components.v1.model import ModelUploadOp
from kfp import compiler, dsl

SERVING_IMAGE = "europe-docker.pkg.dev/vertex-ai/prediction/sklearn-cpu.1-3:latest"


@dsl.pipeline(name="propensity-training")
def propensity_pipeline(
    project: str,
    location: str = "europe-west4",
    bucket: str = "acme-ml-prod-data",
    prefix: str = "propensity/daily/",
):
    data = extract(bucket=bucket, prefix=prefix)
    trained = train(dataset=data.outputs["dataset"])
    unmanaged_model = dsl.importer(
        artifact_uri=trained.outputs["model_dir"],
        artifact_class=artifact_types.UnmanagedContainerModel,
        metadata={"containerSpec": {"imageUri": SERVING_IMAGE}},
    )
    uploaded = ModelUploadOp(
        project=project,
        location=location,
        display_name="propensity",
        unmanaged_container_model=unmanaged_model.outputs["artifact"],
    )
    endpoint = EndpointCreateOp(project=project, location=location, display_name="propensity")
    ModelDeployOp(
        model=uploaded.outputs["model"],
        endpoint=endpoint.outputs["endpoint"],
        dedicated_resources_machine_type="n1-standard-4",
        dedicated_resources_min_replica_count=1,
        dedicated_resources_max_replica_count=3,
    )


if __name__ == "__main__":
    compiler.Compiler().compile(propensity_pipeline, package_path="propensity_pipeline.json")

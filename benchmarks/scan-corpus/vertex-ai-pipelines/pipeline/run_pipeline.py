"""Submit the compiled pipeline to Vertex AI Pipelines."""

import argparse

from google.cloud import aiplatform

PROJECT = "acme-ml-prod"
LOCATION = "europe-west4"
PIPELINE_ROOT = "gs://acme-ml-prod-pipelines/propensity"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--service-account", default="vertex-pipelines@acme-ml-prod.iam.gserviceaccount.com"
    )
    args = parser.parse_args()
    aiplatform.init(project=PROJECT, location=LOCATION, staging_bucket=PIPELINE_ROOT)
    job = aiplatform.PipelineJob(
        display_name="propensity-training",
        template_path="propensity_pipeline.json",
        pipeline_root=PIPELINE_ROOT,
        parameter_values={"project": PROJECT, "location": LOCATION},
        enable_caching=True,
    )
    job.submit(service_account=args.service_account)


if __name__ == "__main__":
    main()

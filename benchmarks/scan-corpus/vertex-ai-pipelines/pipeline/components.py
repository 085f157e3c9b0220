"""KFP v2 components of the propensity pipeline."""

from kfp import dsl
from kfp.dsl import Dataset, Input, Metrics, Output

TRAINER_IMAGE = "europe-west4-docker.pkg.dev/acme-ml-prod/ml/propensity-trainer:latest"


@dsl.component(
    base_image="python:3.11-slim",
    packages_to_install=["google-cloud-storage==2.18.2", "pandas==2.2.3", "pyarrow==17.0.0"],
)
def extract(bucket: str, prefix: str, dataset: Output[Dataset]) -> None:
    import io

    import pandas as pd
    from google.cloud import storage

    client = storage.Client()
    frames = [
        pd.read_csv(io.BytesIO(blob.download_as_bytes()))
        for blob in client.list_blobs(bucket, prefix=prefix)
        if blob.name.endswith(".csv")
    ]
    pd.concat(frames).to_parquet(dataset.path)


@dsl.component(base_image=TRAINER_IMAGE)
def train(
    dataset: Input[Dataset], metrics: Output[Metrics], model_dir: dsl.OutputPath(str)
) -> None:
    from trainer.task import fit_and_save

    auc = fit_and_save(dataset.path, model_dir)
    metrics.log_metric("auc", auc)

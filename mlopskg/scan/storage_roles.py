"""Object storage: the role an object-storage URI shows, and S3 endpoints that are not AWS.

A bucket, an ``s3://`` URI or a storage client rarely tells whether the store holds data
or artifacts. Two places in the files do, by format and API rather than by name:

- the code around a storage URI (a URI-scheme code pattern such as ``s3://`` or ``gs://``,
  on its line, or the line before a YAML ``value:`` entry of a ``- name: X`` pair):
  dataframe and Spark reads and writes, and SageMaker's ``fit`` inputs, address **data**
  (the data-store role); MLflow's artifact location and artifact root, KServe's
  ``storageUri``, SageMaker's ``model_data`` and ``output_path`` and a KFP pipeline root
  address **artifacts and models** (the artifact-registry role). A URI in a DVC
  configuration file (``.dvc/config``, where remotes are) is a data store;
- Python code that reads or writes a dataframe in a file that also uses a storage client
  (``from google.cloud import storage``, ``boto3.client("s3")``): the data-store role for
  that client's tool.

The role is a format hint (rule (b) of :mod:`.roles`): it counts only for a tool that
realises the kind.

``s3://`` is also the scheme of S3-compatible stores. A repository that sets an S3 API
endpoint (KServe's ``serving.kserve.io/s3-endpoint``, ``endpoint_url``, ``AWS_ENDPOINT_URL``,
``MLFLOW_S3_ENDPOINT_URL``, DVC's ``endpointurl``) to a host outside ``amazonaws.com``
addresses another store with its ``s3://`` URIs: they are then not evidence of Amazon S3,
but of the tool the endpoint's host names when the scan identifies that tool (a MinIO
image and ``minio-service:9000``), and otherwise of nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from mlopskg.namespaces import MLO

DATA_STORE = str(MLO.DataStore)
ARTIFACT_REGISTRY = str(MLO.ArtifactRegistry)

#: The code pattern of the S3 URI scheme, which S3-compatible stores share.
S3_SCHEME = "s3://"

#: Code that addresses artifacts or models at a storage URI.
_ARTIFACT_CONTEXT = re.compile(
    r"artifact[_-]?location|artifact[_-]?root|artifacts[_-]destination|artifactRoot"
    r"|storage[_-]?uri|model[_-]data|output[_-]path|pipeline[_-]root",
    re.IGNORECASE,
)
#: Code that reads or writes data at a storage URI (pandas, pyarrow, Polars, Dask, Spark,
#: SageMaker's ``fit`` input channels).
_DATA_CONTEXT = re.compile(
    r"\b(?:read|scan|to|write)_(?:csv|parquet|json|feather|orc|excel|table|delta|pickle)\s*\("
    r"|\bspark\.read\b|\.read\.(?:csv|parquet|json|orc|format|load|table)\b"
    r"|\.write\.(?:csv|parquet|json|orc|format|save|mode)\b"
    r"|\.fit\(\s*(?:inputs\s*=\s*)?[\"'{]"
)
#: Dataframe reads and writes anywhere in a Python file (for rule two above).
DATAFRAME_IO = re.compile(
    r"\b(?:read|to)_(?:csv|parquet|json|feather|orc|excel|table)\s*\(|\bspark\.read\b"
)
#: A YAML ``value:`` entry, whose name is on the line before (Kubernetes ``env``).
_VALUE_LINE = re.compile(r"\s*(?:-\s*)?value\s*:")
#: Files whose storage URIs are data remotes.
_DATA_CONFIG = re.compile(r"(?:^|/)\.dvc/config(?:\.local)?$")

#: An S3 API endpoint setting and its value (YAML, INI, .env, Python keyword or dict).
_ENDPOINT = re.compile(
    r"(?:s3-endpoint|endpoint_url|AWS_ENDPOINT_URL(?:_S3)?|MLFLOW_S3_ENDPOINT_URL|endpointurl)"
    r"[\"']?\s*[:=]\s*[\"']?([A-Za-z][\w+.-]*://)?([A-Za-z0-9][\w.-]*)(?![\w.(\[-])",
    re.IGNORECASE,
)


class StorageEndpoint(NamedTuple):
    """An S3 API endpoint a file sets to a host outside AWS."""

    file: str
    line: int
    host: str


def uri_role(rel: str, text: str, start: int) -> str | None:
    """The kind that the code around a storage URI at ``start`` of ``text`` shows."""
    if _DATA_CONFIG.search(rel):
        return DATA_STORE
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    current = text[line_start : len(text) if line_end == -1 else line_end]
    if _ARTIFACT_CONTEXT.search(current):
        return ARTIFACT_REGISTRY
    if _DATA_CONTEXT.search(current):
        return DATA_STORE
    if line_start and _VALUE_LINE.match(current):
        # "- name: STORAGE_URI" / "value: s3://...": the name is on the line before.
        previous = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start]
        if _ARTIFACT_CONTEXT.search(previous):
            return ARTIFACT_REGISTRY
    return None


def non_aws_endpoints(display: str, text: str) -> list[StorageEndpoint]:
    """The S3 API endpoints that a file sets to a host outside ``amazonaws.com``."""
    if "ndpoint" not in text and "NDPOINT" not in text:
        return []
    found: list[StorageEndpoint] = []
    for match in _ENDPOINT.finditer(text):
        host = match.group(2).lower()
        if host.endswith(("amazonaws.com", "amazonaws.com.cn")):
            continue
        line = text.count("\n", 0, match.start()) + 1
        found.append(StorageEndpoint(display, line, host))
    return found


def _words(text: str) -> list[str]:
    return [word for word in re.split(r"[^a-z0-9]+", text.lower()) if word]


def host_names_tool(host: str, slug: str) -> bool:
    """Whether the words of a tool's slug occur in a row among the words of the host's
    first label (the service: ``minio-service`` of ``minio-service.kubeflow``; the labels
    after it are namespaces and domains)."""
    host_words, slug_words = _words(host.split(".", 1)[0]), _words(slug)
    size = len(slug_words)
    return bool(size) and any(
        host_words[i : i + size] == slug_words for i in range(len(host_words) - size + 1)
    )


def endpoint_tool(endpoints: Iterable[StorageEndpoint], tools: Iterable[str]) -> str | None:
    """The one identified tool (IRI) that the hosts of the endpoints name, if exactly one."""
    named = {
        tool
        for tool in tools
        for endpoint in endpoints
        if host_names_tool(endpoint.host, tool.rstrip("/").rsplit("/", 1)[-1])
    }
    return next(iter(named)) if len(named) == 1 else None

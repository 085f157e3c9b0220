"""Configuration files that belong to one tool, matched by path against the tools'
``mlo:configFile`` signatures (``dvc.yaml``, ``*.dvc``, ``MLproject``,
``feature_store.yaml``, ``bentofile.yaml``, Kedro's, ZenML's, Great Expectations',
Prometheus' and Grafana's files, ...). The file is not read: its name is the evidence.

A pipeline definition of a CI system (see :mod:`.ci`) hints the CI/CD engine kind; such
evidence is reported under the ``ci`` detector.

Confidence: 0.9 for a configuration file; 0.95 for a CI system's pipeline definition.
"""

from __future__ import annotations

from mlopskg.scan.detectors.ci import is_pipeline_definition
from mlopskg.scan.index import SignatureIndex, kind_iri
from mlopskg.scan.model import Evidence

NAME = "ml-config"


def detect_path(rel: str, display: str, index: SignatureIndex) -> list[Evidence]:
    """Evidence for every tool whose configuration file this path is."""
    matches = index.config_files(rel)
    if not matches:
        return []
    name = rel.rsplit("/", 1)[-1]
    if is_pipeline_definition(rel):
        detector, confidence, hint = "ci", 0.95, kind_iri("CICDEngine")
    else:
        detector, confidence, hint = NAME, 0.9, None
    return [
        Evidence(match.tool, display, None, name, detector, confidence, match.kind, hint)
        for match in matches
    ]

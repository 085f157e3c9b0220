"""Helm: the dependencies of ``Chart.yaml`` (and the chart's own name), the images of
``values*.yaml``, the charts of helmfile releases and kustomize ``helmCharts``, and (for
:mod:`.kubernetes`) the charts of Flux HelmReleases and Argo CD Applications.

Confidence: 0.9 for a chart a file installs (dependency, release, HelmRelease); 0.7 for
a chart's own name (a vendored chart); 0.8 for an image in values.
"""

from __future__ import annotations

import re

import yaml

from mlopskg.scan.files import ScannedFile
from mlopskg.scan.model import Evidence
from mlopskg.scan.parsing import elements, get, line_of, scalar, walk

NAME = "helm"

_VALUES = re.compile(r"^values[^/]*\.ya?ml$")
_HELMFILE = re.compile(r"(?:^|/)helmfile(?:\.d/[^/]+|[^/]*)\.ya?ml(?:\.gotmpl)?$")


def wants(rel: str, name: str) -> bool:
    if not name.endswith((".yaml", ".yml", ".gotmpl")):
        return False
    return (
        name in ("Chart.yaml", "kustomization.yaml", "kustomization.yml")
        or bool(_VALUES.match(name))
        or bool(_HELMFILE.search(rel))
    )


def _chart_name(reference: str) -> str:
    """``bitnami/mlflow`` or ``oci://registry/charts/mlflow`` -> ``mlflow``."""
    return reference.rstrip("/").rsplit("/", 1)[-1]


def _chart(file: ScannedFile, node: yaml.Node | None, confidence: float) -> list[Evidence]:
    reference = scalar(node)
    if not reference or node is None or "{{" in reference:
        return []
    name = _chart_name(reference)
    return file.evidence(file.index.helm_charts(name), line_of(node), name, NAME, confidence)


def release_charts(file: ScannedFile, document: yaml.Node, kind: str) -> list[Evidence]:
    """Charts named by a Flux HelmRelease or an Argo CD Application document."""
    budget = file.budget
    spec = get(document, "spec", budget)
    if kind == "HelmRelease":
        chart_spec = get(get(spec, "chart", budget), "spec", budget)
        return _chart(file, get(chart_spec, "chart", budget), 0.9)
    if kind in ("Application", "ApplicationSet"):
        found: list[Evidence] = []
        sources = [get(spec, "source", budget), *elements(get(spec, "sources", budget), budget)]
        for source in sources:
            found += _chart(file, get(source, "chart", budget), 0.9)
        return found
    return []


def _values_images(file: ScannedFile, document: yaml.Node) -> list[Evidence]:
    budget = file.budget
    found: list[Evidence] = []
    for key, node in walk(document, budget):
        if key != "image":
            continue
        reference = scalar(node)
        line = line_of(node)
        if reference is None:
            repository_node = get(node, "repository", budget)
            repository = scalar(repository_node)
            if not repository or repository_node is None:
                continue
            registry = scalar(get(node, "registry", budget))
            reference = f"{registry}/{repository}" if registry else repository
            line = line_of(repository_node)
        if not reference or "{{" in reference:
            continue
        found += file.evidence(file.index.images(reference), line, reference, NAME, 0.8)
    return found


def detect(file: ScannedFile) -> list[Evidence]:
    budget = file.budget
    found: list[Evidence] = []
    name = file.name
    for document in file.yaml():
        if name == "Chart.yaml":
            for dependency in elements(get(document, "dependencies", budget), budget):
                found += _chart(file, get(dependency, "name", budget), 0.9)
            found += _chart(file, get(document, "name", budget), 0.7)
        elif name.startswith("kustomization"):
            for chart in elements(get(document, "helmCharts", budget), budget):
                found += _chart(file, get(chart, "name", budget), 0.9)
        elif _VALUES.match(name):
            found += _values_images(file, document)
        else:
            for release in elements(get(document, "releases", budget), budget):
                found += _chart(file, get(release, "chart", budget), 0.9)
    return found

"""Kubernetes manifests (any YAML file with ``apiVersion`` and ``kind``): the API group and
kind of every document (custom resources such as KServe's InferenceService, Argo
Workflows, Tekton pipelines), the container images, and the programs containers run.
Helm chart templates are read line by line, since their Go templating is not YAML.
Flux HelmReleases and Argo CD Applications name Helm charts (:mod:`.helm`).

Confidence: 0.95 for a custom resource kind; 0.9 for a container image (0.8 in a chart
template); 0.85 for a container's program (it hints the prediction-service kind).
"""

from __future__ import annotations

import re

import yaml

from mlopskg.scan.detectors.commands import command_words
from mlopskg.scan.detectors.helm import release_charts
from mlopskg.scan.files import ScannedFile
from mlopskg.scan.index import kind_iri
from mlopskg.scan.model import Evidence
from mlopskg.scan.parsing import get, line_of, scalar, strings, walk

NAME = "kubernetes"

_TEMPLATE_API = re.compile(r"^apiVersion:\s*['\"]?([\w.\-/]+)", re.M)
_TEMPLATE_KIND = re.compile(r"^kind:\s*['\"]?(\w+)", re.M)
_TEMPLATE_IMAGE = re.compile(r"^\s*-?\s*image:\s*['\"]?([^\s'\"{}]+)['\"]?\s*$", re.M)


def wants(rel: str, name: str) -> bool:
    return name.endswith((".yaml", ".yml"))


def looks_like_manifest(text: str) -> bool:
    return "apiVersion" in text and "kind" in text


def group_kind(api_version: str, kind: str) -> str | None:
    """``serving.kserve.io/v1beta1`` + ``InferenceService`` -> ``serving.kserve.io/InferenceService``;
    None for the core group (``v1``)."""
    if "/" not in api_version:
        return None
    return f"{api_version.split('/', 1)[0]}/{kind}"


def _template(file: ScannedFile) -> list[Evidence]:
    index = file.index
    found: list[Evidence] = []
    text = file.text
    for document_start, document in _documents(text):
        api = _TEMPLATE_API.search(document)
        kind = _TEMPLATE_KIND.search(document)
        if api and kind:
            key = group_kind(api.group(1), kind.group(1))
            if key:
                line = text.count("\n", 0, document_start + kind.start()) + 1
                found += file.evidence(index.kubernetes_kinds(key), line, key, NAME, 0.95)
        for image in _TEMPLATE_IMAGE.finditer(document):
            line = text.count("\n", 0, document_start + image.start()) + 1
            found += file.evidence(index.images(image.group(1)), line, image.group(1), NAME, 0.8)
    return found


def _documents(text: str) -> list[tuple[int, str]]:
    starts = [0] + [m.end() for m in re.finditer(r"^---.*$", text, re.M)]
    ends = [m.start() for m in re.finditer(r"^---.*$", text, re.M)] + [len(text)]
    return [(s, text[s:e]) for s, e in zip(starts, ends, strict=False)]


def _containers(file: ScannedFile, document: yaml.Node) -> list[Evidence]:
    index = file.index
    budget = file.budget
    serving = kind_iri("PredictionService")
    found: list[Evidence] = []
    for key, node in walk(document, budget):
        if key != "image" or (image := scalar(node)) is None or "$" in image or "{" in image:
            continue
        found += file.evidence(index.images(image), line_of(node), image, NAME, 0.9)
    for _, node in walk(document, budget):
        if get(node, "image", budget) is None:
            continue
        parts = strings(get(node, "command", budget), budget) or strings(
            get(node, "args", budget), budget
        )
        for program, _ in list(command_words(" ".join(p for p, _ in parts)))[:1]:
            matches = index.commands(program) + index.imports(program)
            found += file.evidence(matches, parts[0][1], program, NAME, 0.85, hint=serving)
    return found


def detect(file: ScannedFile) -> list[Evidence]:
    if not looks_like_manifest(file.text):
        return []
    if "{{" in file.text and "/templates/" in f"/{file.rel}":
        return _template(file)
    index = file.index
    budget = file.budget
    found: list[Evidence] = []
    for document in file.yaml():
        api_version = scalar(get(document, "apiVersion", budget))
        kind_node = get(document, "kind", budget)
        kind = scalar(kind_node)
        if not api_version or not kind or kind_node is None:
            continue
        key = group_kind(api_version, kind)
        if key:
            found += file.evidence(index.kubernetes_kinds(key), line_of(kind_node), key, NAME, 0.95)
        found += release_charts(file, document, kind)
        found += _containers(file, document)
    return found

"""CI definitions: GitHub Actions workflows (``uses:`` actions, ``run:`` commands, job
containers and services), GitLab CI (images, services, scripts), Jenkinsfiles (``sh``
steps and docker images), Azure Pipelines (scripts, container images), CircleCI
(orbs, docker images, ``run`` steps) and Google Cloud Build (``cloudbuild.yaml``: the
builder image of each step, the images it pushes).

A pipeline definition file is itself evidence of the CI system that runs it: the
configuration-file signature of that system (``.gitlab-ci.yml``, ``Jenkinsfile``, ...)
matched on such a file hints the CI/CD engine kind (:func:`is_pipeline_definition`, used by
:mod:`.ml_config`).

Confidence: 0.9 for an action or orb; 0.85 for a job image; 0.8 for a program a step runs
and for a package a step pip-installs.
"""

from __future__ import annotations

import re

import yaml

from mlopskg.scan.detectors.commands import command_words, pip_packages
from mlopskg.scan.files import ScannedFile
from mlopskg.scan.model import Evidence
from mlopskg.scan.parsing import NodeBudget, elements, get, items, line_of, scalar, strings, walk

NAME = "ci"

_GITHUB = re.compile(r"(?:^|/)\.github/workflows/[^/]+\.ya?ml$")
_GITLAB = re.compile(r"(?:^|/)(?:\.gitlab-ci\.ya?ml|[^/]*\.gitlab-ci\.ya?ml)$")
_AZURE = re.compile(
    r"(?:^|/)(?:azure-pipelines[^/]*|\.azure-pipelines/[^/]+|\.azuredevops/[^/]+)\.ya?ml$"
)
_CIRCLE = re.compile(r"(?:^|/)\.circleci/config\.ya?ml$")
_JENKINS = re.compile(r"^Jenkinsfile(?:\.[\w-]+)?$")
_CLOUDBUILD = re.compile(r"(?:^|/)cloudbuild\.ya?ml$")

_GITLAB_RESERVED = frozenset(
    {"stages", "variables", "include", "workflow", "image", "services", "cache"}
    | {"before_script", "after_script", "default", "types", "pages:deploy"}
)
_JENKINS_SH = re.compile(r"\bsh\s*\(?\s*(?:script\s*:\s*)?('''|\"\"\"|'|\")(.*?)\1", re.S)
_JENKINS_IMAGE = re.compile(r"(?:\bimage\s+|docker\.image\(\s*)['\"]([^'\"]+)['\"]")


def is_pipeline_definition(rel: str) -> bool:
    """Whether the path is the pipeline definition of a CI system (a format fact)."""
    name = rel.rsplit("/", 1)[-1]
    return bool(
        _GITHUB.search(rel)
        or _GITLAB.search(rel)
        or _AZURE.search(rel)
        or _CIRCLE.search(rel)
        or _CLOUDBUILD.search(rel)
        or _JENKINS.match(name)
    )


def is_gitlab_ci(rel: str) -> bool:
    """Whether the path is a GitLab CI definition."""
    return bool(_GITLAB.search(rel))


def wants(rel: str, name: str) -> bool:
    if not (name.endswith((".yml", ".yaml")) or name.startswith("Jenkinsfile")):
        return False
    return is_pipeline_definition(rel)


def _commands(file: ScannedFile, command: str, line: int) -> list[Evidence]:
    index = file.index
    found: list[Evidence] = []
    for offset, text in enumerate(command.splitlines() or [command]):
        for program, words in command_words(text):
            here = line + offset if "\n" in command else line
            for package in pip_packages(words):
                found += file.evidence(index.packages(package), here, package, NAME, 0.8)
            found += file.evidence(index.commands(program), here, program, NAME, 0.8)
    return found


def _image(file: ScannedFile, node: yaml.Node | None, budget: NodeBudget) -> list[Evidence]:
    reference = (
        scalar(node) or scalar(get(node, "name", budget)) or scalar(get(node, "image", budget))
    )
    if not reference or node is None or "$" in reference:
        return []
    return file.evidence(file.index.images(reference), line_of(node), reference, NAME, 0.85)


def _block_line(node: yaml.Node) -> int:
    # A literal block scalar ("run: |") starts on the line after its indicator.
    return line_of(node) + (1 if getattr(node, "style", None) in ("|", ">") else 0)


def _github(file: ScannedFile, document: yaml.Node, budget: NodeBudget) -> list[Evidence]:
    index = file.index
    found: list[Evidence] = []
    for _, job in items(get(document, "jobs", budget), budget):
        found += _image(file, get(job, "container", budget), budget)
        for _, service in items(get(job, "services", budget), budget):
            found += _image(file, service, budget)
        for step in elements(get(job, "steps", budget), budget):
            uses_node = get(step, "uses", budget)
            uses = scalar(uses_node)
            if uses and uses_node is not None:
                reference = uses.split("@", 1)[0]
                if reference.startswith("docker://"):
                    image = reference.removeprefix("docker://")
                    found += file.evidence(
                        index.images(image), line_of(uses_node), image, NAME, 0.85
                    )
                elif not reference.startswith("./"):
                    parts = reference.split("/")
                    matches = index.ci_actions(reference)
                    if len(parts) > 2:
                        matches += index.ci_actions("/".join(parts[:2]))
                    found += file.evidence(matches, line_of(uses_node), reference, NAME, 0.9)
            found += _run(file, get(step, "run", budget))
    return found


def _run(file: ScannedFile, node: yaml.Node | None) -> list[Evidence]:
    """The commands of a step's shell script (a scalar node), if it has one."""
    script = scalar(node)
    return _commands(file, script, _block_line(node)) if script and node is not None else []


def _gitlab(file: ScannedFile, document: yaml.Node, budget: NodeBudget) -> list[Evidence]:
    found: list[Evidence] = []
    jobs = [document, get(document, "default", budget)]
    jobs += [job for name, job in items(document, budget) if name not in _GITLAB_RESERVED]
    for job in jobs:
        if not isinstance(job, yaml.MappingNode):
            continue
        found += _image(file, get(job, "image", budget), budget)
        for service in elements(get(job, "services", budget), budget):
            found += _image(file, service, budget)
        if job is document:
            continue
        for key in ("before_script", "script", "after_script"):
            for command, line in strings(get(job, key, budget), budget):
                found += _commands(file, command, line)
    return found


def _azure(file: ScannedFile, document: yaml.Node, budget: NodeBudget) -> list[Evidence]:
    found: list[Evidence] = []
    for key, node in walk(document, budget):
        text = scalar(node)
        if text is None:
            continue
        if key in ("script", "bash", "powershell", "pwsh"):
            found += _commands(file, text, _block_line(node))
        elif key == "image":
            found += _image(file, node, budget)
    return found


def _circleci(file: ScannedFile, document: yaml.Node, budget: NodeBudget) -> list[Evidence]:
    index = file.index
    found: list[Evidence] = []
    for _, orb_node in items(get(document, "orbs", budget), budget):
        orb = scalar(orb_node)
        if orb:
            name = "orb:" + orb.split("@", 1)[0]
            found += file.evidence(index.ci_actions(name), line_of(orb_node), name, NAME, 0.9)
    for key, node in walk(document, budget):
        if key == "image" and scalar(node):
            found += _image(file, node, budget)
        elif key == "run":
            found += _run(file, node if scalar(node) is not None else get(node, "command", budget))
    return found


def _cloudbuild(file: ScannedFile, document: yaml.Node, budget: NodeBudget) -> list[Evidence]:
    found: list[Evidence] = []
    for step in elements(get(document, "steps", budget), budget):
        found += _image(file, get(step, "name", budget), budget)
    for image in elements(get(document, "images", budget), budget):
        found += _image(file, image, budget)
    return found


def _jenkins(file: ScannedFile) -> list[Evidence]:
    index = file.index
    text = file.text
    found: list[Evidence] = []
    for match in _JENKINS_SH.finditer(text):
        line = text.count("\n", 0, match.start(2)) + 1
        found += _commands(file, match.group(2), line)
    for match in _JENKINS_IMAGE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        image = match.group(1)
        found += file.evidence(index.images(image), line, image, NAME, 0.85)
    return found


def detect(file: ScannedFile) -> list[Evidence]:
    rel = file.rel
    if _JENKINS.match(file.name):
        return _jenkins(file)
    budget = file.budget
    found: list[Evidence] = []
    for document in file.yaml():
        if _GITHUB.search(rel):
            found += _github(file, document, budget)
        elif _GITLAB.search(rel):
            found += _gitlab(file, document, budget)
        elif _AZURE.search(rel):
            found += _azure(file, document, budget)
        elif _CIRCLE.search(rel):
            found += _circleci(file, document, budget)
        elif _CLOUDBUILD.search(rel):
            found += _cloudbuild(file, document, budget)
    return found

"""Step, stage and job names of pipeline definitions, for the pipeline-kind rule of
:mod:`mlopskg.scan.pipeline_kinds`. This detector finds names only; it returns no evidence
and knows no tool: which orchestrator runs a definition is told by the other evidence of the
same file.

Read, never run:

- YAML: the keys of a top-level ``stages`` mapping (``dvc.yaml``); the keys (and ``name`` /
  ``display_name``) of a top-level ``jobs`` mapping (GitHub Actions, CircleCI, Azure ML
  pipeline jobs); the ``stage``, ``job``, ``deployment`` and ``displayName`` of the items of
  ``stages``, ``jobs`` and ``steps`` lists (Azure Pipelines), the ``id`` of ``steps`` items
  (Cloud Build); GitLab CI jobs (top-level mappings with a ``script``, ``stage`` or
  ``trigger``) and their ``stage``.
- Python (parsed with ``ast``): a function decorated by a callable named ``pipeline``,
  ``dag`` or ``flow`` (any case, any module: ``@dsl.pipeline``, ``@pipeline``, ``@dag``,
  ``@flow``), a ``with`` block or a call of such a callable (``with DAG(...)``,
  ``pipeline([node(...)])``) and a class derived from a ``FlowSpec``: the definition's
  name, the names of the functions it defines and calls, the functions passed to it and the
  strings given as ``task_id``, ``name``, ``display_name`` or ``dag_id``.

A step name of a CI definition (:func:`.ci.is_pipeline_definition`) is marked ``ci``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

import yaml

from mlopskg.scan.detectors.ci import is_gitlab_ci, is_pipeline_definition
from mlopskg.scan.files import ScannedFile
from mlopskg.scan.model import Evidence, PipelineStep
from mlopskg.scan.parsing import NodeBudget, elements, get, line_of, scalar

NAME = "pipeline-steps"

#: Callables whose decorated function, ``with`` block or call is a pipeline definition.
PIPELINE_CALLABLES = frozenset({"pipeline", "dag", "flow"})
#: Keyword arguments whose string value names a step or the pipeline.
NAME_KEYWORDS = frozenset({"task_id", "name", "display_name", "dag_id"})
#: A cheap test before parsing: the text has a decorator, call or base class of that kind.
_PYTHON_HINT = re.compile(
    r"@[\w.]*\b(?:pipeline|dag|flow)\b|\b(?:pipeline|dag|flow)\s*\(|flowspec", re.I
)
_GITLAB_RESERVED = frozenset(
    {"stages", "variables", "include", "workflow", "image", "services", "cache", "default"}
    | {"before_script", "after_script", "types", "spec"}
)
_MAX_STEPS = 500


def wants(rel: str, name: str) -> bool:
    return name.endswith((".py", ".yml", ".yaml"))


def _callable_name(node: ast.AST) -> str | None:
    """``dsl.pipeline`` -> ``pipeline``; ``DAG(...)`` -> ``DAG``; None for anything else."""
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def _is_pipeline_callable(node: ast.AST) -> bool:
    name = _callable_name(node)
    return name is not None and name.lower() in PIPELINE_CALLABLES


def _named_strings(call: ast.Call) -> Iterator[tuple[str, int]]:
    for keyword in call.keywords:
        value = keyword.value
        if keyword.arg in NAME_KEYWORDS and isinstance(value, ast.Constant):
            if isinstance(value.value, str):
                yield value.value, value.lineno
        elif isinstance(value, ast.Name):  # python_callable=train_model
            yield value.id, value.lineno


def _body_names(nodes: list[ast.stmt] | list[ast.expr]) -> Iterator[tuple[str, int]]:
    """Functions defined and called in a definition's body, functions passed to calls, and
    the strings that name steps."""
    for top in nodes:
        for node in ast.walk(top):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield node.name, node.lineno
            elif isinstance(node, ast.Call):
                name = _callable_name(node)
                if name:
                    yield name, node.lineno
                yield from _named_strings(node)
                for argument in node.args:
                    if isinstance(argument, ast.Name):
                        yield argument.id, argument.lineno


def python_step_names(code: str) -> list[tuple[str, int]]:
    """(name, line) of the steps of the pipeline definitions in Python code; [] for code
    without one or that does not parse."""
    if not _PYTHON_HINT.search(code):
        return []
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []  # the python-code detector reads the file as text either way
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            decorators = [d for d in node.decorator_list if _is_pipeline_callable(d)]
            if decorators:
                found.append((node.name, node.lineno))
                for decorator in decorators:
                    if isinstance(decorator, ast.Call):
                        found += _named_strings(decorator)
                found += _body_names(node.body)
        elif isinstance(node, ast.ClassDef):
            bases = [_callable_name(base) or "" for base in node.bases]
            if any(base.lower().endswith("flowspec") for base in bases):
                found.append((node.name, node.lineno))
                found += _body_names(node.body)
        elif isinstance(node, ast.With):
            calls = [i.context_expr for i in node.items if isinstance(i.context_expr, ast.Call)]
            definitions = [call for call in calls if _is_pipeline_callable(call)]
            for call in definitions:
                found += _named_strings(call)
                found += [
                    (a.value, a.lineno)
                    for a in call.args
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)
                ]
            if definitions:
                found += _body_names(node.body)
        elif isinstance(node, ast.Call) and _callable_name(node) in ("pipeline", "Pipeline"):
            found += _body_names(list(node.args))
        if len(found) > _MAX_STEPS:
            break
    return found[:_MAX_STEPS]


def _keys(node: yaml.Node | None, budget: NodeBudget) -> Iterator[tuple[str, int, yaml.Node]]:
    """A mapping's scalar keys with the line of the key."""
    if not isinstance(node, yaml.MappingNode):
        return
    for key, value in node.value:
        budget.spend(value)
        name = scalar(key)
        if name is not None and name != "<<":
            yield name, line_of(key), value


def _scalar_of(
    node: yaml.Node | None, keys: tuple[str, ...], budget: NodeBudget
) -> Iterator[tuple[str, int]]:
    for key in keys:
        value = get(node, key, budget)
        text = scalar(value)
        if text and value is not None:
            yield text, line_of(value)


_LIST_KEYS = ("stage", "job", "deployment", "displayName", "id")


def yaml_step_names(
    documents: list[yaml.Node], budget: NodeBudget, gitlab: bool
) -> list[tuple[str, int]]:
    """(name, line) of the stages, jobs and steps of YAML pipeline definitions."""
    found: list[tuple[str, int]] = []
    for document in documents:
        stages = get(document, "stages", budget)
        jobs = get(document, "jobs", budget)
        for name, line, _ in _keys(stages, budget):
            found.append((name, line))
        for name, line, job in _keys(jobs, budget):
            found.append((name, line))
            found += _scalar_of(job, ("name", "display_name"), budget)
        for container in (stages, jobs, get(document, "steps", budget)):
            for entry in elements(container, budget):
                found += _scalar_of(entry, _LIST_KEYS, budget)
                for job in elements(get(entry, "jobs", budget), budget):
                    found += _scalar_of(job, _LIST_KEYS, budget)
        if gitlab:
            for name, line, job in _keys(document, budget):
                if name in _GITLAB_RESERVED or name.startswith(".") or name in ("jobs", "stages"):
                    continue
                if any(get(job, key, budget) is not None for key in ("script", "stage", "trigger")):
                    found.append((name, line))
                    found += _scalar_of(job, ("stage",), budget)
        if len(found) > _MAX_STEPS:
            break
    return found[:_MAX_STEPS]


def detect(file: ScannedFile) -> list[Evidence]:
    """Record the file's step names on ``file.steps``; returns no evidence."""
    if file.name.endswith(".py"):
        names = python_step_names(file.text)
        ci = False
    else:
        text = file.text
        if "stages" not in text and "jobs" not in text and "steps" not in text:
            return []
        ci = is_pipeline_definition(file.rel)
        names = yaml_step_names(file.yaml(), file.budget, is_gitlab_ci(file.rel))
    seen: set[tuple[str, int]] = set()
    for name, line in names:
        if (name, line) not in seen:
            seen.add((name, line))
            file.steps.append(PipelineStep(file.display, line, name, ci))
    return []

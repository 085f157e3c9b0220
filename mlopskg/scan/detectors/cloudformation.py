"""AWS CloudFormation and SAM templates, in YAML or JSON: the ``Type`` of every resource
under ``Resources``. YAML short-form tags (``!Ref``, ``!GetAtt``, ``!Sub``) are read as
plain nodes, never constructed.

Confidence: 0.95 for a resource type.
"""

from __future__ import annotations

from typing import Any

from mlopskg.scan.files import ScannedFile, first_line_containing
from mlopskg.scan.model import Evidence
from mlopskg.scan.parsing import (
    ParseProblem,
    get,
    items,
    json_depth_ok,
    line_of,
    parse_json,
    scalar,
)

NAME = "cloudformation"

_SUFFIXES = (".yaml", ".yml", ".json", ".template")


def wants(rel: str, name: str) -> bool:
    return name.endswith(_SUFFIXES) and not name.endswith(".ipynb")


def looks_like_template(text: str) -> bool:
    return "AWSTemplateFormatVersion" in text or ("Resources" in text and "AWS::" in text)


def _json_template(file: ScannedFile) -> list[Evidence]:
    try:
        data: Any = parse_json(file.text)
    except ParseProblem as error:
        file.parse_problem(error)
        return []
    if not json_depth_ok(data, file.limits.max_json_depth):
        file.problem("JSON nested too deeply: not read")
        return []
    resources = data.get("Resources") if isinstance(data, dict) else None
    found: list[Evidence] = []
    for logical_id, resource in (resources or {}).items() if isinstance(resources, dict) else []:
        resource_type = resource.get("Type") if isinstance(resource, dict) else None
        if isinstance(resource_type, str):
            line = first_line_containing(file.text, f'"{logical_id}"')
            matches = file.index.cloudformation_types(resource_type)
            found += file.evidence(matches, line, resource_type, NAME, 0.95)
    return found


def detect(file: ScannedFile) -> list[Evidence]:
    if not looks_like_template(file.text):
        return []
    if file.name.endswith(".json") or file.text.lstrip().startswith("{"):
        return _json_template(file)
    budget = file.budget
    found: list[Evidence] = []
    for document in file.yaml():
        for _, resource in items(get(document, "Resources", budget), budget):
            type_node = get(resource, "Type", budget)
            resource_type = scalar(type_node)
            if resource_type and type_node is not None:
                matches = file.index.cloudformation_types(resource_type)
                found += file.evidence(matches, line_of(type_node), resource_type, NAME, 0.95)
    return found

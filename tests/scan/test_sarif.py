"""SARIF 2.1.0 output: valid against the official schema, results located at evidence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pyoxigraph as ox
import pytest

from mlopskg.namespaces import MLO
from mlopskg.resources import ProjectFiles
from mlopskg.scan import ScanResult, SignatureIndex, scan
from mlopskg.scan.sarif import to_sarif
from mlopskg.stores.embedded import EmbeddedStore
from mlopskg.validation.inputs import Description, parse_description
from mlopskg.validation.render import report_json
from mlopskg.validation.validator import Validator
from tests.scan.conftest import HERE, TOOL, write_tree

SCHEMA = json.loads((HERE / "schema" / "sarif-schema-2.1.0.json").read_text())


@pytest.fixture()
def scanned(tmp_path: Path, index: SignatureIndex) -> ScanResult:
    return scan(
        [
            write_tree(
                tmp_path / "repo",
                {
                    "requirements.txt": "mlflow\nfeast\n",
                    "serve/Dockerfile": 'FROM python:3.11\nCMD ["bentoml", "serve"]\n',
                },
            )
        ],
        index,
    )


def test_sarif_of_a_real_report_is_valid(
    scanned: ScanResult, project: ProjectFiles, graph: EmbeddedStore
) -> None:
    validator = Validator.for_project(project, graph)
    data = scanned.to_turtle().encode()
    outcome = validator.validate(
        Description(parse_description(data, "s.ttl", ox.RdfFormat.TURTLE), ("s.ttl",))
    )
    report = report_json(outcome.reports[0])
    sarif = to_sarif(report, scanned)
    jsonschema.Draft4Validator(SCHEMA).validate(sarif)
    results = sarif["runs"][0]["results"]
    assert len(results) == len(report["results"]) > 0
    levels = {r["level"] for r in results}
    assert levels <= {"error", "warning", "note"}
    # The model registry is missing, and MLflow (found, role not told) could fill it.
    registry = [
        r for r in results if r["properties"].get("missingComponent") == str(MLO.ModelRegistry)
    ]
    assert registry
    location = registry[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "requirements.txt"
    assert location["region"] == {"startLine": 1}


def _report(results: list[dict[str, Any]], components: list[dict[str, Any]]) -> dict[str, Any]:
    return {"conforms": False, "architecture": "ex:a", "results": results, "components": components}


def test_locations_component_flow_and_root(scanned: ScanResult) -> None:
    serving = next(c for c in scanned.components if c.tool == TOOL + "bentoml")
    component_iri = "https://example.org/c"
    components = [{"iri": component_iri, "kinds": [serving.kind], "tools": [TOOL + "bentoml"]}]
    results: list[dict[str, Any]] = [
        {
            "severity": "Warning",
            "focusNode": component_iri,
            "shape": "s#ToolShape",
            "message": "Tool. More.",
            "category": "tool",
        },
        {
            "severity": "Info",
            "focusNode": "ex:a",
            "shape": "s#Flow",
            "message": "Flow",
            "category": "flow",
            "missingFlow": {"flow": "f", "from": [str(MLO.ModelRegistry)], "to": [serving.kind]},
        },
        {
            "severity": "Violation",
            "focusNode": "ex:a",
            "shape": "s#Req",
            "message": "R",
            "category": "requirement",
        },
    ]
    sarif = to_sarif(_report(results, components), scanned)
    jsonschema.Draft4Validator(SCHEMA).validate(sarif)
    located = [r["locations"][0]["physicalLocation"] for r in sarif["runs"][0]["results"]]
    assert located[0]["artifactLocation"]["uri"] == "serve/Dockerfile"
    assert located[1]["artifactLocation"]["uri"] == "serve/Dockerfile"
    assert located[2] == {"artifactLocation": {"uri": ".", "uriBaseId": "%SRCROOT%"}}
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["ToolShape", "Flow", "Req"]
    assert rules[0]["shortDescription"]["text"] == "Tool."
    fingerprints = {
        r["partialFingerprints"]["mlopskgFinding/v1"] for r in sarif["runs"][0]["results"]
    }
    assert len(fingerprints) == 3


def test_fingerprints_do_not_depend_on_the_message(scanned: ScanResult) -> None:
    one = {
        "severity": "Violation",
        "focusNode": "ex:a",
        "shape": "s#X",
        "message": "old",
        "missingComponent": "k",
    }
    two = {**one, "message": "reworded"}
    first = to_sarif(_report([one], []), scanned)["runs"][0]["results"][0]
    second = to_sarif(_report([two], []), scanned)["runs"][0]["results"][0]
    assert first["partialFingerprints"] == second["partialFingerprints"]

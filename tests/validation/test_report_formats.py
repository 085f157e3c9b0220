"""The report's formats: text grouped by what is missing, JSON per the contract, Turtle as a
sh:ValidationReport with the extra links, HTML with the overlay diagram; --fail-on and -o."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from mlopskg.cli import main
from mlopskg.resources import ProjectFiles

CONTRACT_KEYS = {
    "severity",
    "focusNode",
    "message",
    "shape",
    "missingComponent",
    "requirements",
    "suggestedTools",
    "sources",
}


def validate(
    project: ProjectFiles, name: str, *args: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    code = main(["validate", str(project.examples_dir / f"{name}.ttl"), *args])
    return code, capsys.readouterr().out


def test_json_has_the_contract_fields(
    project: ProjectFiles, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = validate(project, "notebook-and-web-service", "--format", "json", capsys=capsys)
    report = json.loads(out)
    assert code == 1 and report["conforms"] is False
    assert report["architecture"] == "https://example.org/first-setup#platform"
    assert set(report["coverage"]["components"]) == {"present", "expected"}
    for result in report["results"]:
        assert set(result) >= CONTRACT_KEYS
        assert result["severity"] in ("Violation", "Warning", "Info")
    registry = next(
        r
        for r in report["results"]
        if r["missingComponent"] == "https://w3id.org/mlopskg/ontology#ModelRegistry"
    )
    assert registry["severity"] == "Violation"
    assert "https://w3id.org/mlopskg/resource/tool/mlflow" in registry["suggestedTools"]
    assert "https://w3id.org/mlopskg/resource/source/kreuzberger-2023" in registry["sources"]
    assert registry["requirements"]


def test_suggestions_are_ranked_by_the_number_of_sources(
    project: ProjectFiles, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = validate(project, "notebook-and-web-service", "--format", "json", capsys=capsys)
    report = json.loads(out)
    assert (
        main(
            ["query", "tools-for-component", "--param", "kind=mlo:FeatureStore", "--format", "json"]
        )
        == 0
    )
    ranked = [
        row["tool"]["value"] for row in json.loads(capsys.readouterr().out)["results"]["bindings"]
    ]
    features = next(
        r
        for r in report["results"]
        if r["missingComponent"] == "https://w3id.org/mlopskg/ontology#FeatureStore"
    )
    assert len(features["suggestedTools"]) == 5
    assert features["suggestedTools"] == ranked[:5]


def test_text_groups_by_what_is_missing(
    project: ProjectFiles, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = validate(project, "notebook-and-web-service", capsys=capsys)
    assert code == 1
    assert "does not conform" in out
    sections = [
        line.split(" (")[0]
        for line in out.splitlines()
        if line and not line.startswith(" ") and line.endswith(":")
    ]
    assert sections == [
        "Maturity",
        "Next moves, ranked by what they unlock:",
        "The literature's tests and practices your components make possible:",
        "Pipelines",
        "Platform services",
        "Infrastructure resources",
        "Automation components",
        "Governance components",
        "Pipeline triggers",
        "External actors",
        "Requirements and principles no component addresses",
        "Tests and practices of the literature, by list:",
    ]
    assert "No model registry in this architecture" in out
    assert "Tools that could fill it" in out and "MLflow" in out
    assert "Google MLOps levels: level 0 of 2" in out


def test_turtle_is_a_shacl_validation_report(
    project: ProjectFiles, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = validate(project, "notebook-and-web-service", "--format", "turtle", capsys=capsys)
    store = ox.Store()
    store.load(out.encode(), format=ox.RdfFormat.TURTLE)
    ask = """PREFIX sh: <http://www.w3.org/ns/shacl#> PREFIX mlsh: <https://w3id.org/mlopskg/shapes#>
    ASK { ?report a sh:ValidationReport ; sh:conforms false ; sh:result ?r .
          ?r sh:focusNode ?f ; sh:resultSeverity sh:Violation ; sh:sourceShape ?s ;
             mlsh:missingComponent <https://w3id.org/mlopskg/ontology#ModelRegistry> ;
             mlsh:suggestion [ mlsh:suggestedTool ?t ; mlsh:rank 1 ] }"""
    assert store.query(ask)


def test_html_draws_the_architecture_over_the_seed(
    project: ProjectFiles, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    code = main(
        [
            "validate",
            str(project.examples_dir / "notebook-and-web-service.ttl"),
            "--format",
            "html",
            "-o",
            str(target),
        ]
    )
    assert code == 1
    html = target.read_text()
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html
    assert html.count('class="element present"') >= 4
    assert html.count('class="element missing"') > 20
    assert "No model registry in this architecture" in html


def test_fail_on_warning(project: ProjectFiles, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = validate(project, "open-source-kubernetes", "--format", "json", capsys=capsys)
    assert code == 0 and json.loads(out)["conforms"] is True
    code, out = validate(
        project, "open-source-kubernetes", "--format", "json", "--fail-on", "warning", capsys=capsys
    )
    assert code == 1 and json.loads(out)["conforms"] is False


def test_an_unwritable_output_is_a_one_line_error(
    project: ProjectFiles, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = main(
        [
            "validate",
            str(project.examples_dir / "notebook-and-web-service.ttl"),
            "-o",
            str(tmp_path / "no" / "such" / "dir.txt"),
        ]
    )
    assert code == 2
    assert "cannot write" in capsys.readouterr().err


def test_several_architectures_give_a_list(
    project: ProjectFiles, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "validate",
            str(project.examples_dir / "open-source-kubernetes.ttl"),
            str(project.examples_dir / "notebook-and-web-service.ttl"),
            "--format",
            "json",
        ]
    )
    reports = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [r["conforms"] for r in reports] == [True, False] or [
        r["conforms"] for r in reports
    ] == [False, True]
    assert len(reports) == 2

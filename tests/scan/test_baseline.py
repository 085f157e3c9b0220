"""Baseline mode: only findings the saved report does not hold, whatever their wording."""

from __future__ import annotations

from typing import Any

from mlopskg.scan.baseline import new_findings


def finding(
    severity: str, shape: str, missing: str | None, focus: str = "ex:a", message: str = "m"
) -> dict[str, Any]:
    return {
        "severity": severity,
        "shape": shape,
        "missingComponent": missing,
        "focusNode": focus,
        "message": message,
    }


def test_new_findings_ignore_messages_and_compare_identity() -> None:
    baseline = {
        "results": [finding("Violation", "s:Registry", "mlo:ModelRegistry", message="old words")]
    }
    report = {
        "results": [
            finding("Violation", "s:Registry", "mlo:ModelRegistry", message="new words"),
            finding("Warning", "s:Registry", "mlo:ModelRegistry"),
            finding("Violation", "s:Store", "mlo:FeatureStore"),
            finding("Info", "s:Req", None, focus="ex:a"),
        ]
    }
    fresh = new_findings(report, baseline)
    assert [(f["severity"], f["shape"]) for f in fresh] == [
        ("Warning", "s:Registry"),
        ("Violation", "s:Store"),
        ("Info", "s:Req"),
    ]


def test_focus_node_identifies_findings_without_a_missing_component() -> None:
    baseline = {"results": [finding("Warning", "s:Tool", None, focus="ex:c1")]}
    report = {
        "results": [
            finding("Warning", "s:Tool", None, focus="ex:c1"),
            finding("Warning", "s:Tool", None, focus="ex:c2"),
        ]
    }
    assert [f["focusNode"] for f in new_findings(report, baseline)] == ["ex:c2"]


def test_lists_of_reports_and_an_empty_baseline() -> None:
    report = [
        {"results": [finding("Violation", "s:A", "k")]},
        {"results": [finding("Violation", "s:B", "k")]},
    ]
    assert len(new_findings(report, {"results": []})) == 2
    assert new_findings(report, report) == []

"""Baselines for CI: report only the findings that a saved report does not already hold.

A finding is identified by its severity, its shape and what it is about (the missing
component kind, else the focus node), never by its message text, which may be reworded
between releases.
"""

from __future__ import annotations

from typing import Any


def report_results(report_json: dict[str, Any] | list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The results of a validation report in the contract's JSON (one report or a list)."""
    reports = report_json if isinstance(report_json, list) else [report_json]
    results: list[dict[str, Any]] = []
    for report in reports:
        if isinstance(report, dict):
            results += [r for r in report.get("results", []) if isinstance(r, dict)]
    return results


def finding_key(result: dict[str, Any]) -> tuple[str, str, str]:
    """What identifies a finding across runs.

    >>> finding_key({"severity": "Violation", "shape": "s", "missingComponent": None,
    ...              "focusNode": "x", "message": "any words"})
    ('Violation', 's', 'x')
    """
    about = result.get("missingComponent") or result.get("focusNode") or ""
    return (str(result.get("severity", "")), str(result.get("shape", "")), str(about))


def new_findings(
    report_json: dict[str, Any] | list[dict[str, Any]],
    baseline_json: dict[str, Any] | list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """The results of ``report_json`` whose finding the baseline does not hold, in order."""
    known = {finding_key(result) for result in report_results(baseline_json)}
    return [result for result in report_results(report_json) if finding_key(result) not in known]

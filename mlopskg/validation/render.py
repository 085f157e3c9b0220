"""Write a validation outcome as text (the default), JSON, Turtle or HTML.

JSON follows the contract: one report object for one architecture; a list of them when the
files describe several architectures.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from mlopskg.stores.interface import GraphStore
from mlopskg.validation.categories import CATEGORIES, category_named
from mlopskg.validation.html_report import render_html
from mlopskg.validation.maturity import MaturityEstimate, next_level_needs, standing
from mlopskg.validation.report import ArchitectureReport, Result, ValidationOutcome
from mlopskg.validation.turtle_report import render_turtle

FORMATS = ("text", "json", "turtle", "html")
WIDTH = 92


# --- JSON -------------------------------------------------------------------------------


def result_json(result: Result) -> dict[str, Any]:
    data: dict[str, Any] = {
        "severity": result.severity,
        "focusNode": result.focus_node,
        "message": result.message,
        "shape": result.shape,
        "category": result.category,
        "missingComponent": result.missing_component,
        "requirements": result.requirements,
        "suggestedTools": result.suggested_tools,
        "sources": result.sources,
    }
    if result.value is not None:
        data["value"] = result.value
    if result.flow:
        data["missingFlow"] = {"flow": result.flow, "from": result.flow_from, "to": result.flow_to}
    if result.addressed_by:
        data["addressedBy"] = result.addressed_by
    return data


def maturity_json(estimate: MaturityEstimate) -> dict[str, Any]:
    return {
        "model": estimate.model,
        "modelLabel": estimate.model_label,
        "level": estimate.level,
        "levelIri": estimate.level_iri,
        "levelLabel": estimate.level_label,
        "highestLevel": estimate.highest,
        "levelComplete": estimate.complete,
        "nextLevel": estimate.next_level,
        "nextLevelNeeds": {
            "components": list(estimate.missing_kinds),
            "flows": list(estimate.missing_flows),
        },
        "sources": list(estimate.sources),
    }


def report_json(report: ArchitectureReport) -> dict[str, Any]:
    return {
        "conforms": report.conforms,
        "architecture": report.architecture,
        "label": report.label,
        "failOn": report.fail_on,
        "counts": {s: report.count(s) for s in ("Violation", "Warning", "Info")},
        "results": [result_json(result) for result in report.results],
        "coverage": report.coverage,
        "maturity": [maturity_json(estimate) for estimate in report.maturity],
        "components": [
            {"iri": c.iri, "label": c.label, "kinds": c.kinds, "tools": c.tools}
            for c in report.components
        ],
    }


def render_json(outcome: ValidationOutcome) -> str:
    reports = [report_json(report) for report in outcome.reports]
    for report in reports:
        suggested = {t for r in report["results"] for t in r.get("suggestedTools") or []}
        report["unmaintainedTools"] = sorted(suggested & outcome.unmaintained)
    data: Any = reports[0] if len(reports) == 1 else reports
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- text -------------------------------------------------------------------------------


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")


def _names(outcome: ValidationOutcome, iris: list[str], limit: int | None = None) -> str:
    shown = iris[:limit] if limit else iris
    return ", ".join(outcome.label(iri) for iri in shown)


def _maturity_lines(outcome: ValidationOutcome, report: ArchitectureReport) -> list[str]:
    lines = []
    for estimate in report.maturity:
        level_label = estimate.level_label.split(": ", 1)[-1]
        lines.append(_wrap(f"{estimate.model_label}: {standing(estimate, level_label)}.", "  "))
        if estimate.next_level:
            target = outcome.label(estimate.next_level)
            needs = next_level_needs(estimate, lambda iris: _names(outcome, iris))
            lines.append(_wrap(f"To reach {target}: {needs}.", "    "))
    return lines


def _result_lines(outcome: ValidationOutcome, result: Result) -> list[str]:
    lines = [_wrap(f"[{result.severity}] {result.message}", "  ")]
    category = category_named(result.category)
    if category.about_tool and result.value:
        lines[0] = _wrap(
            f"[{result.severity}] {outcome.label(result.focus_node)} uses "
            f"{outcome.label(result.value)}: {result.message}",
            "  ",
        )
    elif category.names_focus and result.focus_node != result.architecture:
        lines[0] = _wrap(
            f"[{result.severity}] {outcome.label(result.focus_node)}: {result.message}", "  "
        )
    if result.requirements:
        lines.append(_wrap("At stake: " + _names(outcome, result.requirements), "      "))
    if result.suggested_tools:
        tools = ", ".join(
            f"{outcome.label(tool)} ({outcome.tool_note(tool)})" for tool in result.suggested_tools
        )
        lines.append(_wrap(f"Tools that could fill it (sources naming them): {tools}", "      "))
    if result.sources:
        lines.append(_wrap("Sources: " + _names(outcome, result.sources), "      "))
    return lines


def report_text(outcome: ValidationOutcome, report: ArchitectureReport) -> str:
    verdict = "conforms" if report.conforms else "does not conform"
    counts = ", ".join(
        f"{report.count(s)} {s.lower()}(s)" for s in ("Violation", "Warning", "Info")
    )
    coverage = report.coverage
    lines = [
        f"{report.label} <{report.architecture}>",
        f"  {verdict} (fail on {report.fail_on}): {counts}",
        f"  components: {coverage['components']['present']} of the "
        f"{coverage['components']['expected']} kinds of the reference architectures present; "
        f"flows: {coverage['flows']['present']} of {coverage['flows']['expected']} expected; "
        f"requirements: {coverage['requirements']['addressed']} of "
        f"{coverage['requirements']['checked']} addressed",
        "",
        "Maturity (estimated from the components and flows present):",
        *_maturity_lines(outcome, report),
    ]
    for category in CATEGORIES:
        chosen = [r for r in report.results if r.category == category.key]
        if not chosen:
            continue
        lines += ["", f"{category.heading} ({len(chosen)}):"]
        for result in chosen:
            lines += _result_lines(outcome, result)
    return "\n".join(lines) + "\n"


def render_text(outcome: ValidationOutcome) -> str:
    return "\n".join(report_text(outcome, report) for report in outcome.reports)


def render(outcome: ValidationOutcome, fmt: str, store: GraphStore | None = None) -> str:
    """The outcome in one of :data:`FORMATS`; HTML draws the diagrams from the store."""
    if fmt == "json":
        return render_json(outcome)
    if fmt == "turtle":
        return render_turtle(outcome)
    if fmt == "html":
        return render_html(outcome, store)
    return render_text(outcome)

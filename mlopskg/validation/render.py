"""Write a validation outcome as text (the default), JSON, Turtle, HTML or Markdown.

JSON follows the contract: one report object for one architecture; a list of them when the
files describe several architectures.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from mlopskg.stores.interface import GraphStore
from mlopskg.validation.categories import category_named
from mlopskg.validation.html_report import render_html
from mlopskg.validation.markdown_report import render_markdown
from mlopskg.validation.maturity import MaturityEstimate
from mlopskg.validation.moves import Move, next_moves
from mlopskg.validation.policy import policy_json
from mlopskg.validation.recommendations import (
    ListStanding,
    Recommendation,
    count_line,
    item_name,
    summary_line,
)
from mlopskg.validation.report import ArchitectureReport, Result, ValidationOutcome
from mlopskg.validation.summary import (
    RECOMMENDATION_DETAILS_HEADING,
    RECOMMENDATIONS_HEADING,
    coverage,
    folded_flows,
    maturity_next,
    maturity_standing,
    move_action,
    move_unlocks,
    policy_line,
    sections,
    top_moves,
    verdict,
)
from mlopskg.validation.turtle_report import render_turtle

FORMATS = ("text", "json", "turtle", "html", "markdown")
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
    data["decidedBy"] = result.decided_by
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


def move_json(move: Move, rank: int, outcome: ValidationOutcome | None) -> dict[str, Any]:
    """A next move and what it unlocks (``rank`` 1 is the first to make)."""
    data: dict[str, Any] = {
        "rank": rank,
        "action": move.action,
        "target": move.target,
        "unlocks": {
            "levels": list(move.levels_reached),
            "closerLevels": list(move.levels_closer),
            "violations": move.violations,
            "warnings": move.warnings,
            "requirements": list(move.requirements),
        },
    }
    if outcome is not None:
        data["label"] = move_action(outcome, move)
        data["summary"] = move_unlocks(outcome, move)
    return data


def _item_json(item: Recommendation) -> dict[str, Any]:
    data: dict[str, Any] = {"recommendation": item.iri, "label": item.label}
    if item.notation:
        data["notation"] = item.notation
    return data


def recommendations_json(standing: ListStanding) -> dict[str, Any]:
    """One list of the literature's tests or practices: counts first, then the items."""
    return {
        "source": standing.listing.source,
        "label": standing.listing.label,
        "itemKind": standing.listing.noun,
        "counts": {
            "total": standing.total,
            "possible": len(standing.possible),
            "notYetSupported": len(standing.not_yet),
            "noComponentKind": len(standing.no_kind),
        },
        "possible": [_item_json(item) for item in standing.possible],
        "notYetSupported": [
            {**_item_json(entry.recommendation), "missingKinds": list(entry.missing_kinds)}
            for entry in standing.not_yet
        ],
        "noComponentKind": [_item_json(item) for item in standing.no_kind],
    }


def report_json(
    report: ArchitectureReport, outcome: ValidationOutcome | None = None
) -> dict[str, Any]:
    """The contract's report object, with the ranked next moves and the severity policy;
    given the outcome, each move also carries its words (``label``, ``summary``)."""
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
        "moves": [move_json(move, n, outcome) for n, move in enumerate(next_moves(report), 1)],
        "policy": policy_json(outcome.policy if outcome else None),
        "recommendations": [recommendations_json(s) for s in report.recommendations],
    }


def render_json(outcome: ValidationOutcome) -> str:
    reports = [report_json(report, outcome) for report in outcome.reports]
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
        lines.append(_wrap(f"{maturity_standing(estimate)}.", "  "))
        needs = maturity_next(outcome, estimate, lambda iris: _names(outcome, iris))
        if needs:
            lines.append(_wrap(f"{needs}.", "    "))
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
    flows = folded_flows(outcome, result)
    if flows:
        lines.append(_wrap("Once added, connect: " + "; ".join(flows), "      "))
    if result.sources:
        lines.append(_wrap("Sources: " + _names(outcome, result.sources), "      "))
    if outcome.policy and result.decided_by == outcome.policy.name:
        lines.append(_wrap(f"Severity set by the policy {outcome.policy.label}", "      "))
    return lines


def summary_lines(outcome: ValidationOutcome, report: ArchitectureReport) -> list[str]:
    """The one-screen summary: verdict, coverage, maturity and the next moves."""
    lines = [
        report.label,
        f"  {verdict(report)}",
        f"  {coverage(report)}",
        *([f"  {policy_line(outcome)}"] if outcome.policy else []),
        "",
        "Maturity (estimated from the components and flows present):",
        *_maturity_lines(outcome, report),
    ]
    moves = top_moves(report)
    if moves:
        lines += ["", "Next moves, ranked by what they unlock:"]
        lines += [
            f"  {number}. {move_action(outcome, move)}: {move_unlocks(outcome, move)}."
            for number, move in enumerate(moves, 1)
        ]
    if report.recommendations:
        lines += ["", f"{RECOMMENDATIONS_HEADING}:"]
        lines += [_wrap(summary_line(s), "  ") for s in report.recommendations]
    return lines


def recommendation_lines(outcome: ValidationOutcome, report: ArchitectureReport) -> list[str]:
    """The details of the literature's lists: per list, what is possible, what is not yet
    (with the component kinds missing) and what concerns no component kind."""
    lines = ["", f"{RECOMMENDATION_DETAILS_HEADING}:"]
    for standing in report.recommendations:
        lines += ["", _wrap(f"{count_line(standing)}.", "  ")]
        if standing.possible:
            lines.append(f"    Possible ({len(standing.possible)}):")
            lines += [_wrap(item_name(item), "      ") for item in standing.possible]
        if standing.not_yet:
            lines.append(f"    Cannot support yet ({len(standing.not_yet)}):")
            lines += [
                _wrap(
                    f"{item_name(entry.recommendation)} (needs "
                    f"{_names(outcome, list(entry.missing_kinds))})",
                    "      ",
                )
                for entry in standing.not_yet
            ]
        if standing.no_kind:
            names = "; ".join(item_name(item) for item in standing.no_kind)
            lines.append(
                _wrap(f"About no component kind ({len(standing.no_kind)}): {names}", "    ")
            )
    return lines


def report_text(
    outcome: ValidationOutcome, report: ArchitectureReport, detail: str = "full"
) -> str:
    lines = summary_lines(outcome, report)
    if detail == "summary":
        if report.results:
            lines += ["", "(The details, by block of the reference architecture: --detail full.)"]
        return "\n".join(lines) + "\n"
    for section in sections(outcome, report):
        lines += ["", f"{section.heading} ({len(section.results)}):"]
        for result in section.results:
            lines += _result_lines(outcome, result)
    if report.recommendations:
        lines += recommendation_lines(outcome, report)
    return "\n".join(lines) + "\n"


def render_text(outcome: ValidationOutcome, detail: str = "full") -> str:
    return "\n".join(report_text(outcome, report, detail) for report in outcome.reports)


def render(
    outcome: ValidationOutcome, fmt: str, store: GraphStore | None = None, detail: str = "full"
) -> str:
    """The outcome in one of :data:`FORMATS`; HTML draws the diagrams from the store.

    ``detail`` ("summary" or "full") chooses, for the human formats, between the summary
    alone and the summary followed by the details."""
    if fmt == "json":
        return render_json(outcome)
    if fmt == "turtle":
        return render_turtle(outcome)
    if fmt == "html":
        return render_html(outcome, store, detail)
    if fmt == "markdown":
        return render_markdown(outcome, detail)
    return render_text(outcome, detail)

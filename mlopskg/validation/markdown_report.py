"""The report as Markdown, for a pull-request comment: the summary first, then the details
of each block of the reference architecture in a collapsible ``<details>`` section."""

from __future__ import annotations

import re

from mlopskg.validation import summary
from mlopskg.validation.categories import category_named
from mlopskg.validation.recommendations import count_line, item_name, summary_line
from mlopskg.validation.report import ArchitectureReport, Result, ValidationOutcome

_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def md(text: str) -> str:
    """Text with the characters Markdown would read as markup escaped.

    >>> md("a_b | <c>")
    'a\\\\_b \\\\| &lt;c&gt;'
    """
    escaped = _SPECIAL.sub(r"\\\1", text)
    return escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _names(outcome: ValidationOutcome, iris: list[str]) -> str:
    return md(", ".join(outcome.label(iri) for iri in iris))


def _coverage_table(report: ArchitectureReport) -> list[str]:
    found = report.coverage
    return [
        "| coverage | present | expected |",
        "| --- | ---: | ---: |",
        f"| component kinds of the reference architectures | {found['components']['present']} "
        f"| {found['components']['expected']} |",
        f"| seed flows between present components | {found['flows']['present']} "
        f"| {found['flows']['expected']} |",
        f"| requirements and principles addressed | {found['requirements']['addressed']} "
        f"| {found['requirements']['checked']} |",
    ]


def summary_markdown(outcome: ValidationOutcome, report: ArchitectureReport) -> list[str]:
    """The summary: verdict, coverage, maturity and the ranked next moves."""
    word, rest = summary.verdict(report).split(" (", 1)
    lines = [f"## {md(report.label)}", "", f"**{word}** ({md(rest)}", ""]
    if outcome.policy:
        lines += [md(summary.policy_line(outcome)), ""]
    lines += _coverage_table(report)
    lines += ["", "### Maturity (estimated from the components and flows present)", ""]
    for estimate in report.maturity:
        model, where = summary.maturity_standing(estimate).split(": ", 1)
        line = f"- **{md(model)}**: {md(where)}."
        needs = summary.maturity_next(
            outcome, estimate, lambda iris: ", ".join(map(outcome.label, iris))
        )
        if needs:
            line += f" {md(needs)}."
        lines.append(line)
    moves = summary.top_moves(report)
    if moves:
        lines += ["", "### Next moves, ranked by what they unlock", ""]
        lines += [
            f"{number}. **{md(summary.move_action(outcome, move))}**: {md(summary.move_unlocks(outcome, move))}."
            for number, move in enumerate(moves, 1)
        ]
    if report.recommendations:
        lines += ["", f"### {md(summary.RECOMMENDATIONS_HEADING)}", ""]
        lines += [f"- {md(summary_line(s))}" for s in report.recommendations]
    return lines


def recommendations_markdown(outcome: ValidationOutcome, report: ArchitectureReport) -> list[str]:
    """The literature's lists in a collapsible section: per list, what is possible, what is
    not yet (with the component kinds missing) and what concerns no component kind."""
    lines = [
        "",
        "<details>",
        f"<summary>{md(summary.RECOMMENDATION_DETAILS_HEADING)}</summary>",
    ]
    for standing in report.recommendations:
        lines += ["", f"**{md(count_line(standing))}.**", ""]
        lines += [f"- possible: {md(item_name(item))}" for item in standing.possible]
        lines += [
            f"- cannot support yet: {md(item_name(entry.recommendation))} (needs "
            f"{_names(outcome, list(entry.missing_kinds))})"
            for entry in standing.not_yet
        ]
        lines += [f"- about no component kind: {md(item_name(item))}" for item in standing.no_kind]
    return [*lines, "", "</details>"]


def _result_markdown(outcome: ValidationOutcome, result: Result) -> list[str]:
    subject = ""
    category = category_named(result.category)
    if category.about_tool and result.value:
        subject = f"{outcome.label(result.focus_node)} uses {outcome.label(result.value)}: "
    elif category.names_focus and result.focus_node != result.architecture:
        subject = f"{outcome.label(result.focus_node)}: "
    lines = [f"- **{result.severity}** {md(subject + result.message)}"]
    if result.requirements:
        lines.append(f"  - At stake: {_names(outcome, result.requirements)}")
    if result.suggested_tools:
        tools = ", ".join(
            f"{outcome.label(tool)} ({outcome.tool_note(tool)})" for tool in result.suggested_tools
        )
        lines.append(f"  - Tools that could fill it (sources naming them): {md(tools)}")
    flows = summary.folded_flows(outcome, result)
    if flows:
        lines.append(f"  - Once added, connect: {md('; '.join(flows))}")
    if result.sources:
        lines.append(f"  - Sources: {_names(outcome, result.sources)}")
    if outcome.policy and result.decided_by == outcome.policy.name:
        lines.append(f"  - Severity set by the policy {md(outcome.policy.label)}")
    return lines


def report_markdown(
    outcome: ValidationOutcome, report: ArchitectureReport, detail: str = "full"
) -> str:
    lines = summary_markdown(outcome, report)
    if detail == "full":
        found = summary.sections(outcome, report)
        if found:
            lines += ["", "### Details, by block of the reference architecture"]
        for section in found:
            lines += [
                "",
                "<details>",
                f"<summary>{md(section.heading)} ({len(section.results)})</summary>",
                "",
            ]
            for result in section.results:
                lines += _result_markdown(outcome, result)
            lines += ["", "</details>"]
        if report.recommendations:
            lines += recommendations_markdown(outcome, report)
    return "\n".join(lines) + "\n"


def render_markdown(outcome: ValidationOutcome, detail: str = "full") -> str:
    """Every architecture's report, separated by a rule."""
    return "\n---\n\n".join(report_markdown(outcome, report, detail) for report in outcome.reports)

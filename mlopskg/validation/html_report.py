"""The report as a standalone HTML page, with the user's architecture laid over the seed's.

The diagram is the seed reference architecture's views (drawn by :mod:`mlopskg.diagrams`),
each component box marked present (a component of that kind, or a narrower one, is in the
description) or missing (drawn dashed, as a gap).
"""

from __future__ import annotations

from html import escape

from mlopskg.diagrams import read_model, render_svg
from mlopskg.stores.interface import GraphStore
from mlopskg.validation import summary
from mlopskg.validation.categories import category_named
from mlopskg.validation.maturity import next_level_needs
from mlopskg.validation.recommendations import count_line, item_name, summary_line
from mlopskg.validation.report import ArchitectureReport, Result, ValidationOutcome
from mlopskg.validation.rules import SEED_ARCHITECTURE

_CSS = """
body { font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 70rem; color: #1d2733; line-height: 1.45; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d5dce4; }
.verdict { font-weight: 600; padding: .4rem .7rem; border-radius: .3rem; display: inline-block; }
.conforms { background: #d7f5dd; color: #1e6b33; } .fails { background: #fde2e0; color: #9b2c20; }
.result { margin: .6rem 0; padding: .5rem .8rem; border-left: 4px solid #c0c9d3; background: #f8fafc; }
.Violation { border-left-color: #c0392b; } .Warning { border-left-color: #e08e0b; } .Info { border-left-color: #2e86c1; }
.sev { font-weight: 700; font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; }
.links { font-size: .9rem; color: #425466; margin-top: .2rem; }
.diagram { overflow-x: auto; border: 1px solid #d5dce4; padding: .5rem; background: white; }
.legend span { display: inline-block; padding: 0 .5rem; margin-right: .5rem; border: 1px solid; }
table { border-collapse: collapse; } td, th { padding: .2rem .6rem; border-bottom: 1px solid #e5e9ee; text-align: left; }
"""


def overlay_svg(store: GraphStore, report: ArchitectureReport) -> str:
    """The seed's views with each component kind marked present or missing."""
    model = read_model(store, SEED_ARCHITECTURE)
    for view in model.views:
        for element in view.elements():
            if element.kind:
                element.mark = "present" if element.kind in report.present_kinds else "missing"
    return render_svg(model, title=f"{report.label} over the seed reference architecture")


def _names(outcome: ValidationOutcome, iris: list[str]) -> str:
    return ", ".join(f'<a href="{escape(iri)}">{escape(outcome.label(iri))}</a>' for iri in iris)


def _result_html(outcome: ValidationOutcome, result: Result) -> str:
    subject = ""
    if category_named(result.category).about_tool or result.focus_node != result.architecture:
        subject = f"<strong>{escape(outcome.label(result.focus_node))}</strong>"
        if result.value:
            subject += f" uses <strong>{escape(outcome.label(result.value))}</strong>"
        subject += ": "
    links = []
    if result.requirements:
        links.append("At stake: " + _names(outcome, result.requirements))
    if result.suggested_tools:
        tools = ", ".join(
            f'<a href="{escape(t)}">{escape(outcome.label(t))}</a> ({escape(outcome.tool_note(t))})'
            for t in result.suggested_tools
        )
        links.append("Tools that could fill it (sources naming them): " + tools)
    flows = summary.folded_flows(outcome, result)
    if flows:
        links.append("Once added, connect: " + escape("; ".join(flows)))
    if result.sources:
        links.append("Sources: " + _names(outcome, result.sources))
    if outcome.policy and result.decided_by == outcome.policy.name:
        links.append(f"Severity set by the policy {escape(outcome.policy.label)}")
    link_html = "".join(f'<div class="links">{line}</div>' for line in links)
    return (
        f'<div class="result {escape(result.severity)}"><span class="sev">{escape(result.severity)}</span> '
        f"{subject}{escape(result.message)}{link_html}</div>"
    )


def _summary_html(outcome: ValidationOutcome, report: ArchitectureReport) -> list[str]:
    word, rest = summary.verdict(report).split(" (", 1)
    parts = [
        f"<h1>{escape(report.label)}</h1>",
        f'<p>Described as <a href="{escape(report.architecture)}">{escape(report.label)}</a></p>',
        f'<p><span class="verdict {"conforms" if report.conforms else "fails"}">{word}</span> '
        f"({escape(rest)}</p>",
    ]
    if outcome.policy:
        parts.append(f"<p>{escape(summary.policy_line(outcome))}</p>")
    found = report.coverage
    parts.append(
        "<table><tr><th>coverage</th><th>present</th><th>expected</th></tr>"
        f"<tr><td>component kinds of the reference architectures</td><td>{found['components']['present']}</td><td>{found['components']['expected']}</td></tr>"
        f"<tr><td>seed flows between present components</td><td>{found['flows']['present']}</td><td>{found['flows']['expected']}</td></tr>"
        f"<tr><td>requirements and principles addressed</td><td>{found['requirements']['addressed']}</td><td>{found['requirements']['checked']}</td></tr></table>"
    )
    parts.append("<h2>Maturity (estimated from the components and flows present)</h2><ul>")
    for estimate in report.maturity:
        model, where = summary.maturity_standing(estimate).split(": ", 1)
        line = f"<strong>{escape(model)}</strong>: {escape(where)}"
        if estimate.next_level:
            needs = next_level_needs(estimate, lambda iris: _names(outcome, iris))
            line += f". To reach {escape(outcome.label(estimate.next_level))}: {needs}"
        parts.append(f"<li>{line}.</li>")
    parts.append("</ul>")
    moves = summary.top_moves(report)
    if moves:
        parts.append('<h2>Next moves, ranked by what they unlock</h2><ol class="moves">')
        parts += [
            f"<li><strong>{escape(summary.move_action(outcome, move))}</strong>: "
            f"{escape(summary.move_unlocks(outcome, move))}.</li>"
            for move in moves
        ]
        parts.append("</ol>")
    if report.recommendations:
        parts.append(f"<h2>{escape(summary.RECOMMENDATIONS_HEADING)}</h2><ul>")
        parts += [f"<li>{escape(summary_line(s))}</li>" for s in report.recommendations]
        parts.append("</ul>")
    return parts


def _recommendations_html(outcome: ValidationOutcome, report: ArchitectureReport) -> list[str]:
    """Per list of the literature: what is possible, what is not yet (with the component
    kinds missing) and what concerns no component kind."""
    parts = [f"<h2>{escape(summary.RECOMMENDATION_DETAILS_HEADING)}</h2>"]
    for standing in report.recommendations:
        parts.append(
            f'<h3><a href="{escape(standing.listing.source)}">{escape(standing.listing.label)}</a></h3>'
            f"<p>{escape(count_line(standing))}.</p>"
        )
        items = [
            f'<li>possible: <a href="{escape(i.iri)}">{escape(item_name(i))}</a></li>'
            for i in standing.possible
        ]
        items += [
            f'<li>cannot support yet: <a href="{escape(e.recommendation.iri)}">'
            f"{escape(item_name(e.recommendation))}</a> (needs "
            f"{_names(outcome, list(e.missing_kinds))})</li>"
            for e in standing.not_yet
        ]
        items += [
            f'<li>about no component kind: <a href="{escape(i.iri)}">{escape(item_name(i))}</a></li>'
            for i in standing.no_kind
        ]
        parts.append("<ul>" + "".join(items) + "</ul>")
    return parts


def report_html(
    outcome: ValidationOutcome,
    report: ArchitectureReport,
    store: GraphStore | None,
    detail: str = "full",
) -> str:
    parts = _summary_html(outcome, report)
    if detail == "summary":
        return "\n".join(parts)
    if store is not None:
        parts.append(
            "<h2>The architecture over the seed reference architecture</h2>"
            '<p class="legend"><span style="border-color:#2f8f46;background:#d7f5dd">present</span>'
            '<span style="border-color:#c0392b;border-style:dashed">missing</span></p>'
            f'<div class="diagram">{overlay_svg(store, report)}</div>'
        )
    for section in summary.sections(outcome, report):
        parts.append(f"<h2>{escape(section.heading)} ({len(section.results)})</h2>")
        parts += [_result_html(outcome, result) for result in section.results]
    parts.append(
        "<h2>Components as described</h2><table><tr><th>component</th><th>kinds</th><th>tools</th></tr>"
    )
    for component in report.components:
        parts.append(
            f"<tr><td>{escape(component.label)}</td><td>{_names(outcome, component.kinds)}</td>"
            f"<td>{_names(outcome, component.tools)}</td></tr>"
        )
    parts.append("</table>")
    if report.recommendations:
        parts += _recommendations_html(outcome, report)
    return "\n".join(parts)


def render_html(
    outcome: ValidationOutcome, store: GraphStore | None = None, detail: str = "full"
) -> str:
    body = "\n<hr>\n".join(
        report_html(outcome, report, store, detail) for report in outcome.reports
    )
    title = "Validation report: " + ", ".join(report.label for report in outcome.reports)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{_CSS}</style></head><body>\n{body}\n</body></html>\n"
    )

"""A plan in people's words (text, HTML) and for machines (JSON, Turtle)."""

from __future__ import annotations

import datetime
import html
import json
from typing import Any

from mlopskg.plan.model import Candidate, ChosenTool, Plan

FORMATS = ("text", "json", "turtle", "html")


def _constraints(plan: Plan) -> str:
    c = plan.constraints
    words = [
        f"fills the {'violations' if c.severity == 'violation' else 'violations and warnings'}"
    ]
    if c.open_source_only:
        words.append("open source only")
    if c.allowed_licences:
        words.append("licences " + ", ".join(c.allowed_licences))
    if c.cloud:
        words.append(f"cloud: {c.cloud}")
    if c.keep_tools:
        words.append("tools in use kept whatever the constraints")
    if c.exclude:
        words.append(f"{len(c.exclude)} tool(s) excluded")
    if c.max_tools is not None:
        words.append(f"at most {c.max_tools} new tool(s)")
    return "; ".join(words)


def _facts(candidate: Candidate, today: datetime.date) -> str:
    sources = (
        f"named by {len(candidate.sources)} source(s) ({', '.join(candidate.sources)})"
        if candidate.sources
        else "named by no source in the graph"
    )
    licence = candidate.licence
    if licence is None:
        words = "licence unknown"
    else:
        words = f"licence {licence.text}" + (
            f", checked {licence.checked_on}" if licence.checked_on else ""
        )
    release = ""
    if candidate.latest_release:
        stale = " (no release in 24 months)" if candidate.maintained(today) is False else ""
        release = f"; latest release {candidate.latest_release}{stale}"
    return f"{sources}; {words}{release}"


def _runner(candidate: Candidate) -> str:
    what = "in use, no new tool" if candidate.in_use else "1 new tool"
    return f"{candidate.label} ({what}, {len(candidate.sources)} source(s))"


def to_text(plan: Plan, title: str = "", today: datetime.date | None = None) -> str:
    """The plan as a terminal reads it."""
    day = today or datetime.date.today()
    filled = len(plan.gaps) - len(plan.unfilled)
    head = f"Plan{' for ' + title if title else ''}: {plan.new_tools} new tool(s) fill {filled} of {len(plan.gaps)} gap(s)"
    lines = [
        head,
        f"  ({_constraints(plan)}; {'optimal' if plan.optimal else 'not proven optimal'}, {plan.solver})",
    ]
    in_use = [c for c in plan.chosen if not c.new]
    if in_use:
        lines += ["", "Tools you already run that fill gaps:"]
        lines += [f"  {c.candidate.label}: {', '.join(g.label for g in c.fills)}" for c in in_use]
    new = [c for c in plan.chosen if c.new]
    if new:
        lines += ["", "New tools:"]
        for number, choice in enumerate(new, 1):
            lines.append(
                f"  {number}. {choice.candidate.label}: {', '.join(g.label for g in choice.fills)}"
            )
            lines.append(f"       {_facts(choice.candidate, day)}")
            for gap in choice.fills:
                others = choice.runners_up.get(gap.kind, [])
                if others:
                    lines.append(
                        f"       instead, for the {gap.label}: "
                        + "; ".join(_runner(o) for o in others)
                    )
    if plan.unfilled:
        lines += ["", "Gaps no allowed tool fills:"]
        for gap in plan.unfilled:
            excluded = plan.exclusions.get(gap.kind, [])
            if gap.kind in plan.left_out:
                lines.append(
                    f"  {gap.label}: left out by --max-tools {plan.constraints.max_tools}; "
                    f"it could take {', '.join(plan.left_out[gap.kind])}"
                )
                continue
            if not excluded:
                lines.append(f"  {gap.label}: no tool in the catalogue can serve as it")
                continue
            lines.append(f"  {gap.label}: the constraints excluded every candidate:")
            lines += [f"    {e.label}: {e.reason}" for e in excluded]
    if not plan.gaps:
        lines += ["", "No gaps at this severity: nothing to add."]
    return "\n".join(lines) + "\n"


def _candidate_json(candidate: Candidate, today: datetime.date) -> dict[str, Any]:
    licence = candidate.licence
    return {
        "tool": candidate.iri,
        "label": candidate.label,
        "inUse": candidate.in_use,
        "sources": candidate.sources,
        "licence": None
        if licence is None
        else {
            "kind": licence.kind,
            "text": licence.text,
            "spdx": licence.spdx,
            "checkedOn": licence.checked_on,
        },
        "clouds": sorted(candidate.clouds),
        "latestRelease": candidate.latest_release,
        "maintained": candidate.maintained(today),
    }


def _choice_json(choice: ChosenTool, today: datetime.date) -> dict[str, Any]:
    return {
        **_candidate_json(choice.candidate, today),
        "new": choice.new,
        "fills": [{"kind": g.kind, "label": g.label, "severity": g.severity} for g in choice.fills],
        "runnersUp": {
            kind: [_candidate_json(o, today) for o in others]
            for kind, others in choice.runners_up.items()
        },
    }


def to_json(plan: Plan, today: datetime.date | None = None) -> dict[str, Any]:
    """The plan as a JSON object."""
    day = today or datetime.date.today()
    c = plan.constraints
    return {
        "newTools": plan.new_tools,
        "optimal": plan.optimal,
        "solver": plan.solver,
        "constraints": {
            "openSourceOnly": c.open_source_only,
            "allowedLicences": list(c.allowed_licences),
            "cloud": c.cloud,
            "keepTools": c.keep_tools,
            "exclude": list(c.exclude),
            "severity": c.severity,
            "maxTools": c.max_tools,
        },
        "gaps": [{"kind": g.kind, "label": g.label, "severity": g.severity} for g in plan.gaps],
        "chosen": [_choice_json(choice, day) for choice in plan.chosen],
        "unfilled": [
            {
                "kind": g.kind,
                "label": g.label,
                "severity": g.severity,
                "excluded": [
                    {"tool": e.tool, "label": e.label, "reason": e.reason}
                    for e in plan.exclusions.get(g.kind, [])
                ],
                "leftOutByMaxTools": plan.left_out.get(g.kind, []),
            }
            for g in plan.unfilled
        ],
    }


def _literal(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def to_turtle(plan: Plan) -> str:
    """The chosen tools as a schema.org item list, each with the kinds it fills."""
    lines = [
        "@prefix schema: <https://schema.org/> .",
        "@prefix mlo: <https://w3id.org/mlopskg/ontology#> .",
        "",
        "[] a schema:ItemList ;",
        f"    schema:name {_literal('mlopskg plan: ' + _constraints(plan))} ;",
        f"    schema:numberOfItems {len(plan.chosen)}",
    ]
    for position, choice in enumerate(plan.chosen, 1):
        kinds = " , ".join(f"<{g.kind}>" for g in choice.fills)
        lines[-1] += " ;"
        lines.append(
            f"    schema:itemListElement [ a schema:ListItem ; schema:position {position} ; "
            f"schema:item <{choice.candidate.iri}> ; mlo:realizes {kinds} ; "
            f"schema:description {_literal(('new tool' if choice.new else 'in use') + ': ' + ', '.join(g.label for g in choice.fills))} ]"
        )
    lines[-1] += " ."
    return "\n".join(lines) + "\n"


def to_html(plan: Plan, title: str = "", today: datetime.date | None = None) -> str:
    """A self-contained HTML fragment: the chosen tools and the unfilled gaps."""
    day = today or datetime.date.today()
    e = html.escape
    rows = "".join(
        f"<tr><td>{'new' if c.new else 'in use'}</td><td>{e(c.candidate.label)}</td>"
        f"<td>{e(', '.join(g.label for g in c.fills))}</td><td>{e(_facts(c.candidate, day))}</td></tr>"
        for c in plan.chosen
    )
    unfilled = "".join(
        f"<li>{e(g.label)}: "
        + (
            (
                f"left out by --max-tools; it could take {e(', '.join(plan.left_out[g.kind]))}"
                if g.kind in plan.left_out
                else ""
            )
            or e("; ".join(f"{x.label}: {x.reason}" for x in plan.exclusions.get(g.kind, [])))
            or "no tool in the catalogue can serve as it"
        )
        + "</li>"
        for g in plan.unfilled
    )
    filled = len(plan.gaps) - len(plan.unfilled)
    return (
        f'<section class="plan"><h2>Plan{" for " + e(title) if title else ""}</h2>'
        f"<p>{plan.new_tools} new tool(s) fill {filled} of {len(plan.gaps)} gap(s) "
        f"({e(_constraints(plan))}).</p>"
        f"<table><thead><tr><th></th><th>tool</th><th>fills</th><th>why</th></tr></thead><tbody>{rows}</tbody></table>"
        + (f"<h3>Gaps no allowed tool fills</h3><ul>{unfilled}</ul>" if unfilled else "")
        + "</section>"
    )


def attach(
    body: str, fmt: str, plan: Plan, title: str = "", today: datetime.date | None = None
) -> str:
    """A report in ``fmt`` (json, html or text) with the plan added to it."""
    if fmt == "json":
        merged = json.loads(body)
        merged["plan"] = to_json(plan, today)
        return json.dumps(merged, indent=2, ensure_ascii=False) + "\n"
    if fmt == "html":
        return body.replace("</body>", to_html(plan, title, today) + "\n</body>", 1)
    return body + "\n" + to_text(plan, title, today)

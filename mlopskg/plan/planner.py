"""Make a plan: gaps from a validation report, candidates from the graph, constraints applied,
the set cover solved exactly, and each choice explained."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from mlopskg.plan.candidates import candidates_for, kind_labels
from mlopskg.plan.model import Candidate, ChosenTool, Exclusion, Gap, Plan, PlanConstraints
from mlopskg.plan.solver import CoverProblem, greedy, solve
from mlopskg.validation.terms import Queryable

SEVERITIES = {"violation": ("Violation",), "warning": ("Violation", "Warning")}
CLOUD_NAMES = {"aws": "Amazon Web Services", "gcp": "Google Cloud", "azure": "Microsoft Azure"}


def gaps_of(report: Mapping[str, Any], severity: str) -> list[tuple[str, str]]:
    """(kind, severity) of every missing component at the chosen severity, most severe first."""
    wanted = SEVERITIES[severity]
    found: dict[str, str] = {}
    for result in report.get("results", []):
        kind = result.get("missingComponent")
        if kind and result.get("severity") in wanted and kind not in found:
            found[kind] = result["severity"]
    return sorted(found.items(), key=lambda item: (wanted.index(item[1]), item[0]))


def exclusion_reason(candidate: Candidate, constraints: PlanConstraints) -> str | None:
    """Why the constraints remove a candidate, or None when they allow it."""
    if candidate.iri in constraints.exclude:
        return "excluded by --exclude"
    if candidate.in_use and constraints.keep_tools:
        return None
    if constraints.allowed_tools and candidate.iri not in constraints.allowed_tools:
        return "not on the policy's list of allowed tools"
    licence = candidate.licence
    if constraints.open_source_only and not candidate.open_source:
        if licence is None:
            return "licence unknown (--open-source-only)"
        dated = f", checked {licence.checked_on}" if licence.checked_on else ""
        return f"not open source: {licence.text}{dated} (--open-source-only)"
    if constraints.allowed_licences:
        spdx = licence.spdx if licence else None
        if spdx not in constraints.allowed_licences:
            return f"licence {spdx or 'unknown'} is not in --allow-licence"
    if constraints.cloud and candidate.clouds and constraints.cloud not in candidate.clouds:
        names = ", ".join(CLOUD_NAMES.get(c, c) for c in sorted(candidate.clouds))
        if constraints.cloud == "none":
            return f"a managed service of {names} (--cloud none)"
        return f"a managed service of {names}, not {CLOUD_NAMES[constraints.cloud]} (--cloud)"
    return None


def cost(candidate: Candidate, gap_count: int, today: datetime.date) -> float:
    """1 per new tool; ties go to tools more sources name and that are maintained.

    The tie-breakers of all chosen tools together stay below 1, so they never outweigh a
    tool fewer; a tool already in use costs (almost) nothing.
    """
    epsilon = 0.5 / (gap_count + 1)
    if candidate.in_use:
        return epsilon * 0.01
    stale = 0.5 if candidate.maintained(today) is False else 0.0
    return 1.0 + epsilon * (1.0 / (1 + len(candidate.sources)) + stale)


def make_plan(
    store: Queryable,
    report: Mapping[str, Any],
    in_use: Iterable[str],
    constraints: PlanConstraints | None = None,
    *,
    today: datetime.date | None = None,
    exact: bool = True,
) -> Plan:
    """The plan for a validated description (``report`` is the contract's JSON report)."""
    constraints = constraints or PlanConstraints()
    day = today or datetime.date.today()
    gap_items = gaps_of(report, constraints.severity)
    labels = kind_labels(store, [k for k, _ in gap_items])
    gaps = [Gap(kind, labels[kind], severity) for kind, severity in gap_items]
    index = {gap.kind: i for i, gap in enumerate(gaps)}
    allowed: list[Candidate] = []
    exclusions: dict[str, list[Exclusion]] = {}
    for candidate in candidates_for(store, list(index), set(in_use)):
        reason = exclusion_reason(candidate, constraints)
        if reason is None:
            allowed.append(candidate)
            continue
        for kind in sorted(candidate.kinds):
            exclusions.setdefault(kind, []).append(
                Exclusion(candidate.iri, candidate.label, reason)
            )
    cover = [{index[k] for k in c.kinds} for c in allowed]
    costs = [cost(c, len(gaps), day) for c in allowed]
    new = [not c.in_use for c in allowed]
    run = solve if exact else greedy
    solution = run(CoverProblem(cover, costs, len(gaps), new, constraints.max_tools))
    chosen = []
    for t in solution.tools:
        candidate = allowed[t]
        fills = [gaps[g] for g in sorted(cover[t])]
        others = {gap.kind: _runners_up(gap.kind, candidate, allowed, costs) for gap in fills}
        chosen.append(ChosenTool(candidate, fills, not candidate.in_use, others))
    chosen.sort(key=lambda c: (c.new, -len(c.fills), c.candidate.label.lower()))
    unfilled = [gap for i, gap in enumerate(gaps) if i not in solution.filled]
    left_out = {
        gap.kind: sorted(c.label for c in allowed if gap.kind in c.kinds)
        for gap in unfilled
        if any(gap.kind in c.kinds for c in allowed)
    }
    return Plan(
        gaps=gaps,
        chosen=chosen,
        unfilled=unfilled,
        exclusions={k: sorted(v, key=lambda e: e.label.lower()) for k, v in exclusions.items()},
        left_out=left_out,
        constraints=constraints,
        optimal=solution.optimal,
        solver="HiGHS (scipy.optimize.milp)" if exact else "greedy",
    )


def _runners_up(
    kind: str, chosen: Candidate, allowed: list[Candidate], costs: list[float], limit: int = 3
) -> list[Candidate]:
    others = [(costs[i], c) for i, c in enumerate(allowed) if kind in c.kinds and c is not chosen]
    others.sort(key=lambda pair: (pair[0], -len(pair[1].sources), pair[1].label.lower()))
    return [c for _, c in others[:limit]]

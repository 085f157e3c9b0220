"""Estimate an architecture's maturity levels (Google 0-2, Microsoft 0-4) from its parts.

A level is reached when the architecture has a component of every kind that this level and
the levels below it introduce (``mlo:introducesComponentKind`` in the graph), and no seed
flow between two of those kinds is missing while both ends are present. The estimate is
the highest level reached with every level below it; the reasons name what the next level
still needs. An architecture that lacks even the lowest level's components stands below
that level (:func:`standing` says so). This is a reading of the architecture's parts, not an assessment of practice:
the maturity models also describe processes no architecture diagram shows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from mlopskg.validation.rules import FlowRule, LevelRule, Rules


@dataclass(frozen=True)
class MaturityEstimate:
    """Where an architecture stands in one maturity model.

    ``level`` is the highest level reached; when none is (``complete`` is false), it is the
    lowest level, which the architecture stands below.
    """

    model: str
    model_label: str
    level: int
    level_iri: str
    level_label: str
    highest: int
    complete: bool
    next_level: str | None
    next_label: str | None
    missing_kinds: tuple[str, ...]
    missing_flows: tuple[str, ...]
    sources: tuple[str, ...]


def _needs(
    levels: list[LevelRule],
    upto: int,
    present: set[str],
    missing_flows: set[str],
    flows: list[FlowRule],
) -> tuple[list[str], list[str]]:
    introduced = {kind for level in levels if level.number <= upto for kind in level.introduces}
    kinds = sorted(kind for kind in introduced if kind not in present)
    connecting = sorted(
        flow.flow
        for flow in flows
        if flow.flow in missing_flows
        and introduced & set(flow.from_kinds)
        and introduced & set(flow.to_kinds)
    )
    return kinds, connecting


def estimate_maturity(
    rules: Rules, present: set[str], missing_flows: set[str]
) -> list[MaturityEstimate]:
    """One estimate per maturity model in the graph."""
    by_model: dict[str, list[LevelRule]] = defaultdict(list)
    for level in rules.levels:
        by_model[level.model].append(level)
    estimates = []
    for model, levels in sorted(by_model.items()):
        levels.sort(key=lambda level: level.number)
        reached: LevelRule | None = None
        blocked: LevelRule | None = None
        for level in levels:
            kinds, flows = _needs(levels, level.number, present, missing_flows, rules.flows)
            if kinds or flows:
                blocked = level
                break
            reached = level
        shown = reached or levels[0]
        missing_kinds, missing_flow_list = (
            _needs(levels, blocked.number, present, missing_flows, rules.flows)
            if blocked
            else ([], [])
        )
        estimates.append(
            MaturityEstimate(
                model=model,
                model_label=levels[0].model_label,
                level=shown.number,
                level_iri=shown.level,
                level_label=shown.label,
                highest=levels[-1].number,
                complete=reached is not None,
                next_level=blocked.level if blocked else None,
                next_label=blocked.label if blocked else None,
                missing_kinds=tuple(missing_kinds),
                missing_flows=tuple(missing_flow_list),
                sources=shown.sources,
            )
        )
    return estimates


def standing(estimate: MaturityEstimate, level_label: str) -> str:
    """Where the architecture stands, in words: "level 1 of 2, <level_label>", or, when it
    lacks components of the lowest level, "below level 0 (the levels run from 0 to 2)"."""
    if estimate.complete:
        return f"level {estimate.level} of {estimate.highest}, {level_label}"
    return (
        f"below level {estimate.level} (the levels run from {estimate.level} to {estimate.highest})"
    )


def next_level_needs(estimate: MaturityEstimate, names: Callable[[list[str]], str]) -> str:
    """What the next level needs, in words ("add ...; connect ..."), names written by ``names``."""
    needs = []
    if estimate.missing_kinds:
        needs.append("add " + names(list(estimate.missing_kinds)))
    if estimate.missing_flows:
        needs.append("connect " + names(list(estimate.missing_flows)))
    return "; ".join(needs)

"""What every human format shares: the summary (verdict, coverage, maturity, next moves) and
the details' sections, grouped by block of the reference architecture.

Text (:mod:`~mlopskg.validation.render`), HTML (:mod:`~mlopskg.validation.html_report`) and
Markdown (:mod:`~mlopskg.validation.markdown_report`) write these in their own markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mlopskg.validation.blocks import block_heading
from mlopskg.validation.categories import (
    CATEGORIES,
    DESCRIPTION,
    OTHER,
    REQUIREMENT,
    category_named,
)
from mlopskg.validation.maturity import MaturityEstimate, next_level_needs, standing
from mlopskg.validation.moves import MOVES_SHOWN, Move, next_moves
from mlopskg.validation.report import ArchitectureReport, Result, ValidationOutcome

DETAILS = ("summary", "full")
SEVERITIES = ("Violation", "Warning", "Info")

#: the heading of the counts of the literature's lists, in the summary
RECOMMENDATIONS_HEADING = "The literature's tests and practices your components make possible"
#: the heading of the lists themselves, in the details
RECOMMENDATION_DETAILS_HEADING = "Tests and practices of the literature, by list"


def verdict(report: ArchitectureReport) -> str:
    """ "does not conform (fail on violation): 6 violation(s), 36 warning(s), 20 info(s)"."""
    counts = ", ".join(f"{report.count(s)} {s.lower()}(s)" for s in SEVERITIES)
    word = "conforms" if report.conforms else "does not conform"
    return f"{word} (fail on {report.fail_on}): {counts}"


def coverage(report: ArchitectureReport) -> str:
    found = report.coverage
    return (
        f"components: {found['components']['present']} of the "
        f"{found['components']['expected']} kinds of the reference architectures present; "
        f"flows: {found['flows']['present']} of {found['flows']['expected']} expected; "
        f"requirements: {found['requirements']['addressed']} of "
        f"{found['requirements']['checked']} addressed"
    )


def policy_line(outcome: ValidationOutcome) -> str:
    """Which policy decided the severities (the default one unless the outcome has one)."""
    if outcome.policy is None:
        return "severities: mlopskg's default severity policy"
    return f"severities: the policy {outcome.policy.label}, over mlopskg's default"


def maturity_standing(estimate: MaturityEstimate) -> str:
    """ "Google MLOps levels: below level 0 (the levels run from 0 to 2)"."""
    level_label = estimate.level_label.split(": ", 1)[-1]
    return f"{estimate.model_label}: {standing(estimate, level_label)}"


def maturity_next(
    outcome: ValidationOutcome, estimate: MaturityEstimate, names: Callable[[list[str]], str]
) -> str | None:
    """ "To reach <level>: add ...; connect ..." (None at the highest level)."""
    if not estimate.next_level:
        return None
    return f"To reach {outcome.label(estimate.next_level)}: {next_level_needs(estimate, names)}"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def move_unlocks(outcome: ValidationOutcome, move: Move) -> str:
    """What a move unlocks, in words, most valuable first."""
    parts = [f"reaches {outcome.label(level)}" for level in move.levels_reached]
    if move.violations:
        parts.append("closes " + _plural(move.violations, "violation", "violations"))
    if move.requirements:
        parts.append(
            "addresses "
            + _plural(
                len(move.requirements), "requirement or principle", "requirements and principles"
            )
        )
    if move.warnings:
        parts.append("closes " + _plural(move.warnings, "warning", "warnings"))
    parts += [f"brings {outcome.label(level)} closer" for level in move.levels_closer]
    return "; ".join(parts)


def move_action(outcome: ValidationOutcome, move: Move) -> str:
    """ "Add a model registry" or "Connect <the flow in words>"."""
    verb = "Add" if move.action == "add" else "Connect"
    return f"{verb} {outcome.label(move.target)}"


def top_moves(report: ArchitectureReport) -> list[Move]:
    return next_moves(report)[:MOVES_SHOWN]


@dataclass
class Section:
    """A part of the details: a block of the reference architecture, or a category."""

    key: str
    heading: str
    results: list[Result]


def _kind_of(result: Result) -> str | None:
    if result.missing_component:
        return result.missing_component
    if result.checked_kind:
        return result.checked_kind
    return result.flow_from[0] if result.flow_from else None


def sections(outcome: ValidationOutcome, report: ArchitectureReport) -> list[Section]:
    """The details in reading order: the description's problems, then each block of the
    reference architecture (missing components, flows and tools about its kinds), then what
    belongs to no block (requirements and principles, other results)."""
    by_block: dict[str, list[Result]] = {}
    by_category: dict[str, list[Result]] = {}
    for result in report.results:
        block = None
        if result.category not in (DESCRIPTION.key, REQUIREMENT.key, OTHER.key):
            block = outcome.layout.block(_kind_of(result))
        if block:
            by_block.setdefault(block, []).append(result)
        else:
            by_category.setdefault(category_named(result.category).key, []).append(result)
    found: list[Section] = []
    if DESCRIPTION.key in by_category:
        found.append(
            Section(DESCRIPTION.key, DESCRIPTION.heading, by_category.pop(DESCRIPTION.key))
        )
    for block in outcome.layout.blocks:
        if block in by_block:
            heading = block_heading(outcome.label(block))
            found.append(Section(block, heading, by_block[block]))
    for category in CATEGORIES:
        if category.key in by_category:
            found.append(Section(category.key, category.heading, by_category[category.key]))
    return found


def folded_flows(outcome: ValidationOutcome, result: Result) -> list[str]:
    """For a missing component: the seed flows it would take part in (its missing flows),
    by their own labels (the entry's sources say where they come from)."""
    if not result.missing_component:
        return []
    flows = outcome.layout.flows_of.get(result.missing_component, ())
    return [outcome.layout.flow_labels.get(flow) or outcome.label(flow) for flow in flows]

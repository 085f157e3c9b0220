"""The next moves: what to add or connect first, ranked by what each unlocks.

A move is adding a missing component kind or connecting a missing flow. What it unlocks:
the maturity levels it completes (the level's only remaining need), the violations and
warnings it closes (its own result, and for a kind the requirement results it addresses),
and the requirements and principles it addresses. Moves are ranked by levels reached, then
violations closed, then requirements addressed, then warnings closed, then how many next
levels it brings closer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mlopskg.validation.categories import COMPONENT, FLOW, REQUIREMENT
from mlopskg.validation.report import ArchitectureReport, Result

#: How many moves the summary shows.
MOVES_SHOWN = 5


@dataclass
class Move:
    """One move and what it unlocks."""

    #: "add" a component kind or "connect" a flow.
    action: str
    #: The kind or the flow (an IRI).
    target: str
    #: The maturity levels this move alone completes (level IRIs).
    levels_reached: list[str] = field(default_factory=list)
    #: The next levels it brings closer without completing them.
    levels_closer: list[str] = field(default_factory=list)
    violations: int = 0
    warnings: int = 0
    #: The requirements and principles it addresses (IRIs).
    requirements: list[str] = field(default_factory=list)

    def rank(self) -> tuple[int, ...]:
        return (
            -len(self.levels_reached),
            -self.violations,
            -len(self.requirements),
            -self.warnings,
            -len(self.levels_closer),
        )

    @property
    def unlocks_anything(self) -> bool:
        return any(self.rank())


def _count(move: Move, result: Result) -> None:
    if result.severity == "Violation":
        move.violations += 1
    elif result.severity == "Warning":
        move.warnings += 1


def _levels(move: Move, report: ArchitectureReport) -> None:
    for estimate in report.maturity:
        if not estimate.next_level:
            continue
        kinds, flows = set(estimate.missing_kinds), set(estimate.missing_flows)
        needs = kinds if move.action == "add" else flows
        if move.target not in needs:
            continue
        if (kinds | flows) == {move.target}:
            move.levels_reached.append(estimate.next_level)
        else:
            move.levels_closer.append(estimate.next_level)


def next_moves(report: ArchitectureReport) -> list[Move]:
    """Every move the report's results suggest, best first (ties by target, for stable output)."""
    moves: dict[tuple[str, str], Move] = {}
    for result in report.results:
        if result.category == COMPONENT.key and result.missing_component:
            move = moves.setdefault(
                ("add", result.missing_component), Move("add", result.missing_component)
            )
            _count(move, result)
        elif result.category == FLOW.key and result.flow:
            move = moves.setdefault(("connect", result.flow), Move("connect", result.flow))
            _count(move, result)
    for estimate in report.maturity:  # a level may need a kind no shape reports missing
        for kind in estimate.missing_kinds:
            moves.setdefault(("add", kind), Move("add", kind))
        for flow in estimate.missing_flows:
            moves.setdefault(("connect", flow), Move("connect", flow))
    for result in report.results:
        if result.category != REQUIREMENT.key:
            continue
        for kind in result.addressed_by:
            addressing = moves.get(("add", kind))
            if addressing is not None:
                _count(addressing, result)
                addressing.requirements += [
                    r for r in result.requirements if r not in addressing.requirements
                ]
    for move in moves.values():
        _levels(move, report)
    ranked = [
        move
        for move in moves.values()
        if move.unlocks_anything and move.target not in report.not_applicable
    ]
    return sorted(ranked, key=lambda move: (move.rank(), move.action, move.target))

"""Weighted set cover, solved exactly with SciPy's ``milp`` (HiGHS), and the greedy heuristic.

Variables: ``x_t`` (tool t chosen) and ``y_g`` (gap g filled), both binary. A gap is filled
only if a chosen tool covers it (``y_g <= sum x_t``). The objective first fills as many gaps
as possible, then keeps the cost of the chosen tools lowest: minimise
``sum c_t x_t - M sum y_g`` with ``M`` larger than any total cost. ``--max-tools N`` bounds the
number of new tools (``sum x_t <= N`` over new tools).

>>> problem = CoverProblem([{0, 1}, {1}, {2}], [1.0, 1.0, 1.0], 3)
>>> solve(problem).tools, greedy(problem).tools
([0, 2], [0, 2])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp


@dataclass(frozen=True)
class CoverProblem:
    """Which gaps each tool covers (gap indexes), each tool's cost, how many gaps there are,
    which tools are new (``max_new`` bounds how many of those are chosen)."""

    cover: list[set[int]]
    costs: list[float]
    gap_count: int
    new: list[bool] | None = None
    max_new: int | None = None

    @property
    def new_flags(self) -> list[bool]:
        return self.new if self.new is not None else [True] * len(self.cover)


@dataclass(frozen=True)
class Solution:
    """The chosen tools (indexes, ascending), the gaps they fill and their cost."""

    tools: list[int]
    filled: set[int]
    cost: float
    optimal: bool


def _result(chosen: list[int], problem: CoverProblem, optimal: bool) -> Solution:
    cover, costs = problem.cover, problem.costs
    filled = set().union(*(cover[t] for t in chosen)) if chosen else set()
    return Solution(sorted(chosen), filled, sum(costs[t] for t in chosen), optimal)


def solve(problem: CoverProblem) -> Solution:
    """The exact optimum: most gaps filled, then least total cost."""
    cover, costs, gap_count, max_new = (
        problem.cover,
        problem.costs,
        problem.gap_count,
        problem.max_new,
    )
    tools = len(cover)
    if tools == 0 or gap_count == 0:
        return Solution([], set(), 0.0, True)
    big = sum(costs) + 1.0
    objective = np.concatenate([np.asarray(costs, dtype=float), -big * np.ones(gap_count)])
    rows = np.zeros((gap_count, tools + gap_count))
    for t, gaps in enumerate(cover):
        for g in gaps:
            rows[g, t] = -1.0
    rows[:, tools:] = np.eye(gap_count)
    constraints = [LinearConstraint(rows, -np.inf, 0.0)]
    if max_new is not None:
        limit = np.concatenate([np.asarray(problem.new_flags, dtype=float), np.zeros(gap_count)])
        constraints.append(LinearConstraint(limit[np.newaxis, :], -np.inf, float(max_new)))
    answer = milp(
        objective,
        constraints=constraints,
        integrality=np.ones(tools + gap_count),
        bounds=Bounds(0, 1),
    )
    if answer.x is None:  # HiGHS found no solution; choosing nothing is always feasible
        return Solution([], set(), 0.0, False)
    chosen = [t for t in range(tools) if answer.x[t] > 0.5]
    return _result(chosen, problem, bool(answer.status == 0))


def greedy(problem: CoverProblem) -> Solution:
    """The classic heuristic: repeatedly take the tool with the lowest cost per newly filled gap."""
    cover, costs, max_new = problem.cover, problem.costs, problem.max_new
    flags = problem.new_flags
    chosen: list[int] = []
    filled: set[int] = set()
    while True:
        used = sum(1 for t in chosen if flags[t])
        best, best_ratio = -1, float("inf")
        for t, gaps in enumerate(cover):
            gain = len(gaps - filled)
            if t in chosen or gain == 0 or (max_new is not None and flags[t] and used >= max_new):
                continue
            ratio = costs[t] / gain
            if ratio < best_ratio:
                best, best_ratio = t, ratio
        if best < 0:
            return _result(chosen, problem, False)
        chosen.append(best)
        filled |= cover[best]

"""The exact set cover against a brute-force oracle on small random cases, and greedy's plans."""

from __future__ import annotations

import itertools
import random

import pytest

from mlopskg.plan.solver import CoverProblem, Solution, greedy, solve


def oracle(
    cover: list[set[int]], costs: list[float], gaps: int, new: list[bool], max_new: int | None
) -> tuple[int, float]:
    """(most gaps filled, least cost) over every subset of tools."""
    best = (0, 0.0)
    for size in range(len(cover) + 1):
        for subset in itertools.combinations(range(len(cover)), size):
            if max_new is not None and sum(1 for t in subset if new[t]) > max_new:
                continue
            filled = len(set().union(*(cover[t] for t in subset))) if subset else 0
            total = sum(costs[t] for t in subset)
            if filled > best[0] or (filled == best[0] and total < best[1] - 1e-9):
                best = (filled, total)
    return best


def case(seed: int) -> tuple[list[set[int]], list[float], int, list[bool]]:
    rng = random.Random(seed)
    gaps = rng.randint(1, 7)
    tools = rng.randint(1, 9)
    cover = [{g for g in range(gaps) if rng.random() < 0.35} for _ in range(tools)]
    new = [rng.random() < 0.8 for _ in range(tools)]
    costs = [(1.0 + rng.random() * 0.05) if n else 0.001 for n in new]
    return cover, costs, gaps, new


@pytest.mark.parametrize("seed", range(150))
def test_exact_solution_matches_the_oracle(seed: int) -> None:
    cover, costs, gaps, new = case(seed)
    max_new = None if seed % 3 else random.Random(seed).randint(0, 3)
    got = solve(CoverProblem(cover, costs, gaps, new, max_new))
    filled, total = oracle(cover, costs, gaps, new, max_new)
    assert len(got.filled) == filled
    assert got.cost == pytest.approx(total, abs=1e-6)
    if max_new is not None:
        assert sum(1 for t in got.tools if new[t]) <= max_new


def test_greedy_can_be_worse_than_exact() -> None:
    # the textbook case: greedy takes the big set first and then needs two more
    cover = [{0, 1, 2, 3}, {0, 1, 4}, {2, 3, 5}]
    exact = solve(CoverProblem(cover, [1.0, 1.0, 1.0], 6))
    heuristic = greedy(CoverProblem(cover, [1.0, 1.0, 1.0], 6))
    assert exact.tools == [1, 2] and exact.optimal
    assert heuristic.tools == [0, 1, 2]


def test_nothing_to_cover_is_an_empty_optimal_solution() -> None:
    assert solve(CoverProblem([], [], 0)) == Solution([], set(), 0.0, True)
    assert solve(CoverProblem([{0}], [1.0], 0)).tools == []


def test_uncoverable_gaps_stay_unfilled() -> None:
    got = solve(CoverProblem([{0}], [1.0], 2))
    assert got.filled == {0} and got.tools == [0]

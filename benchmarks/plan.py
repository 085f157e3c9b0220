"""Benchmark: `mlopskg plan` on every example and on synthetic descriptions of 10 to 1000
components against the whole catalogue, exact (SciPy's milp on HiGHS) beside the greedy
heuristic in the same run.

    python benchmarks/plan.py [--sizes 10 100 1000] [--seeds 40] [--repeat 7] [--no-write]

Timed: ``make_plan`` on a validation report already made (the graph queries for the
candidates, the constraints, the solver and the explanations), warm. A synthetic description
uses a random half of the kinds the reference architectures include, a fitting tool on most
components, so that the other kinds are gaps; the plan fills the violations and warnings
(``--severity warning``), the largest gap set. For each size, ``--seeds`` descriptions are
planned both ways and the table says how often greedy needs more new tools, and how many more.
Writes the table into benchmarks/README.md between the markers of this benchmark.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.report import replace_section  # noqa: E402
from mlopskg.graph.build import build_graph  # noqa: E402
from mlopskg.plan import PlanConstraints, make_plan  # noqa: E402
from mlopskg.resources import project_files  # noqa: E402
from mlopskg.validation.inputs import Description, parse_description  # noqa: E402
from mlopskg.validation.render import report_json  # noqa: E402
from mlopskg.validation.validator import Validator  # noqa: E402

HEADER = [
    "@prefix mlo: <https://w3id.org/mlopskg/ontology#> .",
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
    "@prefix ex: <https://example.org/synthetic#> .",
]
WARNINGS = PlanConstraints(severity="warning")


def synthetic(size: int, seed: int, validator: Validator) -> str:
    """``size`` components over a random half of the expected kinds, most with a fitting tool."""
    rng = random.Random(seed)
    kinds = [rule.kind for rule in validator.rules.kinds]
    chosen = sorted(rng.sample(kinds, max(1, len(kinds) // 2)))
    fits = {rule.kind: rule.accepted for rule in validator.rules.tool_fits}
    names = [f"ex:c{i}" for i in range(size)]
    lines = [
        *HEADER,
        f'ex:platform a mlo:ArchitectureDescription ; rdfs:label "synthetic {size}/{seed}" ; '
        f"mlo:hasComponent {' , '.join(names)} .",
    ]
    for i, name in enumerate(names):
        kind = chosen[i % len(chosen)]
        tool = f" ; mlo:usesTool <{rng.choice(fits[kind])}>" if fits.get(kind) and i % 4 else ""
        lines.append(f"{name} a <{kind}>{tool} .")
    return "\n".join(lines) + "\n"


def report_for(validator: Validator, text: str, name: str) -> tuple[dict, set[str]]:  # type: ignore[type-arg]
    triples = parse_description(text.encode(), name, ox.RdfFormat.TURTLE)
    outcome = validator.validate(Description(triples, (name,)))
    report = report_json(outcome.reports[0])
    in_use = {t for c in report["components"] for t in c["tools"]}
    return report, in_use


def timed(run, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--seeds", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()

    project = project_files(ROOT)
    store = build_graph(project, check=False).store
    validator = Validator.for_project(project, store)
    tools = len(
        list(
            store.query(
                "SELECT DISTINCT ?t WHERE { ?t a <https://w3id.org/mlopskg/ontology#Tool> }"
            )
        )
    )  # type: ignore[arg-type]

    rows = []
    cases = [(p.name, p.read_text(), None) for p in sorted((ROOT / "examples").glob("*.ttl"))]
    cases += [
        (f"synthetic, {size} components", synthetic(size, 0, validator), size)
        for size in args.sizes
    ]
    for name, text, _ in cases:
        report, in_use = report_for(validator, text, name)
        exact = make_plan(store, report, in_use, WARNINGS)
        heuristic = make_plan(store, report, in_use, WARNINGS, exact=False)
        seconds = timed(lambda r=report, u=in_use: make_plan(store, r, u, WARNINGS), args.repeat)
        greedy_seconds = timed(
            lambda r=report, u=in_use: make_plan(store, r, u, WARNINGS, exact=False), args.repeat
        )
        rows.append(
            (
                name,
                len(exact.gaps),
                len(exact.unfilled),
                exact.new_tools,
                heuristic.new_tools,
                seconds,
                greedy_seconds,
            )
        )
        print(
            f"{name}: {len(exact.gaps)} gaps, exact {exact.new_tools} tools in {seconds * 1000:.1f} ms, "
            f"greedy {heuristic.new_tools}",
            flush=True,
        )

    comparisons = []
    for size in args.sizes:
        worse, extra = 0, []
        for seed in range(1, args.seeds + 1):
            report, in_use = report_for(validator, synthetic(size, seed, validator), f"s{seed}")
            a = make_plan(store, report, in_use, WARNINGS).new_tools
            b = make_plan(store, report, in_use, WARNINGS, exact=False).new_tools
            assert b >= a, f"greedy beat the exact solver at size {size}, seed {seed}"
            if b > a:
                worse += 1
                extra.append(b - a)
        comparisons.append((size, worse, max(extra) if extra else 0))

    table = [
        f"Run on {time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, {platform.machine()}, "
        f"against the whole catalogue ({tools} tools); gaps are the violations and warnings (`--severity warning`).",
        "",
        "| description | gaps | unfilled | new tools (exact) | new tools (greedy) | `make_plan`, exact | `make_plan`, greedy |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, gaps, unfilled, exact_n, greedy_n, seconds, greedy_seconds in rows:
        table.append(
            f"| {name} | {gaps} | {unfilled} | {exact_n} | {greedy_n} | {seconds * 1000:.1f} ms | {greedy_seconds * 1000:.1f} ms |"
        )
    table += [
        "",
        f"Greedy against exact over {args.seeds} random descriptions per size:",
        "",
        "| components | greedy needs more tools | at most this many more |",
        "|---:|---:|---:|",
    ]
    table += [f"| {size} | {worse} of {args.seeds} | {most} |" for size, worse, most in comparisons]
    slowest = max(r[5] for r in rows)
    table += [
        "",
        f"Target: exact plans under 200 ms: {'met' if slowest < 0.2 else 'missed'} (slowest {slowest * 1000:.0f} ms).",
    ]
    body = "\n".join(table)
    print(body)
    if not args.no_write:
        replace_section(ROOT / "benchmarks" / "README.md", "plan", body)


if __name__ == "__main__":
    main()

"""Benchmark: every curated query on the embedded Oxigraph store and on an rdflib in-memory
graph of the same data, in the same run; on the real graph and on a synthetic graph of one
million triples. Also times a cold `mlopskg build` in a fresh process.

    python benchmarks/queries.py [--size 1000000] [--repeat 15] [--rdflib-timeout 60]

Writes the tables into benchmarks/README.md between the markers of this benchmark.
rdflib's query engine is pure Python, so a SIGALRM timer stops a query that runs past
the timeout; such a query is reported as "> timeout".
"""

from __future__ import annotations

import argparse
import platform
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import write_nquads  # noqa: E402
from benchmarks.report import replace_section  # noqa: E402
from mlopskg.graph.build import build_graph  # noqa: E402
from mlopskg.queries.library import bind_parameters, load_queries  # noqa: E402
from mlopskg.resources import project_files  # noqa: E402
from mlopskg.stores.embedded import EmbeddedStore  # noqa: E402

CACHE = ROOT / "benchmarks" / ".cache"


class Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise Timeout


def timed(
    run: Callable[[], int], repeat: int, timeout: float | None = None, warmup: bool = True
) -> tuple[float | None, int]:
    """Median seconds of ``repeat`` runs (after one warm-up unless told not), and the row
    count; None when a run passes ``timeout`` seconds."""
    times: list[float] = []
    count = 0
    for i in range(repeat + 1 if warmup else repeat):
        if timeout:
            signal.signal(signal.SIGALRM, _alarm)
            signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            started = time.perf_counter()
            count = run()
            elapsed = time.perf_counter() - started
        except Timeout:
            return None, -1
        finally:
            if timeout:
                signal.setitimer(signal.ITIMER_REAL, 0)
        if i or not warmup:
            times.append(elapsed)
        if timeout and elapsed * repeat > 4 * timeout:
            break  # slow enough: a few runs say enough
    return statistics.median(times) if times else elapsed, count


def to_rdflib(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> rdflib.term.Identifier:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.Literal):
        return rdflib.Literal(
            term.value,
            datatype=rdflib.URIRef(term.datatype.value) if not term.language else None,
            lang=term.language,
        )
    return rdflib.BNode(term.value)


def load_rdflib(nquads: bytes) -> rdflib.Dataset:
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=nquads, format="nquads")
    return dataset


def bench_dataset(
    label: str, quads_nq: bytes, repeat: int, rdflib_timeout: float, rdflib_repeat: int
) -> list[str]:
    queries = load_queries(ROOT / "queries")
    oxi = EmbeddedStore()
    started = time.perf_counter()
    oxi.oxigraph.load(quads_nq, format=ox.RdfFormat.N_QUADS)
    ox_load = time.perf_counter() - started
    started = time.perf_counter()
    rdf = load_rdflib(quads_nq)
    rdf_load = time.perf_counter() - started
    print(
        f"[{label}] loaded {len(oxi)} quads: oxigraph {ox_load:.2f} s, rdflib {rdf_load:.2f} s",
        file=sys.stderr,
    )
    lines = [
        f"**{label}** ({len(oxi):,} quads). Load: Oxigraph {ox_load:.2f} s, rdflib {rdf_load:.2f} s.",
        "",
        "| query | rows | Oxigraph median (ms) | rdflib median (ms) | speed-up |",
        "|---|---:|---:|---:|---:|",
    ]
    speedups = []
    for name, query in queries.items():
        bindings = bind_parameters(query, {})
        ox_time, ox_rows = timed(
            lambda q=query, b=bindings: len(list(oxi.query(q.text, b))), repeat
        )  # type: ignore[arg-type]
        init = {rdflib.Variable(k): to_rdflib(v) for k, v in bindings.items()}
        rdf_time, rdf_rows = timed(
            lambda q=query, i=init: len(list(rdf.query(q.text, initBindings=i))),
            rdflib_repeat,
            rdflib_timeout,
            warmup=rdflib_repeat > 1,
        )
        if rdf_time is None:
            rdf_text, speed = (
                f"> {rdflib_timeout * 1000:,.0f}",
                f"> {rdflib_timeout / ox_time:,.0f}x",
            )  # type: ignore[operator]
        else:
            rdf_text = f"{rdf_time * 1000:,.1f}"
            speed = f"{rdf_time / ox_time:,.0f}x"  # type: ignore[operator]
            speedups.append(rdf_time / ox_time)  # type: ignore[operator]
            if rdf_rows != ox_rows:
                speed += f" (rows differ: rdflib {rdf_rows})"
        lines.append(f"| {name} | {ox_rows} | {ox_time * 1000:,.2f} | {rdf_text} | {speed} |")  # type: ignore[operator]
        print(
            f"[{label}] {name}: oxigraph {ox_time * 1000:.2f} ms, rdflib {rdf_text} ms",
            file=sys.stderr,
        )  # type: ignore[operator]
    if speedups:
        lines += [
            "",
            f"Median speed-up over the queries rdflib finished: {statistics.median(speedups):,.0f}x.",
        ]
    return lines


def cold_build(runs: int = 5) -> list[str]:
    """`mlopskg build` in a fresh Python process each time (imports included)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mlopskg", "--store", str(CACHE / "build-bench-store"), "build"],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        times.append(time.perf_counter() - started)
    inner = build_graph(project_files())
    return [
        f"Cold `mlopskg build` (fresh process, parse + infer + integrity check + write): median {statistics.median(times):.2f} s"
        f" over {runs} runs (min {min(times):.2f} s, max {max(times):.2f} s); target: under 3 s.",
        f"Inside the process: parse {inner.timings['parse']:.2f} s, infer {inner.timings['infer']:.2f} s, integrity check {inner.timings['check']:.2f} s.",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--rdflib-timeout", type=float, default=60.0)
    args = parser.parse_args()
    real = build_graph(project_files()).store
    real_nq = ox.serialize(real.quads(), format=ox.RdfFormat.N_QUADS) or b""
    synthetic_nq = write_nquads(args.size, CACHE / f"synthetic-{args.size}.nq").read_bytes()
    env = f"Python {platform.python_version()}, pyoxigraph {ox.__version__ if hasattr(ox, '__version__') else '?'}, rdflib {rdflib.__version__}; {platform.machine()}, 2 cores."
    lines = [
        f"Run on {time.strftime('%Y-%m-%d')} with `python benchmarks/queries.py --size {args.size} --repeat {args.repeat} --rdflib-timeout {args.rdflib_timeout:g}`. {env}",
        f"Each Oxigraph cell is the median of repeated runs after one warm-up; rdflib runs {max(1, args.repeat // 3)} times after a warm-up on the real graph, and once (no warm-up, stopped after {args.rdflib_timeout:g} s) on the synthetic graph.",
        "",
        *cold_build(),
        "",
        *bench_dataset(
            "The real graph", real_nq, args.repeat, args.rdflib_timeout, max(1, args.repeat // 3)
        ),
        "",
        *bench_dataset(
            "Synthetic graph", synthetic_nq, max(3, args.repeat // 3), args.rdflib_timeout, 1
        ),
    ]
    replace_section(ROOT / "benchmarks" / "README.md", "queries", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()

"""Benchmark: the embedded store beside two servers, Virtuoso and Oxigraph server, on
synthetic graphs of 1 and 10 million triples: load time, every curated query, memory.

    python benchmarks/scale.py [--sizes 1000000 10000000] [--stores virtuoso oxigraph] [--repeat 3]

The embedded store loads the N-Quads file in memory (as `mlopskg serve` holds a store of up
to MLOPSKG_MEMORY_LIMIT quads). Each server (a private one on loopback, started here over a
temporary folder: Debian's virtuoso-opensource, and the `oxigraph` command of PyPI's
oxigraph with `--union-default-graph`) gets the same graphs through `mlopskg load` with the
Graph Store Protocol (into the empty server a PUT of each graph; loaded again, up to
RELOAD_UP_TO triples, a PUT of each staging graph and the swap; one request at a time
for Virtuoso, two for Oxigraph server). The steps of each load are printed with the time
they began. Memory: the resident size of this process after the embedded load, and of
each server process after its load and queries.

Each store's figures at each size are kept in benchmarks/.cache/scale-<store>-<size>.json,
so sizes and stores can be run separately (the 10-million run takes long); the table in
benchmarks/README.md, between the markers of this benchmark, is written from all kept
figures of the same day's code.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import write_nquads  # noqa: E402
from benchmarks.report import replace_section  # noqa: E402
from mlopskg.queries.library import load_queries, run_query  # noqa: E402
from mlopskg.stores.embedded import EmbeddedStore  # noqa: E402
from mlopskg.stores.graph_store import choose_graph_store  # noqa: E402
from mlopskg.stores.load import LoadReport, load  # noqa: E402
from support.oxigraph_server import OXIGRAPH, OxigraphServer  # noqa: E402
from support.store_server import StoreServer  # noqa: E402
from support.virtuoso import VIRTUOSO, Virtuoso  # noqa: E402

CACHE = ROOT / "benchmarks" / ".cache"
#: Sizes at which each server is loaded a second time, replacing every graph through
#: staging graphs (at 10 million that takes Oxigraph server long: see the README).
RELOAD_UP_TO = 1_000_000
SERVERS = {"virtuoso": (VIRTUOSO, Virtuoso), "oxigraph": (OXIGRAPH, OxigraphServer)}
#: Requests at a time while staging: concurrent writes to Virtuoso deadlock or time out
#: waiting for locks (SR172, SR171; retried, but slower); Oxigraph server takes two.
PARALLEL = {"virtuoso": 1, "oxigraph": 2}
TITLES = {
    "embedded": "embedded (Oxigraph, in memory)",
    "virtuoso": "Virtuoso (`mlopskg load`, GSP)",
    "oxigraph": "Oxigraph server (`mlopskg load`, GSP)",
}


def rss_mb(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def query_seconds(store: object, query: object, repeat: int) -> float:
    def once() -> float:
        start = time.perf_counter()
        result = run_query(store, query, {})  # type: ignore[arg-type]
        if isinstance(result, ox.QuerySolutions):
            sum(1 for _ in result)
        return time.perf_counter() - start

    once()
    return statistics.median(once() for _ in range(repeat))


def figures_path(store: str, size: int) -> Path:
    return CACHE / f"scale-{store}-{size}.json"


def run_server(
    kind: str, embedded: EmbeddedStore, queries: dict[str, object], repeat: int, size: int
) -> dict[str, object]:
    """Start a private server, load through the Graph Store Protocol, time the queries."""
    with tempfile.TemporaryDirectory(prefix=f"mlopskg-scale-{kind}-") as folder:
        server: StoreServer = SERVERS[kind][1](Path(folder))
        server.start()
        try:
            remote = server.store(timeout=600)
            choice = choose_graph_store(remote, "gsp")

            def timed_load() -> tuple[float, LoadReport]:
                start = time.perf_counter()

                def announce(step: str) -> None:
                    print(f"  {time.perf_counter() - start:7.1f} s {kind}: {step}", flush=True)

                report = load(
                    embedded,
                    remote,
                    parallel=PARALLEL[kind],
                    graph_store=choice.graph_store,
                    announce=announce,
                )
                return time.perf_counter() - start, report

            seconds, report = timed_load()
            print(f"{size}: {kind} load {seconds:.1f} s ({report.batches} requests)", flush=True)
            again = None
            if size <= RELOAD_UP_TO:
                again = timed_load()[0]
                print(f"{size}: {kind} load again {again:.1f} s", flush=True)
            times = {}
            for name, query in sorted(queries.items()):
                times[name] = query_seconds(remote, query, repeat)
                print(f"  {name}: {kind} {times[name] * 1000:.0f} ms", flush=True)
            return {
                "load": seconds,
                "load_again": again,
                "requests": report.batches,
                "memory": server.rss_mb(),
                "queries": times,
                "quads": sum(report.graphs.values()),
            }
        except Exception:
            # Keep the server's log: the temporary folder goes with the failure.
            kept = CACHE / f"{kind}-{size}-failed.log"
            kept.write_text(server.log_tail())
            print(f"{size}: the {kind} run failed; its log is in {kept}", flush=True)
            raise
        finally:
            server.stop()


def measure(size: int, stores: list[str], repeat: int) -> None:
    queries = load_queries(ROOT / "queries")
    path = write_nquads(size, CACHE / f"synthetic-{size}.nq")
    gc.collect()
    before = rss_mb()
    start = time.perf_counter()
    embedded = EmbeddedStore()
    embedded.oxigraph.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    seconds = time.perf_counter() - start
    memory = rss_mb() - before
    print(f"{size}: embedded load {seconds:.1f} s, +{memory:.0f} MB", flush=True)
    times = {name: query_seconds(embedded, query, repeat) for name, query in queries.items()}
    stamp = {"date": time.strftime("%Y-%m-%d"), "repeat": repeat}
    figures_path("embedded", size).write_text(
        json.dumps(
            {"load": seconds, "memory": memory, "queries": times, "quads": len(embedded), **stamp}
        )
    )
    for kind in stores:
        figures = run_server(kind, embedded, queries, repeat, size)  # type: ignore[arg-type]
        figures_path(kind, size).write_text(json.dumps({**figures, **stamp}))
    del embedded
    gc.collect()


def table(size: int) -> list[str]:
    """The table of one size, from the kept figures."""
    columns = [
        (store, json.loads(figures_path(store, size).read_text()))
        for store in ("embedded", "virtuoso", "oxigraph")
        if figures_path(store, size).exists()
    ]
    if not columns:
        return []
    quads = columns[0][1]["quads"]
    lines = [
        "",
        f"### {quads:,} quads",
        "",
        "| | " + " | ".join(TITLES[store] for store, _ in columns) + " |",
        "|---|" + "---:|" * len(columns),
        "| load (into an empty store) | "
        + " | ".join(f"{f['load']:,.1f} s" for _, f in columns)
        + " |",
        "| load again (replacing every graph) | "
        + " | ".join(_again(store, f) for store, f in columns)
        + " |",
        "| resident memory | "
        + " | ".join(
            f"{f['memory']:,.0f} MB ({'this process, after the load' if s == 'embedded' else 'the server'})"
            for s, f in columns
        )
        + " |",
    ]
    for name in sorted(columns[0][1]["queries"]):
        cells = [f"{f['queries'][name] * 1000:,.0f} ms" for _, f in columns]
        lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
    dates = sorted({f["date"] for _, f in columns})
    lines += ["", f"Measured on {', '.join(dates)}."]
    return lines


def _again(store: str, figures: dict[str, object]) -> str:
    if store == "embedded":
        return "(a new store each time)"
    seconds = figures.get("load_again")
    return "not run" if seconds is None else f"{seconds:,.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--stores", nargs="+", choices=list(SERVERS), default=list(SERVERS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument(
        "--render-only", action="store_true", help="write the table from the kept figures"
    )
    args = parser.parse_args()
    missing = [kind for kind in args.stores if SERVERS[kind][0] is None]
    if missing:
        sys.exit(f"needs {', '.join(missing)}: `make deps` installs both")
    CACHE.mkdir(parents=True, exist_ok=True)
    for size in [] if args.render_only else args.sizes:
        measure(size, args.stores, args.repeat)
    sections = [
        f"Python {platform.python_version()}, {platform.machine()}, 2 cores; Virtuoso from "
        "Debian's virtuoso-opensource 7.2 (NumberOfBuffers 100000, about 800 MB); Oxigraph "
        f"server `{Path(OXIGRAPH or 'oxigraph').name} serve --union-default-graph` from PyPI's "
        "oxigraph 0.5, on disk; both loaded by `mlopskg load --protocol gsp` (`--parallel 1` "
        "for Virtuoso, 2 for Oxigraph server). "
        "Each query's median of runs after one warm-up."
    ]
    for size in (1_000_000, 10_000_000):
        sections += table(size)
    body = "\n".join(sections)
    print(body)
    if not args.no_write:
        replace_section(ROOT / "benchmarks" / "README.md", "scale", body)


if __name__ == "__main__":
    main()

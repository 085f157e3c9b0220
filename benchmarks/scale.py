"""Benchmark: the embedded store against Virtuoso on synthetic graphs of 1 and 10 million
triples: load time, every curated query, memory.

    python benchmarks/scale.py [--sizes 1000000 10000000] [--repeat 3]

The embedded store loads the N-Quads file in memory (as `mlopskg serve` holds a store of up
to MLOPSKG_MEMORY_LIMIT quads); Virtuoso (Debian's virtuoso-opensource, a private server on
loopback, started here) gets the same graphs through `mlopskg load` (SPARQL Update, staging
graphs, checked sizes, two requests at a time). Memory: the resident size of this process after the embedded load,
and of the Virtuoso server after its load and queries. Writes the table into
benchmarks/README.md between the markers of this benchmark.
"""

from __future__ import annotations

import argparse
import gc
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
from mlopskg.stores.load import load  # noqa: E402
from support.virtuoso import VIRTUOSO, Virtuoso  # noqa: E402

CACHE = ROOT / "benchmarks" / ".cache"


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if VIRTUOSO is None:
        sys.exit("needs Debian's virtuoso-opensource (`make virtuoso`)")
    queries = load_queries(ROOT / "queries")
    sections = [
        f"Run on {time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, "
        f"{platform.machine()}, 2 cores; Virtuoso {Path(VIRTUOSO).name} from Debian's "
        "virtuoso-opensource 7.2 with its default buffers for this size (NumberOfBuffers "
        "100000, about 800 MB); each query's median of "
        f"{args.repeat} runs after one warm-up."
    ]
    for size in args.sizes:
        path = write_nquads(size, CACHE / f"synthetic-{size}.nq")
        gc.collect()
        before = rss_mb()
        start = time.perf_counter()
        embedded = EmbeddedStore()
        embedded.oxigraph.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
        embedded_load = time.perf_counter() - start
        embedded_mb = rss_mb() - before
        quads = len(embedded)
        print(f"{size}: embedded load {embedded_load:.1f} s, +{embedded_mb:.0f} MB", flush=True)

        with tempfile.TemporaryDirectory(prefix="mlopskg-scale-") as folder:
            server = Virtuoso(Path(folder))
            server.start()
            try:
                remote = server.store(timeout=600)
                start = time.perf_counter()
                load(embedded, remote, batch_size=2000, parallel=2)
                remote_load = time.perf_counter() - start
                print(f"{size}: virtuoso load {remote_load:.1f} s", flush=True)
                rows = []
                for name, query in sorted(queries.items()):
                    mine = query_seconds(embedded, query, args.repeat)
                    theirs = query_seconds(remote, query, args.repeat)
                    rows.append((name, mine, theirs))
                    print(
                        f"  {name}: embedded {mine * 1000:.0f} ms, virtuoso {theirs * 1000:.0f} ms",
                        flush=True,
                    )
                virtuoso_mb = rss_mb(server.process.pid) if server.process else 0.0
            except Exception:
                # Keep the server's log: the temporary folder goes with the failure.
                kept = CACHE / f"virtuoso-{size}-failed.log"
                kept.write_bytes((server.db / "virtuoso.log").read_bytes())
                print(f"{size}: the Virtuoso run failed; its log is in {kept}", flush=True)
                raise
            finally:
                server.stop()
        table = [
            "",
            f"### {quads:,} quads",
            "",
            "| | embedded (Oxigraph, in memory) | Virtuoso (`mlopskg load`) |",
            "|---|---:|---:|",
            f"| load | {embedded_load:.1f} s | {remote_load:.1f} s |",
            f"| resident memory | {embedded_mb:,.0f} MB (this process, after the load) | {virtuoso_mb:,.0f} MB (the server) |",
        ]
        for name, mine, theirs in rows:
            table.append(f"| `{name}` | {mine * 1000:,.0f} ms | {theirs * 1000:,.0f} ms |")
        sections += table
        del embedded
        gc.collect()
    body = "\n".join(sections)
    print(body)
    if not args.no_write:
        replace_section(ROOT / "benchmarks" / "README.md", "scale", body)


if __name__ == "__main__":
    main()

"""Benchmark the endpoint: `mlopskg serve` and rdflib-endpoint on the same graph, the same
curated queries and the same bounded load from wrk on 127.0.0.1, in the same run; the empty
route of mlopskg's own server as the ceiling the web stack sets; and a soak run.

    python benchmarks/endpoint.py [--duration 10] [--connections 16] [--soak 180]

Needs wrk (Debian package `wrk`; `make bench` installs it) and rdflib-endpoint (`.[bench]`).
Writes the tables into benchmarks/README.md between the markers of this benchmark.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.report import replace_section  # noqa: E402
from mlopskg.graph.build import build_graph, save_build  # noqa: E402
from mlopskg.queries.library import bind_parameters, load_queries  # noqa: E402
from mlopskg.resources import project_files  # noqa: E402
from mlopskg.sparql.binding import bind_with_values  # noqa: E402

ACCEPT = "application/sparql-results+json"
LOOKUPS = {
    "sources-naming-tool",
    "tool-profile",
    "responsible-roles",
    "maturity-levels",
    "workflow-stages",
    "tools-for-component",
}
AGGREGATIONS = {
    "statements-by-source-and-status",
    "tool-count-by-component-kind",
    "component-kinds",
    "multi-component-tools",
    "seed-requirements",
}


@dataclass
class Load:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_ready(url: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


def _ms(text: str) -> float:
    """A wrk latency (``850.00us``, ``12.3ms``, ``1.2s``); infinity when wrk has none (no
    request finished in the run)."""
    match = re.match(r"([\d.]+)(us|ms|s|m)", text)
    if match is None:
        return float("inf")
    value, unit = match.groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(url: str, duration: int, connections: int, script: Path | None = None) -> Load:
    command = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{duration}s",
        "--latency",
        "--timeout",
        "30s",
        "-H",
        f"Accept: {ACCEPT}",
    ]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50_match, p99_match = re.search(r"50%\s+(\S+)", output), re.search(r"99%\s+(\S+)", output)
    p50 = _ms(p50_match.group(1)) if p50_match else float("inf")
    p99 = _ms(p99_match.group(1)) if p99_match else float("inf")
    total = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        errors += sum(int(g) for g in match.groups())
    return Load(rps, p50, p99, errors, total)


def rows(url: str) -> int:
    request = urllib.request.Request(url, headers={"Accept": ACCEPT})
    with urllib.request.urlopen(request, timeout=600) as response:
        return len(json.loads(response.read())["results"]["bindings"])


def tree_rss_mb(pid: int) -> float:
    pids, frontier = [pid], [pid]
    while frontier:
        children = subprocess.run(
            ["pgrep", "-P", str(frontier.pop())], capture_output=True, text=True
        ).stdout.split()
        pids += [int(c) for c in children]
        frontier += [int(c) for c in children]
    total = 0
    for p in pids:
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        match = re.search(r"VmRSS:\s+(\d+) kB", status)
        total += int(match.group(1)) if match else 0
    return total / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--duration", type=int, default=10, help="seconds of load per query and server"
    )
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--soak", type=int, default=180, help="seconds of mixed load for the soak run"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    work = Path(tempfile.mkdtemp(prefix="mlopskg-endpoint-bench-"))
    result = build_graph(project_files())
    store_path = work / "store"
    save_build(result, store_path)
    nquads = work / "graph.nq"
    with nquads.open("wb") as handle:
        ox.serialize(result.store.quads(), handle, format=ox.RdfFormat.N_QUADS)
    ours_port, peer_port = free_port(), free_port()
    ours = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mlopskg",
            "serve",
            "--store",
            str(store_path),
            "--port",
            str(ours_port),
        ],
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    ours_url, peer_url = f"http://127.0.0.1:{ours_port}", f"http://127.0.0.1:{peer_port}"
    peer: subprocess.Popen[bytes] | None = None

    def start_peer() -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "peer_rdflib_endpoint.py"),
                str(nquads),
                str(peer_port),
            ],
            cwd=ROOT,
            stderr=subprocess.DEVNULL,
        )
        wait_ready(f"{peer_url}/?query=" + urllib.parse.quote("ASK {}"))
        return process

    def stop(process: subprocess.Popen[bytes] | None) -> None:
        # rdflib-endpoint goes on evaluating the requests queued when wrk stops; stopping it
        # keeps that work from running during the next measurement of mlopskg.
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(timeout=20)

    try:
        wait_ready(f"{ours_url}/ping")
        lines = [
            f"Run on {time.strftime('%Y-%m-%d')} with `python benchmarks/endpoint.py --duration {args.duration} "
            f"--connections {args.connections} --soak {args.soak}`: wrk, 1 thread, {args.connections} connections, "
            f"{args.duration} s per cell, on 127.0.0.1; the real graph ({len(result.store):,} quads). mlopskg serve "
            "with its defaults (4 query workers, 10 s time limit); rdflib-endpoint (rdflib `Dataset` with the union default "
            "graph) on the same data, started afresh for each query and stopped after it, so that the queue it is left with "
            "never runs during a measurement of mlopskg. Both under uvicorn with httptools and uvloop.",
            "",
        ]
        ceiling = wrk(f"{ours_url}/ping", args.duration, args.connections)
        lines += [
            f"Empty route of mlopskg's server (`/ping`, same middleware, no query): **{ceiling.requests_per_second:,.0f} requests/s**, "
            f"p50 {ceiling.p50_ms:.1f} ms, p99 {ceiling.p99_ms:.1f} ms.",
            "",
            "| query | kind | rows | mlopskg req/s | share of /ping just before | p50 ms | p99 ms | rdflib-endpoint req/s | p50 ms | p99 ms | throughput x | errors (ours / peer) |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        summary: dict[str, list[tuple[str, float, float, float]]] = {
            "look-up": [],
            "aggregation": [],
        }
        worst_p99 = 0.0
        for name, query in load_queries(ROOT / "queries").items():
            text = bind_with_values(query.text, bind_parameters(query, {})) or query.text
            encoded = urllib.parse.quote(text)
            ours_query, peer_query = (
                f"{ours_url}/sparql?query={encoded}",
                f"{peer_url}/?query={encoded}",
            )
            kind = (
                "look-up" if name in LOOKUPS else "aggregation" if name in AGGREGATIONS else "other"
            )
            ours_rows = rows(ours_query)
            # The ceiling right before the query: the host's speed drifts between runs.
            adjacent = wrk(f"{ours_url}/ping", max(3, args.duration // 2), args.connections)
            a = wrk(ours_query, args.duration, args.connections)
            share = a.requests_per_second / adjacent.requests_per_second
            peer = start_peer()
            peer_rows = rows(peer_query)
            b = wrk(peer_query, args.duration, args.connections)
            stop(peer)
            ratio = (
                a.requests_per_second / b.requests_per_second
                if b.requests_per_second
                else float("inf")
            )
            worst_p99 = max(worst_p99, a.p99_ms)
            if kind in summary:
                summary[kind].append((name, ratio, share, a.p99_ms))
            flag = "" if ours_rows == peer_rows else f" (rows differ: peer {peer_rows})"
            lines.append(
                f"| {name} | {kind} | {ours_rows}{flag} | {a.requests_per_second:,.0f} | {share:.0%} | {a.p50_ms:.1f} | {a.p99_ms:.1f} | "
                f"{b.requests_per_second:,.1f} | {b.p50_ms:,.0f} | {b.p99_ms:,.0f} | {ratio:,.0f}x | {a.errors} / {b.errors} |"
            )
            print(lines[-1], file=sys.stderr)
        lookups, aggregations = summary["look-up"], summary["aggregation"]
        min_lookup_ratio = min(r for _, r, _, _ in lookups)
        min_aggregation_ratio = min(r for _, r, _, _ in aggregations)
        lookup_share = min(sh for _, _, sh, _ in lookups)
        median_lookup_share = sorted(sh for _, _, sh, _ in lookups)[len(lookups) // 2]
        lines += [
            "",
            "Against the targets:",
            f"- look-ups at least 5x rdflib-endpoint's throughput: lowest ratio {min_lookup_ratio:,.2f}x ({'met' if min_lookup_ratio >= 5 else 'missed'});",
            f"- aggregations at least 30x: lowest ratio {min_aggregation_ratio:,.0f}x ({'met' if min_aggregation_ratio >= 30 else 'missed'});",
            f"- look-ups at 60% or more of the empty route (each against /ping measured just before it): lowest {lookup_share:.0%}, median {median_lookup_share:.0%} "
            f"({'met' if lookup_share >= 0.6 else 'missed by ' + format(0.6 - lookup_share, '.0%') + ' for the slowest'});",
            f"- p99 under 50 ms for every curated query under this load: worst p99 {worst_p99:.1f} ms ({'met' if worst_p99 < 50 else 'missed'}).",
        ]
        # Soak: all curated queries in rotation, memory sampled through the run.
        script = work / "rotate.lua"
        paths = [
            "/sparql?query="
            + urllib.parse.quote(bind_with_values(q.text, bind_parameters(q, {})) or q.text)
            for q in load_queries(ROOT / "queries").values()
        ]
        script.write_text(
            "paths = {" + ",".join(f'"{p}"' for p in paths) + "}\ncounter = 0\n"
            "request = function()\n  counter = counter + 1\n"
            f'  return wrk.format("GET", paths[(counter % #paths) + 1], {{["Accept"]="{ACCEPT}"}})\nend\n'
        )
        samples: list[float] = []
        soak = subprocess.Popen(
            [
                "wrk",
                "-t1",
                f"-c{args.connections}",
                f"-d{args.soak}s",
                "--latency",
                "--timeout",
                "30s",
                "-s",
                str(script),
                ours_url,
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        while soak.poll() is None:
            samples.append(tree_rss_mb(ours.pid))
            time.sleep(5)
        output = soak.stdout.read() if soak.stdout else ""
        total = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
        errors = sum(int(m) for m in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
        if match := re.search(
            r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
        ):
            errors += sum(int(g) for g in match.groups())
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
        p99 = _ms(re.search(r"99%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
        first, last = samples[1] if len(samples) > 1 else samples[0], samples[-1]
        lines += [
            "",
            f"Soak: {args.soak} s of all {len(paths)} curated queries in rotation, {args.connections} connections: "
            f"{total:,} requests ({rps:,.0f}/s), **{errors} errors**, p99 {p99:.1f} ms. Memory of the server "
            f"(web process and workers, RSS): {first:.0f} MB after 5 s, {last:.0f} MB at the end, at most {max(samples):.0f} MB "
            f"({len(samples)} samples every 5 s).",
        ]
        replace_section(ROOT / "benchmarks" / "README.md", "endpoint", "\n".join(lines))
        print("\n".join(lines))
    finally:
        stop(peer)
        ours.terminate()
        try:
            ours.wait(timeout=20)
        except subprocess.TimeoutExpired:
            ours.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if os.environ.get("CI"):
        sys.exit("benchmarks are not run in CI")
    main()

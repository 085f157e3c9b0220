"""Benchmark: validating architecture descriptions of 10, 100 and 1000 components with
mlopskg's validator and with a ``pyshacl.validate`` call (same shapes, same ontology in the
data graph, SHACL-AF rules on so that pySHACL derives what mlopskg derives in Python, no
RDFS inference) in the same run, checking that both find the same set of (focus node,
source shape) results.

    python benchmarks/validation.py [--sizes 10 100 1000] [--repeat 9] [--pyshacl-repeat 3]

Timed for mlopskg: ``Validator.validate`` on an already parsed description with the
validator warm (rules, shapes and ontology loaded once, as ``mlopskg serve`` holds them):
the analysis of the description, the pyrudof run and the report with suggestions and
maturity. Timed for pySHACL: the ``pyshacl.validate`` call on graphs parsed beforehand.
Also shown: a whole ``mlopskg validate FILE --format json`` command in a fresh process,
Python's start-up and the store's opening included. Writes the table into
benchmarks/README.md between the markers of this benchmark.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib
from pyshacl import validate as pyshacl_validate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.report import replace_section  # noqa: E402
from mlopskg.graph.build import build_graph  # noqa: E402
from mlopskg.resources import project_files  # noqa: E402
from mlopskg.validation.inputs import Description, parse_description  # noqa: E402
from mlopskg.validation.validator import Validator  # noqa: E402
from support.descriptions import connected_description, unconnected_description  # noqa: E402

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
MLO = "https://w3id.org/mlopskg/ontology#"


def median_seconds(run, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ours(validator: Validator, description: Description) -> set[tuple[str, str]]:
    return {
        (r.focus_node, r.source_shape)
        for r in validator.engine.run(validator.data_triples(description))
    }


def theirs(data: rdflib.Graph, shapes: rdflib.Graph) -> set[tuple[str, str]]:
    _, report, _ = pyshacl_validate(data, shacl_graph=shapes, inference="none", advanced=True)
    return {
        (str(report.value(r, SH.focusNode)), str(report.value(r, SH.sourceShape)))
        for r in report.subjects(rdflib.RDF.type, SH.ValidationResult)
    }


def cli_seconds(path: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mlopskg", "validate", str(path), "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--pyshacl-repeat", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()

    project = project_files(ROOT)
    subprocess.run(
        [sys.executable, "-m", "mlopskg", "build"], cwd=ROOT, check=True, capture_output=True
    )
    validator = Validator.for_project(project, build_graph(project, check=False).store)
    start = time.perf_counter()
    validator.engine  # noqa: B018 - load the ontology and shapes once
    warmup = time.perf_counter() - start
    shapes = rdflib.Graph().parse(data=validator.shapes, format="turtle")
    ontology = rdflib.Graph().parse(validator.ontology_file, format="nt")
    shape_count = len(validator.catalog)

    rows = []
    variants = {"connected": connected_description, "unconnected": unconnected_description}
    cases = [(variant, size) for variant in variants for size in args.sizes]
    with tempfile.TemporaryDirectory() as folder:
        for variant, size in cases:
            text = variants[variant](size, validator)
            path = Path(folder) / f"{variant}-{size}.ttl"
            path.write_text(text)
            triples = parse_description(text.encode(), path.name, ox.RdfFormat.TURTLE)
            description = Description(triples, (path.name,))
            data = rdflib.Graph()
            data += ontology
            data.parse(data=text, format="turtle")

            validator.validate(description)  # warm-up
            mlopskg = median_seconds(lambda d=description: validator.validate(d), args.repeat)
            pyshacl = median_seconds(lambda d=data: theirs(d, shapes), args.pyshacl_repeat)
            a, b = ours(validator, description), theirs(data, shapes)
            cli = statistics.median(cli_seconds(path) for _ in range(3))
            rows.append((variant, size, len(triples), len(a), mlopskg, pyshacl, a == b, cli))
            print(
                f"{variant} {size:>5} components: mlopskg {mlopskg * 1000:.1f} ms, pySHACL {pyshacl * 1000:.0f} ms, "
                f"{pyshacl / mlopskg:.0f}x, same results: {a == b} ({len(a)}), CLI {cli:.2f} s",
                flush=True,
            )

    table = [
        f"Run on {time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, "
        f"{platform.machine()}, {len(shapes)} shape triples in {shape_count} named shapes "
        f"(`shapes/architecture/`), the ontology in the data graph. Loading rules, shapes and "
        f"ontology into the engine once: {warmup * 1000:.0f} ms.",
        "",
        "| description | components | triples | results | mlopskg validate (warm) | pySHACL | speed-up | same (focus, shape) results | `mlopskg validate` command, fresh process |",
        "|---|---:|---:|---:|---:|---:|---:|:--:|---:|",
    ]
    for variant, size, triples, results, mine, other, same, cli in rows:
        table.append(
            f"| {variant} | {size} | {triples} | {results} | {mine * 1000:.1f} ms | {other * 1000:.0f} ms | "
            f"{other / mine:.0f}x | {'yes' if same else '**no**'} | {cli:.2f} s |"
        )
    targets = {100: 0.100, 1000: 0.300}
    verdicts = []
    for variant, size, _, _, mine, other, _, _ in rows:
        if size in targets:
            goal = targets[size]
            verdict = "met" if mine < goal else f"missed by {(mine - goal) * 1000:.0f} ms"
            verdicts.append(f"{variant}, under {goal * 1000:.0f} ms at {size}: {verdict}")
        if size == 1000:
            ratio = other / mine
            verdicts.append(
                f"{variant}, at least 10x pySHACL at 1000: {'met' if ratio >= 10 else 'missed'} ({ratio:.0f}x)"
            )
    same_everywhere = all(row[6] for row in rows)
    verdicts.append(f"identical results in every case: {'yes' if same_everywhere else 'NO'}")
    table += ["", "Targets: " + "; ".join(verdicts) + "."]
    body = "\n".join(table)
    print(body)
    if not args.no_write:
        replace_section(ROOT / "benchmarks" / "README.md", "validation", body)


if __name__ == "__main__":
    main()

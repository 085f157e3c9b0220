"""Benchmark: accuracy of `mlopskg scan` on the labelled fixture corpus
(benchmarks/scan-corpus/, expected tools and kinds in labels.json), beside specfy's
stack-analyser as the peer in the same run, and the time of a warm scan of a generated
20,000-file tree.

    python benchmarks/scan.py [--write] [--no-peer] [--files 20000] [--repeat 5]

Tools and component kinds are compared per fixture and micro-averaged over the corpus. A
sighting (a tool found, its role unknown) counts for tools, not for kinds; a found kind
that is a subclass of a labelled kind counts as that kind; optional tools of the labels
count neither way. The peer's technology keys are mapped to catalogue slugs by the table
PEER_SLUGS below; its unmapped keys (languages, whole clouds) are left out.
The peer is installed with `npm install --prefix benchmarks/.peer @specfy/stack-analyser`
and called through its documented programmatic interface (analyser, FSProvider, flatten).
With --write the tables replace the section between the markers of this benchmark in
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.report import replace_section  # noqa: E402
from mlopskg.errors import MlopsKGError  # noqa: E402
from mlopskg.graph.build import build_graph  # noqa: E402
from mlopskg.resources import project_files  # noqa: E402

CORPUS = ROOT / "benchmarks" / "scan-corpus"
PEER_DIR = ROOT / "benchmarks" / ".peer"
PEER_PACKAGE = PEER_DIR / "node_modules" / "@specfy" / "stack-analyser"
MLO = "https://w3id.org/mlopskg/ontology#"
TOOL = "https://w3id.org/mlopskg/resource/tool/"

#: stack-analyser technology key -> catalogue slug, for the keys whose product is clear.
PEER_SLUGS = {
    "apache_airflow": "apache-airflow",
    "apache_kafka": "apache-kafka",
    "apache_spark": "apache-spark",
    "atlassian.bitbucket": "bitbucket",
    "aws.cloudwatch": "amazon-cloudwatch",
    "aws.codepipeline": "aws-codepipeline",
    "aws.ecr": "amazon-ecr",
    "aws.rds": "amazon-rds",
    "aws.s3": "amazon-s3",
    "aws.sagemaker": "amazon-sagemaker",
    "azure.ci": "azure-pipelines",
    "azure.storage": "azure-blob-storage",
    "celery": "celery",
    "databricks": "databricks",
    "docker": "docker",
    "gcp.aiplatform": "google-vertex-ai",
    "gcp.artifactregistry": "google-artifact-registry",
    "gcp.cloudbuild": "google-cloud-build",
    "gcp.gcs": "google-cloud-storage",
    "gcp.vertex": "google-vertex-ai",
    "github": "github",
    "github.actions": "github-actions",
    "gitlab": "gitlab",
    "gitlab.ci": "gitlab",
    "grafana": "grafana",
    "helm": "helm",
    "jenkins": "jenkins",
    "kubernetes": "kubernetes",
    "postgresql": "postgresql",
    "prometheus": "prometheus",
    "rabbitmq": "rabbitmq",
    "redis": "redis",
    "terraform": "terraform",
}

#: Runs the peer (package folder in argv[1]) on each folder of the JSON list in argv[2], in
#: one Node process (`node -e` puts the arguments from argv[1]); prints {folder: {techs, seconds}}.
PEER_SCRIPT = """
import { pathToFileURL } from 'node:url';
const dist = process.argv[1] + '/dist/';
const lib = await import(pathToFileURL(dist + 'index.js').href);
await import(pathToFileURL(dist + 'autoload.js').href);
const out = {};
for (const folder of JSON.parse(process.argv[2])) {
  const start = performance.now();
  const result = await lib.analyser({ provider: new lib.FSProvider({ path: folder }) });
  const techs = new Set();
  const walk = (node) => {
    if (node.tech) techs.add(node.tech);
    for (const tech of node.techs || []) techs.add(tech);
    for (const child of node.childs || []) walk(child);
  };
  walk(lib.flatten(result, { merge: true }).toJson(folder));
  out[folder] = { techs: [...techs].sort(), seconds: (performance.now() - start) / 1000 };
}
process.stdout.write(JSON.stringify(out));
"""


class LabelError(Exception):
    """labels.json is malformed or names an unknown component kind."""


@dataclass(frozen=True)
class Fixture:
    """One labelled fixture: expected tools with their kinds, optional and MLOps tools."""

    name: str
    tools: dict[str, frozenset[str]]
    optional: frozenset[str]
    mlops: frozenset[str]

    @property
    def kinds(self) -> set[str]:
        return set().union(*self.tools.values()) if self.tools else set()

    @property
    def pairs(self) -> set[tuple[str, str]]:
        return {(tool, kind) for tool, kinds in self.tools.items() for kind in kinds}


@dataclass
class Found:
    """What one scanner reported for one fixture (catalogue slugs, kind local names)."""

    tools: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    pairs: set[tuple[str, str]] = field(default_factory=set)
    seconds: float = 0.0


@dataclass
class Score:
    """True positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


def load_labels(path: Path, known_kinds: set[str]) -> list[Fixture]:
    """The fixtures of labels.json, each checked: its folder exists, its kinds are known."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise LabelError(f"{path}: {error}") from error
    try:
        return [
            labelled_fixture(path, name, entry, known_kinds)
            for name, entry in sorted(data["fixtures"].items())
        ]
    except (KeyError, TypeError, AttributeError) as error:
        raise LabelError(f"{path}: missing or malformed entry: {error!r}") from error


def labelled_fixture(
    path: Path, name: str, entry: dict[str, Any], known_kinds: set[str]
) -> Fixture:
    """One fixture's labels, checked against its folder and the known kinds."""
    if not (path.parent / name).is_dir():
        raise LabelError(f"{path}: fixture {name!r} has no folder {path.parent / name}")
    tools = {slug: frozenset(item["kinds"]) for slug, item in entry["tools"].items()}
    for slug, kinds in tools.items():
        unknown = sorted(kinds - known_kinds)
        if unknown:
            raise LabelError(f"{path}: {name}: {slug}: unknown kinds {', '.join(unknown)}")
    mlops = frozenset(entry.get("mlops_tools", []))
    if not mlops <= tools.keys():
        raise LabelError(f"{path}: {name}: mlops_tools not among its tools: {mlops - tools.keys()}")
    optional = frozenset(entry.get("optional_tools", {}))
    return Fixture(name, tools, optional, mlops)


def build_store() -> Any:
    """The knowledge graph built in memory."""
    return build_graph(project_files(), check=False).store


def rows(store: Any, sparql: str) -> list[tuple[str, ...]]:
    result = store.query(sparql)
    names = [variable.value for variable in result.variables]
    return [tuple(row[name].value for name in names) for row in result]


def kind_ancestors(store: Any) -> dict[str, set[str]]:
    """Each component kind's local name -> itself and its superclasses' local names."""
    query = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?sub ?sup WHERE {{ ?sub rdfs:subClassOf* ?sup . ?sup rdfs:subClassOf* <{MLO}Component> .
        FILTER(isIRI(?sub) && STRSTARTS(STR(?sub), "{MLO}")) }}"""
    ancestors: dict[str, set[str]] = {}
    for sub, sup in rows(store, query):
        ancestors.setdefault(local(sub), set()).add(local(sup))
    return ancestors


def known_tools(store: Any) -> set[str]:
    query = f"SELECT ?t WHERE {{ ?t a <{MLO}Tool> }}"
    return {local(tool) for (tool,) in rows(store, query)}


def local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def our_scanner(store: Any) -> Callable[[Path], Found]:
    """A function scanning one folder with mlopskg's scanner, signatures loaded once."""
    from mlopskg.scan import load_signatures, scan

    signatures = load_signatures(store)

    def run(folder: Path) -> Found:
        start = time.perf_counter()
        result = scan([folder], signatures)
        seconds = time.perf_counter() - start
        found = Found(seconds=seconds)
        for component in result.components:
            found.tools.add(local(component.tool))
            found.kinds.add(local(component.kind))
            found.pairs.add((local(component.tool), local(component.kind)))
        found.tools |= {local(sighting.tool) for sighting in result.sightings}
        return found

    return run


def run_peer(folders: list[Path], timeout: float) -> dict[Path, Found] | str:
    """The peer on each folder, in one node process; a sentence when it cannot run."""
    if not PEER_PACKAGE.is_dir():
        return f"not installed (npm install --prefix {PEER_DIR.relative_to(ROOT)} @specfy/stack-analyser)"
    command = ["node", "--input-type=module", "-e", PEER_SCRIPT, str(PEER_PACKAGE)]
    command.append(json.dumps([str(folder) for folder in folders]))
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"did not finish: {error}"
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if "Error" in line]
        return (
            f"failed (exit {done.returncode}): {lines[0] if lines else done.stderr.strip()[-200:]}"
        )
    try:
        out = json.loads(done.stdout)
    except json.JSONDecodeError as error:
        return f"unreadable output: {error}"
    return {
        folder: Found(
            tools={PEER_SLUGS[t] for t in out[str(folder)]["techs"] if t in PEER_SLUGS},
            seconds=out[str(folder)]["seconds"],
        )
        for folder in folders
    }


def peer_version() -> str:
    try:
        return str(json.loads((PEER_PACKAGE / "package.json").read_text())["version"])
    except (OSError, KeyError, json.JSONDecodeError):
        return "?"


def compare(expected: Iterable[Any], found: Iterable[Any], ignore: Iterable[Any] = ()) -> Score:
    expected, found, ignore = set(expected), set(found), set(ignore)
    found -= ignore - expected
    return Score(len(expected & found), len(found - expected), len(expected - found))


def kinds_as_labelled(fixture: Fixture, found: Found, ancestors: dict[str, set[str]]) -> Found:
    """Found kinds (and pairs) lifted to the labelled kind they specialise, where one does."""
    labelled = fixture.kinds

    def lift(kind: str) -> str:
        matches = sorted(ancestors.get(kind, {kind}) & labelled)
        return kind if kind in labelled or not matches else matches[0]

    return Found(
        tools=found.tools,
        kinds={lift(kind) for kind in found.kinds},
        pairs={(tool, lift(kind)) for tool, kind in found.pairs},
        seconds=found.seconds,
    )


def ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def write_tree(folder: Path, files: int) -> int:
    """A deterministic repository of ``files`` files: ordinary code and docs, and a few ML
    files (dependencies, a DVC pipeline, a Dockerfile, a workflow, MLflow code). Returns the
    number of ML files among them."""
    generator = random.Random(20_000)
    ml_files = {
        "requirements.txt": "mlflow==2.16.2\ndvc==3.55.2\nrequests==2.32.3\n",
        "dvc.yaml": "stages:\n  train:\n    cmd: python ml/train.py\n    deps: [ml/train.py]\n    outs: [model.pkl]\n",
        "Dockerfile": 'FROM python:3.11-slim\nRUN pip install bentoml==1.3.9\nCMD ["bentoml", "serve", "service:Svc"]\n',
        ".github/workflows/ci.yml": "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make test\n",
        "ml/train.py": 'import mlflow\n\nwith mlflow.start_run():\n    mlflow.log_metric("auc", 0.9)\nmlflow.register_model("runs:/x/model", "m")\n',
        "deploy/compose.yaml": "services:\n  prometheus:\n    image: prom/prometheus:v2.54.1\n",
    }
    for name, text in ml_files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    suffixes = [".py"] * 6 + [".ts", ".md", ".json", ".yaml", ".css", ".txt"]
    for number in range(files - len(ml_files)):
        package = folder / "src" / f"package_{number // 100:03d}" / f"area_{number // 20 % 5}"
        package.mkdir(parents=True, exist_ok=True)
        suffix = suffixes[number % len(suffixes)]
        words = " ".join(generator.choice(("alpha", "beta", "gamma", "delta")) for _ in range(12))
        if suffix == ".py":
            text = f'"""Module {number}: {words}."""\n\nimport os\nfrom collections import defaultdict\n\n\ndef handler_{number}(event: dict) -> int:\n    counts = defaultdict(int)\n    for key in event:\n        counts[key] += len(os.sep)\n    return sum(counts.values())\n'
        elif suffix == ".json":
            text = json.dumps({"id": number, "words": words.split()}) + "\n"
        elif suffix == ".yaml":
            text = f"name: item-{number}\nlabels:\n  team: platform\n  words: {words}\n"
        else:
            text = f"{words}\n" * 8
        (package / f"file_{number:05d}{suffix}").write_text(text)
    return len(ml_files)


def timed_scans(scanner: Callable[[Path], Found], folder: Path, repeat: int) -> list[float]:
    """Seconds of ``repeat`` scans after one warm-up scan (file cache and signatures warm)."""
    scanner(folder)
    return [scanner(folder).seconds for _ in range(repeat)]


@dataclass
class Run:
    """Everything measured in one run of the benchmark."""

    fixtures: list[Fixture]
    ours: dict[str, Found] | None
    peer: dict[str, Found] | str
    ancestors: dict[str, set[str]]
    unknown_labels: list[str]
    tree_files: int = 0
    tree_ml_files: int = 0
    tree_ours: list[float] = field(default_factory=list)
    tree_ours_tools: set[str] = field(default_factory=set)
    tree_peer: float | str | None = None


def scores(run: Run, fixture: Fixture, found: Found) -> dict[str, Score]:
    lifted = kinds_as_labelled(fixture, found, run.ancestors)
    return {
        "tools": compare(fixture.tools, found.tools, fixture.optional),
        "kinds": compare(fixture.kinds, lifted.kinds),
        "pairs": compare(fixture.pairs, lifted.pairs),
        "mlops": compare(fixture.mlops, found.tools & fixture.mlops),
    }


def totals(run: Run, found: dict[str, Found]) -> dict[str, Score]:
    summed = {name: Score() for name in ("tools", "kinds", "pairs", "mlops")}
    for fixture in run.fixtures:
        for name, score in scores(run, fixture, found[fixture.name]).items():
            summed[name].add(score)
    return summed


def short(items: Iterable[str]) -> str:
    return ", ".join(sorted(items)) or "-"


def verdict(value: float | None, goal: float, what: str) -> str:
    if value is None:
        return f"{what} at least {goal:.2f}: not measured"
    met = "met" if value >= goal else f"missed by {goal - value:.2f}"
    return f"{what} at least {goal:.2f}: {value:.2f}, {met}"


def render(run: Run, args: argparse.Namespace) -> str:
    """The Markdown section: summary, per-fixture table, speed, targets, label remarks."""
    fixtures = run.fixtures
    files = sum(sum(1 for p in (CORPUS / f.name).rglob("*") if p.is_file()) for f in fixtures)
    peer_note = run.peer if isinstance(run.peer, str) else f"stack-analyser {peer_version()}"
    lines = [
        f"Run on {time.strftime('%Y-%m-%d')} with `python benchmarks/scan.py"
        f"{' --no-peer' if args.no_peer else ''} --files {args.files} --repeat {args.repeat}`, "
        f"Python {platform.python_version()}, {platform.machine()}; the peer: {peer_note}.",
        "",
        f"Corpus (`benchmarks/scan-corpus/`): {len(fixtures)} fixtures, {files} files, "
        f"{sum(len(f.tools) for f in fixtures)} labelled tools "
        f"({sum(len(f.mlops) for f in fixtures)} of them MLOps tools), "
        f"{sum(len(f.kinds) for f in fixtures)} labelled kinds (counted per fixture), "
        f"{sum(len(f.pairs) for f in fixtures)} labelled tool-kind pairs.",
        "",
        "| scanner | tool precision | tool recall | kind precision | kind recall | tool-kind pair recall | MLOps-tool recall |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    ours = totals(run, run.ours) if run.ours is not None else None
    peer = totals(run, run.peer) if not isinstance(run.peer, str) else None
    if ours:
        lines.append(
            f"| mlopskg scan | {ratio(ours['tools'].precision)} | {ratio(ours['tools'].recall)} | "
            f"{ratio(ours['kinds'].precision)} | {ratio(ours['kinds'].recall)} | "
            f"{ratio(ours['pairs'].recall)} | {ratio(ours['mlops'].recall)} |"
        )
    else:
        lines.append("| mlopskg scan | not run: the scanner is not importable | | | | | |")
    if peer:
        lines.append(
            f"| stack-analyser, keys mapped to catalogue slugs | {ratio(peer['tools'].precision)} | "
            f"{ratio(peer['tools'].recall)} | (no roles) | (no roles) | (no roles) | "
            f"{ratio(peer['mlops'].recall)} |"
        )
    lines += [
        "",
        "| fixture | files | tools | ours: tool P / R | kinds | ours: kind P / R | missed tools | extra tools | missed kinds | extra kinds | peer: tool R | peer found (mapped) |",
        "|---|---:|---:|---|---:|---|---|---|---|---|---:|---|",
    ]
    for fixture in fixtures:
        folder = CORPUS / fixture.name
        count = sum(1 for p in folder.rglob("*") if p.is_file())
        row = [fixture.name, str(count), str(len(fixture.tools))]
        if run.ours is not None:
            found = run.ours[fixture.name]
            mine = scores(run, fixture, found)
            lifted = kinds_as_labelled(fixture, found, run.ancestors)
            row += [
                f"{ratio(mine['tools'].precision)} / {ratio(mine['tools'].recall)}",
                str(len(fixture.kinds)),
                f"{ratio(mine['kinds'].precision)} / {ratio(mine['kinds'].recall)}",
                short(fixture.tools.keys() - found.tools),
                short(found.tools - fixture.tools.keys() - fixture.optional),
                short(fixture.kinds - lifted.kinds),
                short(lifted.kinds - fixture.kinds),
            ]
        else:
            row += ["-", str(len(fixture.kinds)), "-", "-", "-", "-", "-"]
        if not isinstance(run.peer, str):
            theirs = run.peer[fixture.name]
            row += [ratio(scores(run, fixture, theirs)["tools"].recall), short(theirs.tools)]
        else:
            row += ["-", "-"]
        lines.append("| " + " | ".join(row) + " |")

    lines += [
        "",
        f"Speed: a generated tree of {run.tree_files:,} files ({run.tree_ml_files} of them ML files).",
        "",
    ]
    if run.ours is not None:
        lines.append(
            f"- The corpus, each fixture scanned once: mlopskg scan {sum(f.seconds for f in run.ours.values()):.2f} s"
            + (
                f", stack-analyser {sum(f.seconds for f in run.peer.values()):.2f} s."
                if not isinstance(run.peer, str)
                else "."
            )
        )
    if run.tree_ours:
        lines.append(
            f"- mlopskg scan, warm (signatures loaded, file cache warm; median of {len(run.tree_ours)} "
            f"after one warm-up): **{statistics.median(run.tree_ours):.2f} s** (min "
            f"{min(run.tree_ours):.2f} s, max {max(run.tree_ours):.2f} s); tools found: "
            f"{short(run.tree_ours_tools)}."
        )
    if isinstance(run.tree_peer, float):
        lines.append(
            f"- stack-analyser, one run (its analyser call timed inside Node, start-up excluded): {run.tree_peer:.2f} s."
        )
    elif run.tree_peer:
        lines.append(f"- stack-analyser: {run.tree_peer}.")

    targets = []
    if ours:
        targets += [
            verdict(ours["tools"].precision, 0.95, "tool precision"),
            verdict(ours["tools"].recall, 0.90, "tool recall"),
            verdict(ours["kinds"].recall, 0.80, "kind recall"),
        ]
        if peer and peer["mlops"].recall is not None and ours["mlops"].recall is not None:
            mine_r, theirs_r = ours["mlops"].recall, peer["mlops"].recall
            times = f"{mine_r / theirs_r:.1f}x" if theirs_r else "the peer found none"
            met = "met" if mine_r > 0 and mine_r >= 3 * theirs_r else "missed"
            targets.append(
                f"MLOps-tool recall at least 3x the peer's: {mine_r:.2f} against {theirs_r:.2f} ({times}), {met}"
            )
        if run.tree_ours:
            median = statistics.median(run.tree_ours)
            met = "met" if median < 2.0 else f"missed by {median - 2.0:.2f} s"
            targets.append(f"{run.tree_files:,}-file tree under 2 s warm: {median:.2f} s, {met}")
    lines += [
        "",
        "Targets: " + ("; ".join(targets) if targets else "not measured (no scanner)") + ".",
    ]
    if run.unknown_labels:
        lines += [
            "",
            "Labelled slugs the built graph does not know (yet): "
            + ", ".join(run.unknown_labels)
            + ". A scanner cannot find them until the catalogue has them.",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--write", action="store_true", help="replace the section in benchmarks/README.md"
    )
    parser.add_argument("--no-peer", action="store_true", help="skip stack-analyser")
    parser.add_argument("--files", type=int, default=20_000, help="files in the generated tree")
    parser.add_argument("--repeat", type=int, default=5, help="timed scans of the tree")
    parser.add_argument("--peer-timeout", type=float, default=300.0)
    args = parser.parse_args()

    try:
        store = build_store()
    except (MlopsKGError, ImportError) as error:
        sys.exit(f"error: cannot build the graph: {error}")
    ancestors = kind_ancestors(store)
    try:
        fixtures = load_labels(CORPUS / "labels.json", set(ancestors))
    except LabelError as error:
        sys.exit(f"error: {error}")
    catalogue = known_tools(store)
    labelled = {slug for f in fixtures for slug in f.tools}
    try:
        scanner: Callable[[Path], Found] | None = our_scanner(store)
    except ImportError as error:
        print(f"mlopskg scan is not importable ({error}); running the peer only", file=sys.stderr)
        scanner = None
    folders = [CORPUS / fixture.name for fixture in fixtures]
    try:
        ours = {f.name: scanner(CORPUS / f.name) for f in fixtures} if scanner else None
    except MlopsKGError as error:
        sys.exit(f"error: the scan of a fixture failed: {error}")
    if args.no_peer:
        peer: dict[str, Found] | str = "skipped (--no-peer)"
    else:
        result = run_peer(folders, args.peer_timeout)
        peer = result if isinstance(result, str) else {p.name: found for p, found in result.items()}
    run = Run(fixtures, ours, peer, ancestors, sorted(labelled - catalogue))

    with tempfile.TemporaryDirectory(prefix="mlopskg-scan-bench-") as temp:
        tree = Path(temp) / "repository"
        tree.mkdir()
        run.tree_ml_files = write_tree(tree, args.files)
        run.tree_files = sum(1 for p in tree.rglob("*") if p.is_file())
        if scanner:
            run.tree_ours = timed_scans(scanner, tree, args.repeat)
            run.tree_ours_tools = scanner(tree).tools
        if not args.no_peer and shutil.which("node"):
            timing = run_peer([tree], args.peer_timeout)
            run.tree_peer = timing if isinstance(timing, str) else timing[tree].seconds

    body = render(run, args)
    print(body)
    if args.write:
        if ours is None:
            sys.exit("error: not writing benchmarks/README.md: the scanner did not run")
        replace_section(ROOT / "benchmarks" / "README.md", "scan", body)


if __name__ == "__main__":
    main()

"""Build the knowledge graph: source files -> one named graph each -> inferences -> checks.

>>> from mlopskg.resources import project_files
>>> result = build_graph(project_files())
>>> result.graph_count > 10 and result.inferred_quads > 0
True
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from mlopskg import __version__
from mlopskg.errors import DataIntegrityError, InputFileError, Location
from mlopskg.graph.inference import materialise
from mlopskg.graph.integrity import IntegrityProblem, check_integrity
from mlopskg.graph.loading import LoadedFile, load_data_file, load_ontology
from mlopskg.graph.tables import load_requirements_table
from mlopskg.namespaces import INFERRED_GRAPH, compact, sparql_prefixes
from mlopskg.resources import ProjectFiles
from mlopskg.stores.embedded import EmbeddedStore

MANIFEST_NAME = "mlopskg-build.json"

_COMPONENT_KINDS = (
    sparql_prefixes("rdfs", "mlo")
    + """SELECT DISTINCT ?kind WHERE {
  ?kind rdfs:subClassOf+ mlo:Component }"""
)


@dataclass
class BuildResult:
    """A built graph in memory, with what went into it."""

    store: EmbeddedStore
    files: list[LoadedFile]
    inferred_quads: int
    seconds: float
    fingerprint: str
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def graph_count(self) -> int:
        return len(self.files) + 1


def fingerprint(paths: list[Path]) -> str:
    """A hash of the build's input files (names and content) and mlopskg's version."""
    digest = hashlib.sha256(__version__.encode())
    for path in paths:
        digest.update(str(path).encode())
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    return digest.hexdigest()


def _check_unique_graphs(files: list[LoadedFile]) -> None:
    owner: dict[str, Path] = {}
    for loaded in files:
        if loaded.graph in owner:
            raise InputFileError(
                Location(loaded.path),
                f"declares finding {compact(loaded.graph)}, already declared by {owner[loaded.graph]}",
            )
        owner[loaded.graph] = loaded.path


def _describe(problem: IntegrityProblem, files: list[LoadedFile]) -> str:
    """Name the file holding the offending statement (or, failing that, the focus node)."""

    def holds(loaded: LoadedFile, exact: bool) -> bool:
        for t in loaded.triples:
            if str(getattr(t.subject, "value", "")) != problem.focus_node:
                continue
            if not exact:
                return True
            if t.predicate.value == problem.path and (
                problem.value is None or str(getattr(t.object, "value", "")) == problem.value
            ):
                return True
        return False

    where = [f.path for f in files if holds(f, exact=True)] or [
        f.path for f in files if holds(f, exact=False)
    ]
    place = str(where[0]) if where else "the built graph"
    prop = f" {compact(problem.path)}" if problem.path else ""
    value = (
        f" {compact(problem.value)}" if problem.value and problem.value.startswith("http") else ""
    )
    return f"{place}: {compact(problem.focus_node)}{prop}{value}: {problem.message}"


def build_graph(
    project: ProjectFiles,
    *,
    extra_files: list[Path] | None = None,
    data_files: list[Path] | None = None,
    check: bool = True,
) -> BuildResult:
    """Load the ontology and data into an in-memory store, infer, and check integrity.

    ``extra_files`` are further data files (each declaring one finding), for users who keep
    their own findings outside ``data/``; ``data_files`` replace the project's data files and
    tables altogether (the ontology stays), for test fixtures. Raises :class:`InputFileError`
    naming the file and line on bad input, :class:`DataIntegrityError` when the data break
    the integrity shapes.
    """
    started = time.perf_counter()
    timings: dict[str, float] = {}
    store = EmbeddedStore()
    files = [load_ontology(project.ontology_source)]
    sources = project.data_files() if data_files is None else data_files
    files += [load_data_file(path) for path in [*sources, *(extra_files or [])]]
    store.add_quads(q for f in files for q in f.quads())
    kinds = [row["kind"].value for row in store.query(_COMPONENT_KINDS)]  # type: ignore[union-attr]
    for table in project.table_files() if data_files is None else []:
        loaded = load_requirements_table(table, kinds)
        if loaded is not None:
            files.append(loaded)
            store.add_quads(loaded.quads())
    _check_unique_graphs(files)
    timings["parse"] = time.perf_counter() - started
    inferred = materialise(store)
    timings["infer"] = time.perf_counter() - started - timings["parse"]
    if check:
        shapes = sorted(project.integrity_shapes_dir.glob("*.ttl"))
        problems = [p for p in check_integrity(store, shapes) if p.severity == "Violation"]
        if problems:
            raise DataIntegrityError([_describe(p, files) for p in problems])
        timings["check"] = time.perf_counter() - started - timings["parse"] - timings["infer"]
    return BuildResult(
        store=store,
        files=files,
        inferred_quads=inferred,
        seconds=time.perf_counter() - started,
        fingerprint=fingerprint(project.source_files() + list(extra_files or [])),
        timings=timings,
    )


def graph_sizes(store: EmbeddedStore) -> dict[str, int]:
    """Quads per named graph."""
    sizes: dict[str, int] = {}
    for quad in store.quads():
        name = quad.graph_name.value if hasattr(quad.graph_name, "value") else ""
        sizes[name] = sizes.get(name, 0) + 1
    return dict(sorted(sizes.items()))


def save_build(result: BuildResult, path: Path) -> None:
    """Write the built graph to an on-disk store, swapping it in atomically, with a manifest."""
    result.store.save(path)
    manifest = {
        "mlopskg": __version__,
        "fingerprint": result.fingerprint,
        "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "quads": len(result.store),
        "inferred_graph": INFERRED_GRAPH,
        "graphs": {str(f.path): f.graph for f in result.files},
    }
    (path / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def read_manifest(path: Path) -> dict[str, object] | None:
    """The manifest of a built store, or None where there is none."""
    try:
        data = json.loads((path / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def is_current(path: Path, project: ProjectFiles) -> bool:
    """Whether the store at ``path`` was built from the project's current files."""
    manifest = read_manifest(path)
    return manifest is not None and manifest.get("fingerprint") == fingerprint(
        project.source_files()
    )


def default_store_path(project: ProjectFiles) -> Path:
    """Where `mlopskg build` writes the store: $MLOPSKG_STORE, else build/store in the project."""
    if os.environ.get("MLOPSKG_STORE"):
        return Path(os.environ["MLOPSKG_STORE"])
    candidate = project.root / "build" / "store"
    if os.access(project.root, os.W_OK):
        return candidate
    return Path.home() / ".cache" / "mlopskg" / f"store-{__version__}"

"""Synthetic knowledge graphs of a chosen size, shaped like the real one.

The real graph's findings are copied again and again, each copy with its own resource
IRIs (``.../tool/mlflow`` becomes ``.../tool/mlflow-c17``), while the ontology and its
terms stay shared. Every copy is a consistent, already-inferred slice of the real graph,
so curated queries meet the same shapes at a larger scale. The copies are deterministic.

    python benchmarks/generate.py 1000000 > synthetic.nq
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mlopskg.graph.build import build_graph
from mlopskg.namespaces import ONTOLOGY_IRI
from mlopskg.resources import project_files

RESOURCE = "https://w3id.org/mlopskg/resource/"


def _rename(
    term: ox.NamedNode | ox.BlankNode | ox.Literal, suffix: str
) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, ox.NamedNode) and term.value.startswith(RESOURCE):
        return ox.NamedNode(term.value + suffix)
    if isinstance(term, ox.BlankNode):
        return ox.BlankNode(term.value + suffix.replace("-", "_"))
    return term


def synthetic_quads(target: int) -> Iterator[ox.Quad]:
    """The real graph once, then renamed copies of its data until ``target`` quads."""
    store = build_graph(project_files(), check=False).store
    quads = list(store.quads())
    data = [q for q in quads if q.graph_name.value != ONTOLOGY_IRI]  # type: ignore[union-attr]
    yield from quads
    produced, copy = len(quads), 0
    while produced < target:
        copy += 1
        suffix = f"-c{copy}"
        for q in data:
            if produced >= target:
                return
            graph = q.graph_name
            new_graph = _rename(graph, suffix) if not graph.value.endswith("/inferred") else graph  # type: ignore[union-attr]
            renamed = ox.Quad(
                _rename(q.subject, suffix), q.predicate, _rename(q.object, suffix), new_graph
            )  # type: ignore[arg-type]
            if renamed == q:
                continue  # an inferred statement about ontology terms only: already there
            yield renamed
            produced += 1


def write_nquads(target: int, path: Path) -> Path:
    """Write a synthetic graph as N-Quads (cached by size)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as handle:
            ox.serialize(synthetic_quads(target), handle, format=ox.RdfFormat.N_QUADS)
        tmp.replace(path)
    return path


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    ox.serialize(synthetic_quads(size), sys.stdout.buffer, format=ox.RdfFormat.N_QUADS)

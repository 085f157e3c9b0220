"""Run the architecture shapes over a description, with pyrudof (see docs/decisions/0008).

The data graph is the description plus the ontology (its class hierarchy, so that
``sh:class`` sees a ``mlo:BatchServingPipeline`` as a ``mlo:ServingPipeline``); nothing else
is inferred, except that flows written with a user's own sub-property of ``mlo:flowsTo``
count as ``mlo:flowsTo``. A :class:`ShapeEngine` loads the ontology and the shapes once and
stages each description on top, rolling it back afterwards, so a server validates many
descriptions without reloading anything. Description text never reaches rudof's readers
(which also accept URLs): it is parsed by pyoxigraph and handed over as an N-Triples file.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pyrudof


@dataclass(frozen=True)
class RawResult:
    """One SHACL validation result, as the engine reports it."""

    severity: str
    focus_node: str
    source_shape: str
    value: str | None
    constraint_component: str


def _text(term: object) -> str:
    return "" if term is None else str(term)


def _strict() -> pyrudof.ReaderMode:
    return pyrudof.ReaderMode.Strict


def write_ntriples(triples: Iterable[ox.Triple], path: Path) -> None:
    with path.open("wb") as output:
        ox.serialize(triples, output, format=ox.RdfFormat.N_TRIPLES)


class ShapeEngine:
    """pyrudof with the ontology and a shapes graph loaded; thread-safe, one run at a time."""

    def __init__(self, ontology_file: Path, shapes_text: str) -> None:
        self._lock = threading.Lock()
        self._rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        self._rudof.read_data(
            str(ontology_file), format=_rdf_format(ontology_file), reader_mode=_strict()
        )
        with tempfile.TemporaryDirectory(prefix="mlopskg-shapes-") as folder:
            shapes_file = Path(folder) / "shapes.ttl"
            shapes_file.write_text(shapes_text, encoding="utf-8")
            self._rudof.read_shacl(str(shapes_file), reader_mode=_strict())

    def run(self, triples: list[ox.Triple]) -> list[RawResult]:
        """Validate the triples (with the ontology); the loaded data is left as it was."""
        with tempfile.TemporaryDirectory(prefix="mlopskg-data-") as folder:
            data_file = Path(folder) / "description.nt"
            write_ntriples(triples, data_file)
            with self._lock:
                self._rudof.begin_staging()
                try:
                    self._rudof.read_data(
                        str(data_file),
                        format=pyrudof.RDFFormat.NTriples,
                        reader_mode=_strict(),
                        merge=True,
                    )
                    report = self._rudof.validate_shacl()
                    results = [
                        RawResult(
                            severity=_text(entry.severity),
                            focus_node=_text(entry.focus_node),
                            source_shape=_text(entry.source_shape),
                            value=None if entry.value is None else _text(entry.value),
                            constraint_component=_text(entry.constraint_component),
                        )
                        for entry in report.violations
                    ]
                finally:
                    self._rudof.rollback_staging()
        return results


def _rdf_format(path: Path) -> pyrudof.RDFFormat:
    return pyrudof.RDFFormat.NTriples if path.suffix == ".nt" else pyrudof.RDFFormat.Turtle


def shapes_text(files: Iterable[Path]) -> str:
    """The shapes files as one Turtle document (each keeps its own prefixes)."""
    return "\n".join(path.read_text(encoding="utf-8") for path in files)

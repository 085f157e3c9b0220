"""Parse the graph's source files into quads: one named graph per file.

A data file names its own graph: it declares exactly one ``mlo:Finding``, whose IRI becomes
the name of the graph holding the file's triples, so the finding's source, locator and
evidence status apply to every statement in it. The ontology source goes to the ontology's
IRI. Parsing never fetches anything: no base IRI is resolved against the network and
``owl:imports`` are not followed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from mlopskg.errors import InputFileError, Location, MissingFileError
from mlopskg.namespaces import MLO, ONTOLOGY_IRI

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_FINDING = ox.NamedNode(str(MLO.Finding))

_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".owl": ox.RdfFormat.RDF_XML,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}


@dataclass(frozen=True)
class LoadedFile:
    """The triples of one source file, destined for one named graph."""

    path: Path
    graph: str
    triples: list[ox.Triple]

    def quads(self) -> list[ox.Quad]:
        name = ox.NamedNode(self.graph)
        return [ox.Quad(t.subject, t.predicate, t.object, name) for t in self.triples]


def rdf_format_for(path: Path) -> ox.RdfFormat:
    """The RDF syntax of a file, from its extension."""
    try:
        return _FORMATS[path.suffix.lower()]
    except KeyError:
        raise InputFileError(
            Location(path), f"unknown RDF file extension {path.suffix!r} (use .ttl, .nt or .owl)"
        ) from None


def syntax_error_location(path: Path | str, error: SyntaxError) -> Location:
    """The file, line and column a pyoxigraph parse error points at."""
    line = error.lineno if isinstance(error.lineno, int) else None
    column = error.offset if isinstance(error.offset, int) else None
    return Location(path, line, column)


def parse_triples(path: Path, rdf_format: ox.RdfFormat | None = None) -> list[ox.Triple]:
    """All triples of a file; syntax errors name the file, line and column."""
    if not path.is_file():
        raise MissingFileError(Location(path), "no such file")
    try:
        return [
            q.triple for q in ox.parse(path=str(path), format=rdf_format or rdf_format_for(path))
        ]
    except SyntaxError as error:
        message = str(error.msg if hasattr(error, "msg") else error)
        raise InputFileError(syntax_error_location(path, error), message) from error
    except (OSError, ValueError) as error:
        raise InputFileError(Location(path), str(error)) from error


def load_ontology(path: Path) -> LoadedFile:
    """The ontology source, for the ontology's own graph."""
    return LoadedFile(path, ONTOLOGY_IRI, parse_triples(path))


def load_data_file(path: Path) -> LoadedFile:
    """A data file, for the graph named by the one finding it declares."""
    triples = parse_triples(path)
    findings = sorted(
        {
            t.subject.value
            for t in triples
            if t.predicate == _RDF_TYPE
            and t.object == _FINDING
            and isinstance(t.subject, ox.NamedNode)
        }
    )
    if len(findings) != 1:
        problem = (
            "declares no mlo:Finding; every data file declares exactly one, which names its graph"
            " and says where its statements come from"
            if not findings
            else f"declares {len(findings)} mlo:Finding nodes ({', '.join(findings)}); use one per file"
        )
        raise InputFileError(Location(path), problem)
    return LoadedFile(path, findings[0], triples)

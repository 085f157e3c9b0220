"""Read a user's architecture description safely: no network, no entity tricks.

pyoxigraph parses every syntax; it does not follow ``owl:imports`` (nothing here does),
refuses JSON-LD remote contexts (no document loader is set) and external XML entities.
It does expand internal XML entities, which lets a few hundred bytes grow into gigabytes
(the "billion laughs"), so RDF/XML with entity declarations is refused before parsing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from mlopskg.errors import InputFileError, Location, MissingFileError

#: Syntaxes accepted for descriptions, by file extension.
EXTENSIONS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
}

#: Syntaxes accepted for descriptions, by media type (``POST /validate``).
MEDIA_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/json": ox.RdfFormat.JSON_LD,
}

#: The base IRI relative IRIs of standard input and uploads resolve against.
DEFAULT_BASE = "https://w3id.org/mlopskg/resource/description/"

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_PARSER_PREFIX = re.compile(
    r"^Parser error at line \d+ (?:between columns \d+ and \d+|column \d+): "
)


@dataclass(frozen=True)
class Description:
    """The triples of one or more input files, with where they came from."""

    triples: list[ox.Triple]
    names: tuple[str, ...]


def format_for_name(name: str) -> ox.RdfFormat:
    """The syntax of a file from its extension (Turtle when there is none, as for ``-``)."""
    suffix = Path(name).suffix.lower()
    if not suffix or name == "-":
        return ox.RdfFormat.TURTLE
    try:
        return EXTENSIONS[suffix]
    except KeyError:
        known = ", ".join(sorted(EXTENSIONS))
        raise InputFileError(
            Location(name), f"unknown extension {suffix!r}: use one of {known}"
        ) from None


def parse_description(
    data: bytes, name: str, rdf_format: ox.RdfFormat, base_iri: str | None = None
) -> list[ox.Triple]:
    """Parse one input; errors name the input and, where the parser says, line and column."""
    if rdf_format == ox.RdfFormat.RDF_XML and _ENTITY_DECLARATION.search(data):
        raise InputFileError(
            Location(name), "XML entity declarations (<!ENTITY ...>) are not accepted"
        )
    base = base_iri or (Path(name).resolve().as_uri() if name != "-" else DEFAULT_BASE)
    try:
        return [
            quad.triple
            for quad in ox.parse(data, format=rdf_format, base_iri=base, rename_blank_nodes=True)
        ]
    except SyntaxError as error:
        line = error.lineno if isinstance(error.lineno, int) else None
        column = error.offset if isinstance(error.offset, int) else None
        message = _PARSER_PREFIX.sub("", str(error.msg if getattr(error, "msg", None) else error))
        if "LoadDocumentCallback" in message:
            message = "JSON-LD remote contexts are not fetched: inline the @context"
        raise InputFileError(Location(name, line, column), message) from error
    except (ValueError, UnicodeDecodeError) as error:
        raise InputFileError(Location(name), str(error)) from error


def read_files(names: Iterable[str], stdin: bytes | None = None) -> Description:
    """Read and merge several description files; ``-`` is standard input (Turtle)."""
    triples: list[ox.Triple] = []
    read: list[str] = []
    for name in names:
        if name == "-":
            data = stdin if stdin is not None else b""
        else:
            path = Path(name)
            if not path.is_file():
                raise MissingFileError(Location(name), "no such file")
            try:
                data = path.read_bytes()
            except OSError as error:
                raise InputFileError(Location(name), error.strerror or str(error)) from error
        triples += parse_description(data, name, format_for_name(name))
        read.append(name)
    return Description(triples, tuple(read))

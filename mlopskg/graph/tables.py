"""The requirements table: a CSV from which a user who holds a paper adds its requirements.

Columns (header required, in any order):

``id``
    the paper's own identifier of the requirement, e.g. ``R1`` (letters, digits, ``.``,
    ``-``; unique in the file);
``text``
    the requirement's wording (required);
``category``
    the paper's category for it (optional);
``addressed_by``
    component kinds that address it, as local names of ``mlo:`` classes separated by
    spaces, e.g. ``ModelRegistry MetadataStore`` (optional; each must be a component kind);
``locator``
    where in the paper it is stated, e.g. ``Table 2`` (optional).

The table sits in the source's folder (``data/<source-slug>/requirements.csv``) and is loaded
as one finding of that source, with status "stated".
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from mlopskg.errors import InputFileError, Location
from mlopskg.graph.loading import LoadedFile
from mlopskg.namespaces import FINDING, MLO, MLR, SRC

REQUIRED_COLUMNS = ("id", "text")
KNOWN_COLUMNS = ("id", "text", "category", "addressed_by", "locator")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]*$")
_KIND = re.compile(r"^[A-Z][A-Za-z0-9]*$")

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def load_requirements_table(path: Path, component_kinds: Iterable[str]) -> LoadedFile | None:
    """Convert a requirements table to a finding's triples; None when it has no rows.

    ``component_kinds`` are the IRIs of the classes under ``mlo:Component``; a kind in
    ``addressed_by`` that is not one of them is an error naming the row.
    """
    kinds = set(component_kinds)
    source_slug = path.parent.name
    source = _n(str(SRC[source_slug]))
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InputFileError(Location(path), f"cannot read the table: {error}") from error
    if not rows:
        raise InputFileError(Location(path, 1), "empty file: the header row is missing")
    header = [h.strip() for h in rows[0]]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [c for c in header if c not in KNOWN_COLUMNS]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            parts.append(f"unknown column(s) {', '.join(unknown)}")
        raise InputFileError(
            Location(path, 1), "; ".join(parts) + f" (columns: {', '.join(KNOWN_COLUMNS)})"
        )
    finding = _n(str(FINDING[f"{source_slug}-requirements-table"]))
    triples: list[ox.Triple] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise InputFileError(
                Location(path, line), f"{len(row)} cells where the header has {len(header)}"
            )
        cells = {name: value.strip() for name, value in zip(header, row, strict=True)}
        rid = cells["id"]
        if not _ID.match(rid):
            raise InputFileError(
                Location(path, line),
                f"id {rid!r} is not a valid identifier (letters, digits, '.', '-')",
            )
        if rid in seen:
            raise InputFileError(Location(path, line), f"id {rid!r} repeats line {seen[rid]}")
        seen[rid] = line
        if not cells["text"]:
            raise InputFileError(Location(path, line), f"requirement {rid} has no text")
        req = _n(str(MLR[f"requirement/{source_slug}-{rid.lower()}"]))
        label = f"{rid} ({source_slug}): {cells['text']}"
        triples += [
            ox.Triple(req, _n(_RDF + "type"), _n(str(MLO.Requirement))),
            ox.Triple(req, _n(_RDFS + "label"), ox.Literal(label[:120], language="en")),
            ox.Triple(req, _n(_SKOS + "definition"), ox.Literal(cells["text"], language="en")),
            ox.Triple(req, _n(_SKOS + "notation"), ox.Literal(rid)),
            ox.Triple(req, _n(_DCT + "source"), source),
        ]
        if cells.get("category"):
            triples.append(ox.Triple(req, _n(str(MLO.category)), ox.Literal(cells["category"])))
        if cells.get("locator"):
            triples.append(ox.Triple(req, _n(str(MLO.locator)), ox.Literal(cells["locator"])))
        for kind in (cells.get("addressed_by") or "").split():
            iri = str(MLO[kind])
            if not _KIND.match(kind) or iri not in kinds:
                raise InputFileError(
                    Location(path, line),
                    f"addressed_by names {kind!r}, which is not a component kind"
                    " (a subclass of mlo:Component, e.g. ModelRegistry)",
                )
            triples.append(ox.Triple(_n(iri), _n(str(MLO.addresses)), req))
    if not seen:
        return None
    triples += [
        ox.Triple(finding, _n(_RDF + "type"), _n(str(MLO.Finding))),
        ox.Triple(
            finding,
            _n(_RDFS + "label"),
            ox.Literal(f"Requirements of {source_slug}, from {path.name}", language="en"),
        ),
        ox.Triple(finding, _n(str(MLO.fromSource)), source),
        ox.Triple(finding, _n(str(MLO.evidenceStatus)), _n(str(MLO.stated))),
        ox.Triple(finding, _n(str(MLO.locator)), ox.Literal(f"requirements table ({path.name})")),
    ]
    return LoadedFile(path, finding.value, triples)

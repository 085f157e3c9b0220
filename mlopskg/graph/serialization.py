"""Deterministic RDF output: the same graph always gives the same bytes.

Blank nodes are relabelled with W3C RDFC-1.0 and triples sorted, so generated files (the
ontology's release files, exports) diff cleanly and can be checked for being up to date.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from mlopskg.namespaces import PREFIXES

FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "owl": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}
QUAD_FORMATS = ("nq", "trig")


def canonical_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Quads with canonical blank-node labels (RDFC-1.0), sorted."""
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(
        dataset, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))
    )


def canonical_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Distinct triples with canonical blank-node labels, sorted."""
    quads = (ox.Quad(t.subject, t.predicate, t.object) for t in set(triples))
    return [q.triple for q in canonical_quads(quads)]


def serialize_triples(triples: Iterable[ox.Triple], format_name: str, header: str = "") -> bytes:
    """Write triples in one of ttl, nt, owl (RDF/XML) or jsonld, deterministically.

    ``header`` is a comment written at the top where the syntax has comments (Turtle,
    N-Triples, RDF/XML).
    """
    ordered = canonical_triples(triples)
    rdf_format = FORMATS[format_name]
    prefixes = PREFIXES if format_name in ("ttl", "owl") else None
    body = (
        ox.serialize(ordered, format=rdf_format, prefixes=prefixes)
        if prefixes
        else ox.serialize(ordered, format=rdf_format)
    )
    data = body or b""
    if header and format_name in ("ttl", "nt"):
        comment = "".join(f"# {line}\n" for line in header.splitlines())
        data = comment.encode() + b"\n" + data
    elif header and format_name == "owl" and data.startswith(b"<?xml"):
        end = data.index(b"?>") + 2
        data = data[:end] + f"\n<!-- {header} -->".encode() + data[end:]
    return data


def serialize_quads(quads: Iterable[ox.Quad], format_name: str) -> bytes:
    """Write quads as N-Quads or TriG, deterministically."""
    return ox.serialize(canonical_quads(quads), format=FORMATS[format_name]) or b""

"""Write query results: SPARQL JSON, XML, CSV and TSV as the standards say, or a terminal table."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from mlopskg.namespaces import compact
from mlopskg.stores.interface import QueryResult

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "xml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}


@dataclass(frozen=True)
class Table:
    """A SELECT result read into memory, with terms written compactly for people."""

    variables: list[str]
    rows: list[list[str]]


def term_text(term: object) -> str:
    """A term as a person reads it: prefixed IRIs, plain literal values, empty for unbound."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def to_table(result: QueryResult) -> Table:
    """Read a result into a :class:`Table` (ASK gives one column, graphs give s, p, o)."""
    if isinstance(result, ox.QueryBoolean):
        return Table(["boolean"], [[str(bool(result)).lower()]])
    if isinstance(result, ox.QueryTriples):
        return Table(
            ["subject", "predicate", "object"],
            [[term_text(t.subject), term_text(t.predicate), term_text(t.object)] for t in result],
        )
    variables = [v.value for v in result.variables]
    return Table(variables, [[term_text(row[v]) for v in variables] for row in result])


def serialize(result: QueryResult, format_name: str) -> bytes:
    """Serialise a result in a standard format: json/xml/csv/tsv for SELECT and ASK,
    ttl/nt/xml/jsonld for CONSTRUCT and DESCRIBE."""
    if isinstance(result, ox.QueryTriples):
        rdf_format = GRAPH_FORMATS.get(format_name, ox.RdfFormat.TURTLE)
        return result.serialize(format=rdf_format) or b""
    output = io.BytesIO()
    result.serialize(output, format=RESULT_FORMATS[format_name])
    return output.getvalue()


def iter_table_lines(table: Table, max_width: int = 60) -> Iterator[str]:
    """Plain-text table lines (for tests and non-terminal output)."""
    widths = [len(v) for v in table.variables]
    for row in table.rows:
        widths = [min(max_width, max(w, len(c))) for w, c in zip(widths, row, strict=True)]

    def cut(text: str, width: int) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    yield "  ".join(v.ljust(w) for v, w in zip(table.variables, widths, strict=True)).rstrip()
    yield "  ".join("-" * w for w in widths)
    for row in table.rows:
        yield "  ".join(cut(c, w).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()

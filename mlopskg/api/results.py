"""Write SPARQL results with a bound on their size, for the endpoint's workers.

pyoxigraph's own serialisers consume a result whole, with no way to stop at a row limit,
so SELECT results are written here (SPARQL 1.1 JSON, XML, CSV and TSV, per their W3C
specifications) while counting rows. Graph results are counted, then written by pyoxigraph.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
GRAPH_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "xml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}


class TooManyResults(Exception):
    """The result holds more rows or triples than the server's limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(
            f"the result has more than {limit:,} rows or triples, the most this endpoint"
            " returns at once; narrow the query or page through it with LIMIT and OFFSET"
        )


def _json_term(term: object) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != _XSD_STRING:
            return (
                f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
            )
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _csv_term(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(getattr(term, "value", term))


def _rows(solutions: ox.QuerySolutions, names: list[str], limit: int) -> list[list[object]]:
    rows: list[list[object]] = []
    for solution in solutions:
        if len(rows) >= limit:
            raise TooManyResults(limit)
        rows.append([solution[name] for name in names])
    return rows


def write_solutions(solutions: ox.QuerySolutions, fmt: str, limit: int) -> tuple[bytes, int]:
    """A SELECT result in json, xml, csv or tsv; raises TooManyResults past ``limit`` rows."""
    names = [v.value for v in solutions.variables]
    rows = _rows(solutions, names, limit)
    if fmt == "json":
        bindings = [
            {n: _json_term(t) for n, t in zip(names, row, strict=True) if t is not None}
            for row in rows
        ]
        body = json.dumps(
            {"head": {"vars": names}, "results": {"bindings": bindings}},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return body.encode(), len(rows)
    if fmt == "xml":
        parts = [
            '<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>'
        ]
        parts += [f"<variable name={quoteattr(n)}/>" for n in names]
        parts.append("</head><results>")
        for row in rows:
            parts.append("<result>")
            parts += [
                f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>"
                for n, t in zip(names, row, strict=True)
                if t is not None
            ]
            parts.append("</result>")
        parts.append("</results></sparql>\n")
        return "".join(parts).encode(), len(rows)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(names)
        writer.writerows([_csv_term(t) for t in row] for row in rows)
        return out.getvalue().encode(), len(rows)
    lines = ["\t".join(f"?{n}" for n in names)]
    lines += ["\t".join(str(t) if t is not None else "" for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode(), len(rows)


def write_boolean(value: bool, fmt: str) -> bytes:
    """An ASK result in json, xml, csv or tsv."""
    text = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{text}</boolean></sparql>\n"
        ).encode()
    return f"{'_askResult' if fmt == 'csv' else '?_askResult'}\n{text}\n".encode()


def write_triples(triples: Iterable[ox.Triple], fmt: str, limit: int) -> tuple[bytes, int]:
    """A CONSTRUCT or DESCRIBE result; raises TooManyResults past ``limit`` triples."""
    collected: list[ox.Triple] = []
    for triple in triples:
        if len(collected) >= limit:
            raise TooManyResults(limit)
        collected.append(triple)
    return ox.serialize(collected, format=GRAPH_FORMATS[fmt]) or b"", len(collected)

"""Accept-header negotiation and the endpoint's result writers."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from mlopskg.api.negotiation import GRAPH_TYPES, RESULT_TYPES, negotiate
from mlopskg.api.results import TooManyResults, write_boolean, write_solutions, write_triples


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/sparql-results+json"),
        ("", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv;q=0.1, text/tab-separated-values;q=0.2", "text/tab-separated-values"),
        ("*/*;q=0.1, text/csv", "text/csv"),
        ("text/csv;q=0", None),
        ("text/*;q=0.5, text/csv;q=0", "text/tab-separated-values"),
        ("image/png, text/html", None),
        ("garbage", "application/sparql-results+json"),
        ("text/csv;q=abc, application/json", "application/json"),
    ],
)
def test_result_negotiation(accept: str | None, expected: str | None) -> None:
    assert negotiate(accept, RESULT_TYPES) == expected


def test_graph_negotiation_prefers_turtle() -> None:
    assert negotiate("*/*", GRAPH_TYPES) == "text/turtle"
    assert negotiate("application/ld+json, text/turtle;q=0.5", GRAPH_TYPES) == "application/ld+json"


def sample() -> ox.QuerySolutions:
    store = ox.Store()
    store.add(
        ox.Quad(
            ox.NamedNode("http://e/s"),
            ox.NamedNode("http://e/p"),
            ox.Literal('a "quoted",\ttabbed\nline', language="en"),
        )
    )
    store.add(
        ox.Quad(
            ox.NamedNode("http://e/s"),
            ox.NamedNode("http://e/p"),
            ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        )
    )
    store.add(ox.Quad(ox.BlankNode("b1"), ox.NamedNode("http://e/p"), ox.Literal("plain")))
    return store.query("SELECT ?s ?o ?missing WHERE { ?s <http://e/p> ?o } ORDER BY ?o")  # type: ignore[return-value]


def reference() -> list[tuple[str, ...]]:
    return sorted(tuple(str(t) if t is not None else "" for t in row) for row in sample())


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_writers_round_trip_through_pyoxigraphs_parser(fmt: str) -> None:
    body, rows = write_solutions(sample(), fmt, 10)
    parsed = ox.parse_query_results(body, format=getattr(ox.QueryResultsFormat, fmt.upper()))
    got = sorted(tuple(str(t) if t is not None else "" for t in row) for row in parsed)  # type: ignore[union-attr]
    assert rows == 3
    # Blank node labels may be renamed by the parser; compare the rest.
    assert [r for r in got if not r[0].startswith("_:")] == [
        r for r in reference() if not r[0].startswith("_:")
    ]


def test_csv_writer() -> None:
    body, _ = write_solutions(sample(), "csv", 10)
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows[0] == ["s", "o", "missing"]
    assert ["http://e/s", 'a "quoted",\ttabbed\nline', ""] in rows


def test_json_writer_types() -> None:
    data = json.loads(write_solutions(sample(), "json", 10)[0])
    values = {b["o"]["value"]: b["o"] for b in data["results"]["bindings"]}
    assert values["3"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert values["plain"] == {"type": "literal", "value": "plain"}
    assert data["head"]["vars"] == ["s", "o", "missing"]


def test_row_limit() -> None:
    with pytest.raises(TooManyResults):
        write_solutions(sample(), "json", 2)
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("x")))
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("y")))
    with pytest.raises(TooManyResults):
        write_triples(store.query("CONSTRUCT WHERE { ?s ?p ?o }"), "ttl", 1)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_boolean(fmt: str) -> None:
    body = write_boolean(True, fmt)
    assert (
        bool(ox.parse_query_results(body, format=getattr(ox.QueryResultsFormat, fmt.upper())))
        is True
    )

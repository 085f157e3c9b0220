"""Accept-header negotiation and the endpoint's result writers."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from mlopskg.api.negotiation import GRAPH_TYPES, RESULT_TYPES, negotiate
from mlopskg.api.results import ResultTooLarge, write_result


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


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_results_round_trip(fmt: str) -> None:
    body = write_result(sample(), fmt, 10_000)
    parsed = ox.parse_query_results(body, format=getattr(ox.QueryResultsFormat, fmt.upper()))
    values = sorted(str(row["o"]) for row in parsed)  # type: ignore[union-attr]
    assert values == sorted(str(row["o"]) for row in sample())


def test_csv_is_rfc4180() -> None:
    rows = list(csv.reader(io.StringIO(write_result(sample(), "csv", 10_000).decode())))
    assert rows[0] == ["s", "o", "missing"]
    assert ["http://e/s", 'a "quoted",\ttabbed\nline', ""] in rows


def test_json_types() -> None:
    data = json.loads(write_result(sample(), "json", 10_000))
    values = {b["o"]["value"]: b["o"] for b in data["results"]["bindings"]}
    assert values["3"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert values["plain"] == {"type": "literal", "value": "plain"}


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_size_limit_stops_serialisation(fmt: str) -> None:
    with pytest.raises(ResultTooLarge, match="larger than 60 bytes"):
        write_result(sample(), fmt, 60)


def test_graph_size_limit() -> None:
    store = ox.Store()
    for i in range(100):
        store.add(
            ox.Quad(
                ox.NamedNode(f"http://e/s{i}"), ox.NamedNode("http://e/p"), ox.Literal("x" * 50)
            )
        )
    with pytest.raises(ResultTooLarge):
        write_result(store.query("CONSTRUCT WHERE { ?s ?p ?o }"), "ttl", 1000)  # type: ignore[arg-type]
    assert len(write_result(store.query("CONSTRUCT WHERE { ?s ?p ?o }"), "nt", 100_000)) > 5000  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_boolean(fmt: str) -> None:
    body = write_result(ox.Store().query("ASK {}"), fmt, 1000)  # type: ignore[arg-type]
    assert (
        bool(ox.parse_query_results(body, format=getattr(ox.QueryResultsFormat, fmt.upper())))
        is True
    )

"""Parsing query headers and binding parameters safely."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from mlopskg.errors import InputFileError, ParameterError, QuerySyntaxError, UnknownQueryError
from mlopskg.queries.library import (
    QueryParameter,
    bind_parameters,
    find_query,
    parse_query_file,
    parse_term,
    run_query,
)
from mlopskg.stores.embedded import EmbeddedStore
from tests.conftest import ROOT

IRI = QueryParameter("kind", "iri", "mlo:FeatureStore", "the kind")


def test_header_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text(
        "# title: T\n# description: first line\n#   continued\n"
        '# param: kind (iri) = mlo:X -- the kind\n# param: who (string) = "a b" -- a name\n'
        "SELECT ?kind ?who WHERE {}\n"
    )
    query = parse_query_file(path)
    assert (query.name, query.title, query.description) == ("q", "T", "first line continued")
    assert query.parameters[0] == QueryParameter("kind", "iri", "mlo:X", "the kind")
    assert query.parameters[1].default == "a b"


def test_malformed_param_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("# title: T\n# param: kind iri\nSELECT * WHERE {}\n")
    with pytest.raises(InputFileError) as caught:
        parse_query_file(path)
    assert (caught.value.location.path, caught.value.location.line) == (path, 2)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("mlo:FeatureStore", "https://w3id.org/mlopskg/ontology#FeatureStore"),
        ("tool:mlflow", "https://w3id.org/mlopskg/resource/tool/mlflow"),
        ("<https://example.org/a>", "https://example.org/a"),
        ("https://example.org/a", "https://example.org/a"),
        ("urn:x:y", "urn:x:y"),
    ],
)
def test_iri_parameters(raw: str, expected: str) -> None:
    assert parse_term("q", IRI, raw) == ox.NamedNode(expected)


@pytest.mark.parametrize(
    "raw",
    [
        "nope:FeatureStore",
        "FeatureStore",
        "https://example.org/a b",
        "https://example.org/>} ; DROP ALL ; #",
        'https://example.org/"x',
        "",
    ],
)
def test_invalid_iri_parameters_are_refused(raw: str) -> None:
    with pytest.raises(ParameterError) as caught:
        parse_term("q", IRI, raw)
    assert "kind" in str(caught.value)


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        (
            "integer",
            "4",
            ox.Literal("4", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ),
        (
            "boolean",
            "TRUE",
            ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")),
        ),
        (
            "date",
            "2026-11-26",
            ox.Literal(
                "2026-11-26", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
            ),
        ),
        ("string", 'a "quoted" } value', ox.Literal('a "quoted" } value')),
    ],
)
def test_literal_parameters(kind: str, raw: str, expected: ox.Literal) -> None:
    assert parse_term("q", QueryParameter("p", kind), raw) == expected


@pytest.mark.parametrize(
    ("kind", "raw"),
    [("integer", "four"), ("decimal", "1,5"), ("boolean", "yes"), ("date", "26/11/2026")],
)
def test_invalid_literals_are_refused(kind: str, raw: str) -> None:
    with pytest.raises(ParameterError):
        parse_term("q", QueryParameter("p", kind), raw)


def test_unknown_parameter_is_refused() -> None:
    query = find_query("tools-for-component", ROOT / "queries")
    with pytest.raises(ParameterError, match="no such parameter"):
        bind_parameters(query, {"knd": "mlo:X"})


def test_unknown_query_suggests_close_names() -> None:
    with pytest.raises(UnknownQueryError) as caught:
        find_query("tool-for-component", ROOT / "queries")
    assert "tools-for-component" in caught.value.suggestions


def test_string_parameter_is_bound_not_pasted(tmp_path: Path) -> None:
    """A value full of SPARQL syntax is a literal, not query text."""
    path = tmp_path / "q.rq"
    path.write_text(
        "# title: T\n# param: s (string) -- s\nSELECT ?s ?n WHERE { BIND(STRLEN(?s) AS ?n) }\n"
    )
    hostile = '" } } DELETE WHERE { ?a ?b ?c } #'
    rows = list(run_query(EmbeddedStore(), parse_query_file(path), {"s": hostile}))  # type: ignore[arg-type]
    assert rows[0]["s"].value == hostile
    assert int(rows[0]["n"].value) == len(hostile)


def test_syntax_error_names_the_query_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.rq"
    path.write_text("# title: T\nSELECT * WHERE { ?s ?p }\n")
    with pytest.raises(QuerySyntaxError) as caught:
        run_query(EmbeddedStore(), parse_query_file(path))
    assert str(path) in str(caught.value)

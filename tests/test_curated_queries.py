"""Every curated query: its header, a fixture case with the expected result, and rows on
the real graph. Cases live in tests/queries/cases/<query>[--variant]/: data files (*.ttl,
each declaring one finding), expected.tsv (SPARQL 1.1 TSV results, compared as a
multiset) and an optional params file (name=value lines)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from mlopskg.graph.build import build_graph
from mlopskg.queries.library import CuratedQuery, load_queries, run_query
from mlopskg.resources import ProjectFiles
from mlopskg.stores.embedded import EmbeddedStore
from tests.conftest import ROOT, TESTS_DIR

CASES_DIR = TESTS_DIR / "queries" / "cases"
QUERIES = load_queries(ROOT / "queries")
CASES = sorted(p for p in CASES_DIR.iterdir() if p.is_dir())


def solutions_multiset(result: ox.QuerySolutions) -> Counter[tuple[tuple[str, str], ...]]:
    names = [v.value for v in result.variables]
    return Counter(
        tuple((n, str(row[n]) if row[n] is not None else "") for n in names) for row in result
    )


def read_params(case: Path) -> dict[str, str]:
    path = case / "params"
    if not path.exists():
        return {}
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if line.strip())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_query_gives_expected_result_on_fixture(case: Path, project: ProjectFiles) -> None:
    query = QUERIES[case.name.split("--")[0]]
    fixture = build_graph(project, data_files=sorted(case.glob("*.ttl")), check=False).store
    actual = run_query(fixture, query, read_params(case))
    expected = ox.parse_query_results(
        (case / "expected.tsv").read_bytes(), format=ox.QueryResultsFormat.TSV
    )
    assert [v.value for v in actual.variables] == [v.value for v in expected.variables]  # type: ignore[union-attr]
    assert solutions_multiset(actual) == solutions_multiset(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_has_a_fixture_case(name: str) -> None:
    assert any(c.name.split("--")[0] == name for c in CASES), f"add tests/queries/cases/{name}/"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_returns_rows_on_the_real_graph(name: str, graph: EmbeddedStore) -> None:
    result = run_query(graph, QUERIES[name])
    assert len(list(result)) > 0  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_header_and_parameters(name: str) -> None:
    query: CuratedQuery = QUERIES[name]
    assert query.title and query.title != name
    assert len(query.description) > 20
    projection = re.search(r"SELECT\s+(.*?)\s+WHERE", query.text, re.S | re.I)
    assert projection, "a curated query is a SELECT"
    for parameter in query.parameters:
        # Parameters are bound by SEP-0007 substitution, which needs a projected variable.
        assert re.search(rf"\?{parameter.name}\b", projection.group(1)), parameter.name
        assert parameter.description


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_declares_all_its_prefixes(name: str) -> None:
    """Parsing with no predeclared prefixes proves it runs unchanged in any SPARQL store."""
    ox.Store().query(QUERIES[name].text)


def test_at_least_fifteen_curated_queries() -> None:
    assert len(QUERIES) >= 15

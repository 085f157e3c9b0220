"""Binding parameters as VALUES at the start of the WHERE group."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from mlopskg.queries.library import bind_parameters, load_queries
from mlopskg.sparql.binding import bind_with_values
from mlopskg.sparql.text import where_group_start
from mlopskg.stores.embedded import EmbeddedStore
from tests.conftest import ROOT

K = ox.NamedNode("http://e/K")


@pytest.mark.parametrize(
    ("query", "marker"),
    [
        ("SELECT ?k WHERE { ?s ?p ?k }", "WHERE {"),
        ("SELECT ?k { ?s ?p ?k }", "?k {"),
        ("# a comment with { braces }\nSELECT ?k WHERE { ?s ?p ?k }", "WHERE {"),
        ('PREFIX ex: <http://e/#x> SELECT ?k (STR("{") AS ?b) WHERE { ?s ?p ?k }', "WHERE {"),
        ("PREFIX ex: <http://e/#> CONSTRUCT { ?s ?p ?k } WHERE { ?s ?p ?k }", "WHERE {"),
        ("ASK { ?s ?p ?k }", "ASK {"),
        ("SELECT ?k WHERE { { SELECT ?k WHERE { ?s ?p ?k } } }", "WHERE {"),
        ("select ?k where { ?s ?p ?k }", "where {"),
    ],
)
def test_finds_the_where_group(query: str, marker: str) -> None:
    assert where_group_start(query) == query.index(marker) + len(marker)


def test_no_where_group() -> None:
    assert where_group_start("DESCRIBE <http://e/x>") is None
    assert bind_with_values("DESCRIBE <http://e/x>", {"k": K}) is None


def test_bound_query_runs_and_binds() -> None:
    store = ox.Store()
    store.add(
        ox.Quad(
            ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), K, ox.NamedNode("http://e/g")
        )
    )
    store.add(
        ox.Quad(
            ox.NamedNode("http://e/s"),
            ox.NamedNode("http://e/p"),
            ox.NamedNode("http://e/L"),
            ox.NamedNode("http://e/g"),
        )
    )
    bound = bind_with_values("SELECT ?k ?s WHERE { ?s ?p ?k }", {"k": K})
    assert bound is not None
    rows = list(store.query(bound, use_default_graph_as_union=True))  # type: ignore[arg-type]
    assert [r["k"] for r in rows] == [K]


@pytest.mark.parametrize(
    "value", ['a "quoted" } value', "back\\slash", "line\nbreak", "} } DROP ALL"]
)
def test_hostile_literals_stay_literals(value: str) -> None:
    bound = bind_with_values("SELECT ?v WHERE { }", {"v": ox.Literal(value)})
    assert bound is not None
    rows = list(ox.Store().query(bound))  # type: ignore[arg-type]
    assert rows[0]["v"] == ox.Literal(value)


def test_bad_names_and_blank_nodes_are_refused() -> None:
    with pytest.raises(ValueError):
        bind_with_values("SELECT * WHERE { }", {"k } ?x": K})
    with pytest.raises(ValueError):
        bind_with_values("SELECT * WHERE { }", {"k": ox.BlankNode()})


@pytest.mark.parametrize("name", sorted(load_queries(ROOT / "queries")))
def test_values_binding_gives_the_same_rows_as_substitution(
    name: str, graph: EmbeddedStore
) -> None:
    query = load_queries(ROOT / "queries")[name]
    bindings = bind_parameters(query, {})
    with_values = {tuple(str(t) for t in row) for row in graph.query(query.text, bindings)}  # type: ignore[union-attr]
    substitutions = {ox.Variable(k): v for k, v in bindings.items()}
    plain = graph.oxigraph.query(
        query.text, use_default_graph_as_union=True, substitutions=substitutions or None
    )
    assert with_values == {tuple(str(t) for t in row) for row in plain}  # type: ignore[union-attr]


def test_from_keeps_the_querys_own_dataset() -> None:
    store = EmbeddedStore()
    for graph, value in (("http://e/g1", "in g1"), ("http://e/g2", "in g2")):
        store.add_quads(
            [
                ox.Quad(
                    ox.NamedNode("http://e/s"),
                    ox.NamedNode("http://e/p"),
                    ox.Literal(value),
                    ox.NamedNode(graph),
                )
            ]
        )
    everything = [r["o"].value for r in store.query("SELECT ?o WHERE { ?s ?p ?o }")]  # type: ignore[union-attr]
    only_g1 = [r["o"].value for r in store.query("SELECT ?o FROM <http://e/g1> WHERE { ?s ?p ?o }")]  # type: ignore[union-attr]
    assert sorted(everything) == ["in g1", "in g2"] and only_g1 == ["in g1"]

"""The load's plan, without a store: batches keep blank-node groups whole, requests stay
small, graph names follow --graph-prefix."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from mlopskg.errors import StoreError
from mlopskg.load import TEMPLATE_TRIPLES, _insert, _move_in_pages, _packed, batches, target_name

E = "http://example.org/"


def _triple(
    s: ox.NamedNode | ox.BlankNode, o: ox.NamedNode | ox.BlankNode | ox.Literal
) -> ox.Triple:
    return ox.Triple(s, ox.NamedNode(E + "p"), o)


def test_batches_never_split_a_blank_node_group() -> None:
    chain = [ox.BlankNode(f"b{i}") for i in range(30)]
    triples = [_triple(ox.NamedNode(E + "root"), chain[0])]
    triples += [_triple(chain[i], chain[i + 1]) for i in range(29)]
    triples += [_triple(ox.NamedNode(E + f"s{i}"), ox.Literal(str(i))) for i in range(50)]
    found = list(batches(triples, 10))
    assert sum(len(b) for b in found) == len(triples)
    holding = [b for b in found if any(isinstance(t.object, ox.BlankNode) for t in b)]
    assert len(holding) == 1 and len(holding[0]) == 30  # the whole chain, past the batch size
    assert all(len(b) <= 10 for b in found if b is not holding[0])


def test_blank_nodes_go_in_templates_and_plain_triples_in_insert_data() -> None:
    graphs = {
        E + "g1": [
            _triple(ox.NamedNode(E + "a"), ox.BlankNode("x")),
            _triple(ox.BlankNode("x"), ox.Literal("v")),
        ],
        E + "g2": [_triple(ox.NamedNode(E + f"s{i}"), ox.Literal(str(i))) for i in range(250)],
    }
    requests = [_insert(batch) for batch in _packed(graphs, 100)]
    data = [r for r in requests if r.startswith("INSERT DATA")]
    templates = [r for r in requests if r.startswith("INSERT {")]
    assert len(data) == 3 and len(templates) == 1
    assert "_:" not in "".join(data)
    assert templates[0].endswith("WHERE { }") and templates[0].count(" .\n") <= TEMPLATE_TRIPLES


def test_graph_names_under_a_prefix() -> None:
    graph = "https://w3id.org/mlopskg/resource/finding/kumara-2025-layered-view"
    assert target_name(graph, None) == graph
    assert (
        target_name(graph, "https://acme.example/kg/")
        == "https://acme.example/kg/kumara-2025-layered-view"
    )
    assert target_name("https://w3id.org/mlopskg/ontology", "urn:x:") == "urn:x:ontology"


class _StuckStore:
    """A store whose updates change nothing."""

    update_endpoint = "http://store.example/update"

    def __init__(self) -> None:
        self.updates: list[str] = []

    def update(self, sparql: str) -> None:
        self.updates.append(sparql)

    def graph_sizes(self, graphs: list[str]) -> dict[str, int]:
        return {g: 500 for g in graphs}


def test_paging_stops_when_a_page_moves_nothing() -> None:
    store = _StuckStore()
    with pytest.raises(StoreError, match=r"made no progress \(500 triples left\)"):
        _move_in_pages(store, E + "staging", E + "live", 100)  # type: ignore[arg-type]
    assert len(store.updates) == 1
    assert "LIMIT 100" in store.updates[0] and store.updates[0].startswith("DELETE {")

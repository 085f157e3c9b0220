"""The load's plan, without a store: batches keep blank-node groups whole, requests stay
small, graph names follow --graph-prefix."""

from __future__ import annotations

import threading

import pyoxigraph as ox
import pytest

from mlopskg.errors import RequestRejected, StoreError
from mlopskg.stores.graph_store import GraphStore
from mlopskg.stores.load import clear_in_pages, stage_through_graph_store, write_batch
from mlopskg.stores.load_plan import (
    TEMPLATE_TRIPLES,
    batches,
    insert_request,
    packed_requests,
    target_name,
)

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
    requests = [insert_request(batch) for batch in packed_requests(graphs, 100)]
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
        clear_in_pages(store, E + "staging", 100)  # type: ignore[arg-type]
    assert len(store.updates) == 1
    assert "LIMIT 100" in store.updates[0] and store.updates[0].startswith("DELETE {")


class _PickyStore:
    """A store that rejects (400) requests holding more than ``limit`` triples, as Virtuoso
    rejects requests that compile to too much SQL."""

    update_endpoint = "http://store.example/update"

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.accepted: list[str] = []
        self.rejected = 0

    def update(self, sparql: str) -> None:
        if sparql.count(" .\n") > self.limit:
            self.rejected += 1
            raise RequestRejected(f"{self.update_endpoint}: the store rejected the request (400)")
        self.accepted.append(sparql)


def test_a_rejected_batch_is_split_until_the_store_takes_it() -> None:
    graphs = {
        E + f"g{i}": [_triple(ox.NamedNode(E + f"s{i}-{j}"), ox.Literal(str(j))) for j in range(7)]
        for i in range(12)
    }
    graphs[E + "g12"] = [_triple(ox.NamedNode(E + "x"), ox.BlankNode(f"b{j}")) for j in range(6)]
    store = _PickyStore(limit=10)
    for batch in packed_requests(graphs, 100):
        write_batch(store, batch)  # type: ignore[arg-type]
    assert store.rejected > 0
    sent = "".join(store.accepted)
    assert all(f"<{E}s{i}-{j}>" in sent for i in range(12) for j in range(7))
    assert sent.count("_:") == 6 and all(r.count(" .\n") <= 10 for r in store.accepted)


def test_a_request_rejected_whole_is_reported() -> None:
    store = _PickyStore(limit=0)
    with pytest.raises(RequestRejected):
        write_batch(store, [(E + "g", [_triple(ox.NamedNode(E + "a"), ox.Literal("1"))])])  # type: ignore[arg-type]
    assert store.rejected == 1


class _RecordingGraphStore(GraphStore):
    """Records each write (method, graph, triples) instead of sending it; a POST waits until
    another POST is under way too (for ten seconds at most), so POSTs sent one after the
    other fail."""

    def __init__(self) -> None:
        super().__init__("http://127.0.0.1:9/store")
        self.writes: list[tuple[str, str, int]] = []
        self.lock = threading.Lock()
        self.two_posts = threading.Barrier(2, timeout=10)

    def _send(self, method: str, graph: str, body: bytes | None) -> str:
        if method == "POST":
            self.two_posts.wait()
        triples = len(list(ox.parse(body or b"", format=ox.RdfFormat.N_TRIPLES)))
        with self.lock:
            self.writes.append((method, graph, triples))
        return ""


def test_each_graph_is_a_put_then_posts_and_the_posts_go_in_parallel() -> None:
    big = [_triple(ox.NamedNode(E + f"s{i}"), ox.Literal(str(i))) for i in range(25)]
    small = [_triple(ox.NamedNode(E + "t"), ox.Literal("t"))]
    recorder = _RecordingGraphStore()
    sent = stage_through_graph_store(
        recorder, {"urn:big": big, "urn:small": small, "urn:empty": []}, parallel=2, chunk=10
    )
    assert sent == len(recorder.writes) == 4  # nothing for the empty graph
    # Every PUT (which replaces a graph) went before any POST (which adds to it), and the
    # large graph's two POSTs went at the same time.
    assert sorted(recorder.writes[:2]) == [("PUT", "urn:big", 10), ("PUT", "urn:small", 1)]
    assert sorted(recorder.writes[2:]) == [("POST", "urn:big", 5), ("POST", "urn:big", 10)]

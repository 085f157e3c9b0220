"""mlopskg on real triple stores, Virtuoso and Oxigraph server: load (through the Graph
Store Protocol and through SPARQL Update), every curated query, validation and the server
give the same answers as on the embedded store."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.compare import isomorphic

from mlopskg.api import ServerSettings, create_app
from mlopskg.cli import main
from mlopskg.errors import StoreError
from mlopskg.graph.build import BuildResult
from mlopskg.queries.library import load_queries, run_query
from mlopskg.resources import ProjectFiles
from mlopskg.stores.embedded import EmbeddedStore
from mlopskg.stores.graph_store import PROBE_GRAPH, GraphStore, choose_graph_store
from mlopskg.stores.load import LOADED_GRAPH, LoadReport, load
from mlopskg.stores.load_plan import STAGING
from mlopskg.stores.remote import RemoteStore
from mlopskg.validation.inputs import read_files
from mlopskg.validation.render import render_json
from mlopskg.validation.validator import Validator
from support.store_server import StoreServer
from tests.conftest import ROOT

EXTRA = "https://w3id.org/mlopskg/resource/finding/test-extra"
TEST = "urn:mlopskg:test:"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def _term(term: object) -> str:
    """A term by value: stores may write the same value differently (1.50 and 1.5; "1" and
    "true" for xsd:boolean, as Virtuoso does)."""
    if isinstance(term, ox.Literal) and term.datatype.value.endswith(("#decimal", "#double")):
        return f"{float(term.value):.6g}"
    if isinstance(term, ox.Literal) and term.datatype.value.endswith("#boolean"):
        return str(term.value in ("true", "1"))
    return "" if term is None else str(term)


def _rows(store: object, query: object) -> Counter[tuple[str, ...]]:
    result = run_query(store, query, {})  # type: ignore[arg-type]
    if isinstance(result, ox.QueryBoolean):
        return Counter([(str(bool(result)),)])
    names = [v.value for v in result.variables]  # type: ignore[union-attr]
    return Counter(tuple(_term(row[n]) for n in names) for row in result)  # type: ignore[union-attr]


def _different_queries(remote: object, graph: EmbeddedStore) -> list[str]:
    return [
        name
        for name, query in sorted(load_queries(ROOT / "queries").items())
        if _rows(remote, query) != _rows(graph, query)
    ]


def _sizes(built: BuildResult) -> dict[str, int]:
    return {g: sum(1 for _ in built.store.quads(g)) for g in built.store.named_graphs()}


def test_the_built_graph_is_loaded_through_the_graph_store(
    loaded: StoreServer, built: BuildResult, loads: dict[str, LoadReport]
) -> None:
    report = loads[loaded.name]
    assert report.protocol == "gsp"
    assert report.graphs == _sizes(built)
    sizes = loaded.store().graph_sizes()
    assert {g: sizes.get(g) for g in _sizes(built)} == _sizes(built)
    assert not [g for g in sizes if g.startswith(STAGING)]
    assert LOADED_GRAPH in sizes and PROBE_GRAPH not in sizes


def test_every_curated_query_gives_the_same_answers(
    loaded: StoreServer, graph: EmbeddedStore
) -> None:
    assert _different_queries(loaded.store(), graph) == []


def test_validation_gives_the_same_reports(
    loaded: StoreServer, project: ProjectFiles, graph: EmbeddedStore
) -> None:
    here = Validator.for_project(project, graph)
    there = Validator.for_project(project, loaded.store())
    examples = sorted(project.examples_dir.glob("*.ttl"))
    assert examples
    for example in examples:
        description = read_files([str(example)])
        assert render_json(there.validate(description)) == render_json(
            here.validate(description)
        ), example.name


def test_loading_again_replaces_and_drops_what_is_gone(
    loaded: StoreServer, built: BuildResult, graph: EmbeddedStore
) -> None:
    remote = loaded.store()
    bigger = EmbeddedStore()
    bigger.add_quads(built.store.quads())
    bigger.add_quads(
        [
            ox.Quad(ox.NamedNode(EXTRA), RDFS_LABEL, ox.Literal("test extra"), ox.NamedNode(EXTRA)),
            ox.Quad(ox.BlankNode(), RDFS_LABEL, ox.Literal("blank"), ox.NamedNode(EXTRA)),
        ]
    )
    first = choose_graph_store(remote, "auto")
    assert first.name == "gsp"
    assert load(bigger, remote, graph_store=first.graph_store).graphs[EXTRA] == 2
    assert remote.graph_sizes([EXTRA]) == {EXTRA: 2}
    # Back through SPARQL Update, two requests at a time: the fallback protocol, on the
    # real graph, gives the same answers too.
    report = load(
        built.store,
        remote,
        parallel=2,
        graph_store=choose_graph_store(remote, "update").graph_store,
    )
    assert report.protocol == "update" and report.dropped == [EXTRA]
    sizes = remote.graph_sizes()
    assert EXTRA not in sizes
    assert {g: sizes.get(g) for g in _sizes(built)} == _sizes(built)
    assert not [g for g in sizes if g.startswith(STAGING)]
    assert _different_queries(remote, graph) == []


def _paging_graphs() -> EmbeddedStore:
    """Three graphs, two above a page of 100 triples; one of them with 40 blank-node groups."""
    p = ox.NamedNode(f"{TEST}p")
    plain, blank, tiny = (ox.NamedNode(f"{TEST}{name}") for name in ("plain", "blank", "tiny"))
    quads = [ox.Quad(ox.NamedNode(f"{TEST}s{i}"), p, ox.Literal(str(i)), plain) for i in range(260)]
    for i in range(40):
        node = ox.BlankNode()
        quads.append(ox.Quad(ox.NamedNode(f"{TEST}r{i}"), p, node, blank))
        quads += [ox.Quad(node, p, ox.Literal(f"{i}-{j}"), blank) for j in range(5)]
    quads += [ox.Quad(ox.NamedNode(f"{TEST}t{i}"), p, ox.Literal("t"), tiny) for i in range(3)]
    store = EmbeddedStore()
    store.add_quads(quads)
    return store


def _drop_what_was_loaded(remote: RemoteStore) -> None:
    """Start from a store without mlopskg's graphs, dropped whole: with pages of 100 triples,
    the load would otherwise clear the built graph (about 50,000 triples) page by page, which
    takes Virtuoso many minutes and tests nothing the small graphs do not."""
    for graph in remote.graph_sizes():
        if graph.startswith(("https://w3id.org/mlopskg/", "urn:mlopskg:", TEST)):
            remote.update(f"DROP SILENT GRAPH <{graph}>")


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_large_graphs_are_staged_moved_and_cleared_in_pages(
    scratch: StoreServer, protocol: str
) -> None:
    store = _paging_graphs()
    sizes = {g: sum(1 for _ in store.quads(g)) for g in store.named_graphs()}
    assert sizes == {f"{TEST}blank": 240, f"{TEST}plain": 260, f"{TEST}tiny": 3}
    remote = scratch.store()
    # As `mlopskg load` finds it: the probe lets Oxigraph server's bulk loader take the
    # POSTs of large graphs' further pieces (no_transaction), checked here on blank nodes too.
    graph_store = choose_graph_store(remote, protocol).graph_store
    if graph_store is not None:
        bulk = "no_transaction" if scratch.name == "oxigraph" else None
        assert graph_store.post_parameter == bulk
    _drop_what_was_loaded(remote)
    # What an interrupted load leaves: a staging graph larger than a page.
    leftover = " ".join(f"<urn:x:s{i}> <urn:x:p> {i} ." for i in range(110))
    remote.update(f"INSERT DATA {{ GRAPH <{STAGING}{TEST}plain> {{ {leftover} }} }}")
    first = load(store, remote, page=100, chunk=100, graph_store=graph_store)
    # The store had none of them: each is written under its own name, no staging graph.
    assert first.new == sorted(sizes)
    if protocol == "gsp":  # each large graph went as a PUT and POSTs of 100 triples
        assert first.batches == 7
    assert _same_blank_graph(remote, store)
    # Again: now each is staged (the large ones in parts), moved, and the large live graphs
    # cleared in pages.
    again = load(store, remote, page=100, chunk=100, graph_store=graph_store)
    assert again.new == []
    found = remote.graph_sizes()
    assert {g: found.get(g) for g in sizes} == sizes
    assert not [g for g in found if g.startswith(STAGING)]
    assert _same_blank_graph(remote, store)


def _same_blank_graph(remote: RemoteStore, store: EmbeddedStore) -> bool:
    """Whether the store's graph with blank nodes is the one of :func:`_paging_graphs`."""
    there = remote.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{TEST}blank> {{ ?s ?p ?o }} }}")
    here = [quad.triple for quad in store.quads(f"{TEST}blank")]
    return isomorphic(_rdflib(there), _rdflib(here))  # type: ignore[arg-type]


class _FailingGraphStore(GraphStore):
    """A Graph Store whose third write fails, as a store that refuses a request would."""

    def __init__(self, inner: GraphStore) -> None:
        super().__init__(inner.url, inner.credentials)
        self.writes = 0

    def _send(self, method: str, graph: str, body: bytes | None) -> str:
        if body is not None:
            self.writes += 1
            if self.writes == 3:
                raise StoreError(f"{self.url}: the store refused the graph (400)")
        return super()._send(method, graph, body)


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_a_failed_load_takes_its_new_graphs_out_again(scratch: StoreServer, protocol: str) -> None:
    store = _paging_graphs()
    remote = scratch.store()
    _drop_what_was_loaded(remote)
    requests = 0

    def fail_on_the_third(_: int) -> None:
        nonlocal requests
        requests += 1
        if requests == 3:
            raise StoreError("stopped by the test")

    if protocol == "gsp":
        failing = _FailingGraphStore(scratch.graph_store())
        with pytest.raises(StoreError, match="refused the graph"):
            load(store, remote, page=100, chunk=100, graph_store=failing)
        assert failing.writes == 3
    else:
        with pytest.raises(StoreError, match="stopped by the test"):
            load(store, remote, batch_size=50, progress=fail_on_the_third)
        assert requests == 3
    # Some of the new graphs had been written; none is left, whole or in part.
    assert [g for g in remote.graph_sizes() if g.startswith(TEST)] == []


def _rdflib(triples: list[ox.Triple]) -> rdflib.Graph:
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return rdflib.Graph().parse(data=text.decode("utf-8"), format="nt")


def test_load_and_query_from_the_command_line(
    loaded: StoreServer, built: BuildResult, built_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--store", str(built_path), "load", *loaded.cli_args()]) == 0
    out = capsys.readouterr().out
    assert "sizes checked" in out and f"Graph Store Protocol at {loaded.graph_store_url}" in out
    # The store held the built graph already: every graph went through a staging graph.
    assert f"(0 new, {len(_sizes(built))} replaced through staging graphs;" in out
    assert loaded.store().graph_sizes(_sizes(built)) == _sizes(built)
    assert choose_graph_store(loaded.store(), "update").reason == "SPARQL Update, as asked"
    assert (
        main(["query", "tools-for-component", "--endpoint", loaded.endpoint, "--format", "json"])
        == 0
    )
    rows = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert {"https://w3id.org/mlopskg/resource/tool/feast"} <= {r["tool"]["value"] for r in rows}
    example = str(ROOT / "examples" / "notebook-and-web-service.ttl")
    assert main(["validate", example, "--endpoint", loaded.endpoint, "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["conforms"] is False


def test_auto_falls_back_to_update_where_no_graph_store_answers(
    loaded: StoreServer, built: BuildResult, built_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nowhere = loaded.graph_store_url.rsplit("/", 1)[0] + "/no-graph-store-here"
    args = ["--store", str(built_path), "load", *loaded.cli_args(), "--graph-store", nowhere]
    assert main(args) == 0
    out = capsys.readouterr().out
    # Oxigraph server answers 404 to a path it does not serve, Virtuoso 501.
    said = re.search(rf"SPARQL Update: {re.escape(nowhere)} answered (404|501) to a PUT", out)
    assert said and "sizes checked" in out
    assert loaded.store().graph_sizes(_sizes(built)) == _sizes(built)
    assert main([*args, "--protocol", "gsp"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and nowhere in err and said.group(1) in err
    assert loaded.store().graph_sizes(_sizes(built)) == _sizes(built)


def test_the_server_answers_from_the_remote_store(
    loaded: StoreServer, project: ProjectFiles
) -> None:
    settings = ServerSettings(workers=1, query_timeout=20).with_remote(loaded.config())
    with TestClient(create_app(settings, project=project)) as client:
        response = client.get(
            "/sparql",
            params={
                "query": "SELECT ?t WHERE { ?t <https://w3id.org/mlopskg/ontology#realizes> <https://w3id.org/mlopskg/ontology#FeatureStore> }"
            },
            headers={"accept": "application/sparql-results+json"},
        )
        assert response.status_code == 200
        tools = {b["t"]["value"] for b in response.json()["results"]["bindings"]}
        assert "https://w3id.org/mlopskg/resource/tool/feast" in tools
        curated = client.get(
            "/queries/responsible-roles", params={"kind": "mlo:ModelRegistry", "format": "json"}
        )
        assert curated.status_code == 200 and "Platform Team" in curated.text
        body = (project.examples_dir / "open-source-kubernetes.ttl").read_bytes()
        report = client.post("/validate", content=body, headers={"content-type": "text/turtle"})
        assert report.status_code == 200 and report.json()["conforms"] is True
        # The server's own policy still holds: no updates, no SERVICE.
        update = client.post("/sparql", data={"update": "DROP ALL"})
        assert update.status_code == 403
        service = client.get(
            "/sparql",
            params={"query": "SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }"},
        )
        assert service.status_code == 403

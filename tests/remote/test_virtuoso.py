"""mlopskg on a real Virtuoso: load, every curated query, validation and the server give
the same answers as on the embedded store."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.compare import isomorphic

from mlopskg.api import ServerSettings, create_app
from mlopskg.cli import main
from mlopskg.graph.build import BuildResult, build_graph
from mlopskg.queries.library import load_queries, run_query
from mlopskg.resources import ProjectFiles
from mlopskg.stores.embedded import EmbeddedStore
from mlopskg.stores.load import LOADED_GRAPH, load
from mlopskg.stores.load_plan import STAGING
from mlopskg.validation.inputs import read_files
from mlopskg.validation.render import render_json
from mlopskg.validation.validator import Validator
from support.virtuoso import Virtuoso
from tests.conftest import ROOT
from tests.remote.conftest import needs_virtuoso

pytestmark = needs_virtuoso


@pytest.fixture(scope="module")
def loaded(virtuoso: Virtuoso, built: BuildResult) -> Virtuoso:
    load(built.store, virtuoso.store())
    return virtuoso


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


def test_load_puts_every_graph_with_its_size(loaded: Virtuoso, built: BuildResult) -> None:
    remote = loaded.store()
    sizes = remote.graph_sizes()
    for graph in built.store.named_graphs():
        assert sizes[graph] == sum(1 for _ in built.store.quads(graph)), graph
    assert not [g for g in sizes if g.startswith(STAGING)]
    assert LOADED_GRAPH in sizes


def test_every_curated_query_gives_the_same_answers(loaded: Virtuoso, graph: EmbeddedStore) -> None:
    remote = loaded.store()
    different = []
    for name, query in sorted(load_queries(ROOT / "queries").items()):
        if _rows(remote, query) != _rows(graph, query):
            different.append(name)
    assert different == []


def test_validation_gives_the_same_reports(
    loaded: Virtuoso, project: ProjectFiles, graph: EmbeddedStore
) -> None:
    here = Validator.for_project(project, graph)
    there = Validator.for_project(project, loaded.store())
    for example in sorted(project.examples_dir.glob("*.ttl")):
        description = read_files([str(example)])
        assert render_json(there.validate(description)) == render_json(
            here.validate(description)
        ), example.name


def test_loading_again_replaces_and_drops_what_is_gone(
    virtuoso: Virtuoso, built: BuildResult, project: ProjectFiles, tmp_path: Path
) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        "@prefix mlo: <https://w3id.org/mlopskg/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix src: <https://w3id.org/mlopskg/resource/source/> .\n"
        "# Source: a test finding, loaded and then removed.\n"
        "<https://w3id.org/mlopskg/resource/finding/test-extra> a mlo:Finding ;\n"
        '    rdfs:label "test extra"@en ; mlo:fromSource src:kumara-2025 ;\n'
        '    mlo:evidenceStatus mlo:derived ; mlo:locator "test" .\n'
    )
    remote = virtuoso.store()
    bigger = build_graph(project, extra_files=[extra]).store
    load(bigger, remote)
    assert "https://w3id.org/mlopskg/resource/finding/test-extra" in remote.graph_sizes()
    report = load(built.store, remote, parallel=2)  # two requests at a time
    sizes = remote.graph_sizes()
    assert "https://w3id.org/mlopskg/resource/finding/test-extra" not in sizes
    assert report.dropped == ["https://w3id.org/mlopskg/resource/finding/test-extra"]
    assert sum(sizes[g] for g in built.store.named_graphs()) == len(built.store)


def test_large_graphs_are_moved_and_cleared_in_pages(
    virtuoso: Virtuoso, built: BuildResult, graph: EmbeddedStore
) -> None:
    sizes = {g: sum(1 for _ in built.store.quads(g)) for g in built.store.named_graphs()}
    with_blank_nodes = [
        g for g in sizes if any(isinstance(q.subject, ox.BlankNode) for q in built.store.quads(g))
    ]
    largest = max(with_blank_nodes, key=lambda g: sizes[g])
    # the three largest graphs, and the largest with blank nodes, exceed a page
    page = min(sorted(sizes.values())[-3], sizes[largest]) - 1
    remote = virtuoso.store()
    # What an interrupted load leaves: a staging graph larger than a page.
    leftover = " ".join(f"<urn:x:s{i}> <urn:x:p> {i} ." for i in range(page + 10))
    remote.update(f"INSERT DATA {{ GRAPH <{STAGING}{largest}> {{ {leftover} }} }}")
    load(built.store, remote, page=page)
    load(built.store, remote, page=page)  # the large live graphs are now cleared in pages
    found = remote.graph_sizes()
    assert {g: found.get(g) for g in sizes} == sizes
    assert not [g for g in found if g.startswith(STAGING)]
    there = remote.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{largest}> {{ ?s ?p ?o }} }}")
    here = [quad.triple for quad in built.store.quads(largest)]
    assert any(isinstance(t.subject, ox.BlankNode) for t in here)  # blank nodes survive paging
    assert isomorphic(_rdflib(there), _rdflib(here))  # type: ignore[arg-type]
    different = [
        name
        for name, query in sorted(load_queries(ROOT / "queries").items())
        if _rows(remote, query) != _rows(graph, query)
    ]
    assert different == []


def _rdflib(triples: list[ox.Triple]) -> rdflib.Graph:
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return rdflib.Graph().parse(data=text.decode("utf-8"), format="nt")


def test_load_and_query_from_the_command_line(
    loaded: Virtuoso, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["load", *loaded.cli_args()]) == 0
    assert "sizes checked" in capsys.readouterr().out
    assert (
        main(["query", "tools-for-component", "--endpoint", loaded.endpoint, "--format", "json"])
        == 0
    )
    rows = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert {"https://w3id.org/mlopskg/resource/tool/feast"} <= {r["tool"]["value"] for r in rows}
    example = str(ROOT / "examples" / "notebook-and-web-service.ttl")
    assert main(["validate", example, "--endpoint", loaded.endpoint, "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["conforms"] is False


def test_the_server_answers_from_the_remote_store(loaded: Virtuoso, project: ProjectFiles) -> None:
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

"""The W3C SPARQL 1.1 Protocol test suite (../shared/w3c/sparql11-protocol), replayed
against the app. Each test's requests run in order; the expected status class, result
format and boolean are checked. Query tests run on a read-only server, update tests on a
server started with updates enabled and a token (which the runner sends).

Not run, with the reason (NOT_APPLICABLE); a test checks this list against the manifest.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import rdflib.collection
from fastapi.testclient import TestClient

from mlopskg.api import ServerSettings, create_app
from mlopskg.stores.embedded import EmbeddedStore
from tests.conftest import SHARED

SUITE = SHARED / "w3c" / "sparql11-protocol"
MANIFEST = SUITE / "manifest.ttl"
TOKEN = "protocol-test-token"

NOT_APPLICABLE = {
    "update_dataset_default_graph": "using-graph-uri / using-named-graph-uri are not supported (pyoxigraph's update has no dataset argument); the endpoint answers 400",
    "update_dataset_default_graphs": "using-graph-uri / using-named-graph-uri are not supported; the endpoint answers 400",
    "update_dataset_named_graphs": "using-graph-uri / using-named-graph-uri are not supported; the endpoint answers 400",
    "update_dataset_full": "using-graph-uri / using-named-graph-uri are not supported; the endpoint answers 400",
}

pytestmark = pytest.mark.skipif(
    not MANIFEST.exists(), reason=f"W3C protocol suite not found at {MANIFEST}"
)

MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")


@dataclass
class HttpRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[int]
    expected_format: str | None
    expected_boolean: bool | None


@dataclass
class ProtocolTest:
    name: str
    requests: list[HttpRequest] = field(default_factory=list)

    @property
    def is_update(self) -> bool:
        return "update" in self.name


def load_manifest() -> list[ProtocolTest]:
    if not MANIFEST.exists():
        return []
    graph = rdflib.Graph().parse(MANIFEST, format="turtle")
    entries = rdflib.collection.Collection(graph, next(graph.objects(None, MF.entries)))
    tests = []
    for entry in entries:
        test = ProtocolTest(str(entry).rsplit("#", 1)[-1])
        action = graph.value(entry, MF.action)
        for request in rdflib.collection.Collection(graph, graph.value(action, HT.requests)):
            headers = {}
            header_list = graph.value(request, HT.headers)
            if header_list is not None:
                for header in rdflib.collection.Collection(graph, header_list):
                    headers[str(graph.value(header, HT.fieldName))] = str(
                        graph.value(header, HT.fieldValue)
                    )
            body_node = graph.value(request, HT.body)
            body = None
            if body_node is not None:
                encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
                body = str(graph.value(body_node, CNT.chars)).encode(encoding)
            response = graph.value(request, HT.resp)
            statuses = {
                int(str(s).rsplit("StatusCode", 1)[-1][0])
                for s in graph.objects(response, MF.expectedStatus)
            }
            boolean = graph.value(response, MF.expectedBoolean)
            fmt = graph.value(response, MF.expectedFormat)
            test.requests.append(
                HttpRequest(
                    method=str(graph.value(request, HT.methodName)),
                    path=str(graph.value(request, HT.absolutePath)).replace(
                        "/sparql/", "/sparql", 1
                    ),
                    headers=headers,
                    body=body,
                    statuses=statuses,
                    expected_format=str(fmt) if fmt is not None else None,
                    expected_boolean=bool(boolean.toPython()) if boolean is not None else None,
                )
            )
        tests.append(test)
    return tests


TESTS = load_manifest()
RUN = [t for t in TESTS if t.name not in NOT_APPLICABLE]


def protocol_store(path: Path | None = None) -> EmbeddedStore:
    """data1-3.nt, each in the named graph the manifest's graph labels give."""
    store = EmbeddedStore(path)
    for name in ("data1", "data2", "data3"):
        graph = ox.NamedNode(f"http://kasei.us/2009/09/sparql/data/{name}.rdf")
        store.oxigraph.load(
            path=str(SUITE / f"{name}.nt"), format=ox.RdfFormat.N_TRIPLES, to_graph=graph
        )
    return store


@pytest.fixture(scope="module")
def query_client() -> Iterator[TestClient]:
    with TestClient(create_app(ServerSettings(workers=2), store=protocol_store())) as client:
        yield client


@pytest.fixture(scope="module")
def update_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("protocol") / "store"
    store = protocol_store(path)
    store.oxigraph.flush()
    del store
    settings = ServerSettings(store=path, allow_updates=True, update_token=TOKEN)
    with TestClient(create_app(settings)) as client:
        yield client
    shutil.rmtree(path, ignore_errors=True)


def check_response(request: HttpRequest, response: object) -> None:
    status = response.status_code  # type: ignore[attr-defined]
    body = response.content  # type: ignore[attr-defined]
    assert status // 100 in request.statuses, (
        f"{request.method} {request.path}: status {status}: {body[:300]!r}"
    )
    media = response.headers.get("content-type", "").split(";")[0]  # type: ignore[attr-defined]
    if request.expected_format == "boolean" or request.expected_boolean is not None:
        if "json" in media:
            value = json.loads(body)["boolean"]
        else:
            value = (
                ET.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean").text
                == "true"
            )  # type: ignore[union-attr]
        if request.expected_boolean is not None:
            assert value is request.expected_boolean
    elif request.expected_format == "tabular":
        assert media in {
            "application/sparql-results+json",
            "application/sparql-results+xml",
            "text/csv",
            "text/tab-separated-values",
        }
    elif request.expected_format == "RDF":
        formats = {
            "text/turtle": ox.RdfFormat.TURTLE,
            "application/n-triples": ox.RdfFormat.N_TRIPLES,
            "application/rdf+xml": ox.RdfFormat.RDF_XML,
        }
        assert media in formats
        list(ox.parse(body, format=formats[media]))


@pytest.mark.parametrize("test", RUN, ids=[t.name for t in RUN])
def test_protocol(test: ProtocolTest, query_client: TestClient, update_client: TestClient) -> None:
    client = update_client if test.is_update else query_client
    for request in test.requests:
        headers = dict(request.headers)
        if test.is_update:
            headers["Authorization"] = f"Bearer {TOKEN}"
        response = client.request(
            request.method, request.path, content=request.body, headers=headers
        )
        check_response(request, response)


def test_not_applicable_list_names_real_tests() -> None:
    names = {t.name for t in TESTS}
    assert len(TESTS) == 34
    assert set(NOT_APPLICABLE) <= names


def test_dataset_update_parameters_are_refused_clearly(update_client: TestClient) -> None:
    response = update_client.post(
        "/sparql?using-graph-uri=http%3A%2F%2Fexample.org%2Fg",
        content=b"INSERT { <http://e/s> <http://e/p> 1 } WHERE {}",
        headers={"content-type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 400 and "using-graph-uri" in response.text


@pytest.mark.parametrize(
    "update",
    [
        "LOAD <http://127.0.0.1:9/data.ttl>",
        "load silent <http://127.0.0.1:9/data.ttl> into graph <http://example.org/g>",
        "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    ],
)
def test_load_and_service_are_refused_even_with_updates_enabled(
    update_client: TestClient, update: str
) -> None:
    response = update_client.post(
        "/sparql",
        content=update.encode(),
        headers={"content-type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 403
    assert "fetches nothing" in response.text


def test_update_without_the_token_is_refused(update_client: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong-token"}):
        response = update_client.post(
            "/sparql",
            content=b"INSERT DATA { <http://e/s> <http://e/p> 1 }",
            headers={"content-type": "application/sparql-update", **headers},
        )
        assert response.status_code == 403 and "token" in response.text

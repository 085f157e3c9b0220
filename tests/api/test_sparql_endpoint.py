"""The /sparql endpoint: formats, errors, and the safety promises (read-only, no outbound
fetches, time limits that really stop work, bounded requests and results)."""

from __future__ import annotations

import concurrent.futures
import csv
import io
import json
import time
import xml.etree.ElementTree as ET

import httpx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import LiveServer

SELECT = "PREFIX mlo: <https://w3id.org/mlopskg/ontology#> SELECT ?tool WHERE { ?tool mlo:realizes mlo:FeatureStore } ORDER BY ?tool"
CONSTRUCT = "PREFIX mlo: <https://w3id.org/mlopskg/ontology#> CONSTRUCT { ?tool mlo:realizes mlo:FeatureStore } WHERE { ?tool mlo:realizes mlo:FeatureStore }"
EXPLOSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.4, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("text/*", "text/csv"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/xml"),
    ],
)
def test_select_content_negotiation(client: TestClient, accept: str | None, media: str) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": SELECT}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_select_formats_parse_to_the_same_rows(client: TestClient, fmt: str) -> None:
    media = {
        "json": "application/sparql-results+json",
        "xml": "application/sparql-results+xml",
        "tsv": "text/tab-separated-values",
    }[fmt]
    response = client.get("/sparql", params={"query": SELECT}, headers={"Accept": media})
    parsed = ox.parse_query_results(
        response.content, format=getattr(ox.QueryResultsFormat, fmt.upper())
    )
    tools = [row["tool"].value for row in parsed]  # type: ignore[union-attr]
    assert "https://w3id.org/mlopskg/resource/tool/feast" in tools
    assert len(tools) == len(set(tools)) >= 5


def test_csv_is_rfc4180(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "text/csv"})
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["tool"] and "\r\n" in response.text


@pytest.mark.parametrize(
    ("accept", "media", "rdf_format"),
    [
        (None, "text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/rdf+xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
    ],
)
def test_graph_results(
    client: TestClient, accept: str | None, media: str, rdf_format: ox.RdfFormat
) -> None:
    response = client.post(
        "/sparql",
        content=CONSTRUCT,
        headers={
            "Content-Type": "application/sparql-query",
            **({"Accept": accept} if accept else {}),
        },
    )
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    assert len(list(ox.parse(response.content, format=rdf_format))) >= 4


def test_ask_in_xml(client: TestClient) -> None:
    response = client.get(
        "/sparql",
        params={"query": "ASK { ?s a <https://w3id.org/mlopskg/ontology#Tool> }"},
        headers={"Accept": "application/sparql-results+xml"},
    )
    assert (
        ET.fromstring(response.content).find("{http://www.w3.org/2005/sparql-results#}boolean").text
        == "true"
    )  # type: ignore[union-attr]


def test_unavailable_type_is_406(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "image/png"})
    assert response.status_code == 406 and "available" in response.text
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "text/csv"})
    assert response.status_code == 406


def test_malformed_query_is_400_with_position(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400
    assert "malformed query" in response.text and "1:" in response.text


def test_get_without_query_is_the_service_description(client: TestClient) -> None:
    response = client.get("/sparql")
    assert response.status_code == 200 and response.headers["content-type"].startswith(
        "text/turtle"
    )
    triples = list(ox.parse(response.content, format=ox.RdfFormat.TURTLE))
    assert any(
        t.predicate.value == "http://www.w3.org/ns/sparql-service-description#endpoint"
        for t in triples
    )


def test_cors_preflight_and_header(client: TestClient) -> None:
    response = client.options(
        "/sparql",
        headers={"Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST"},
    )
    assert response.status_code == 200 and response.headers["access-control-allow-origin"] in (
        "*",
        "https://yasgui.example",
    )
    response = client.get(
        "/sparql", params={"query": SELECT}, headers={"Origin": "https://yasgui.example"}
    )
    assert response.headers["access-control-allow-origin"] in ("*", "https://yasgui.example")


@pytest.mark.parametrize(
    ("send", "status", "message"),
    [
        (
            {"data": {"update": "INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }"}},
            403,
            "read-only",
        ),
        (
            {"content": b"DROP ALL", "headers": {"Content-Type": "application/sparql-update"}},
            403,
            "read-only",
        ),
        ({"data": {"query": "DELETE WHERE { ?s ?p ?o }"}}, 403, "update"),
        (
            {
                "data": {
                    "query": "SELECT * WHERE { SERVICE <http://attacker.example/sparql> { ?s ?p ?o } }"
                }
            },
            403,
            "SERVICE",
        ),
        (
            {
                "data": {
                    "query": "select * where { service silent <http://127.0.0.1:1/> { ?s ?p ?o } }"
                }
            },
            403,
            "SERVICE",
        ),
    ],
)
def test_refusals(client: TestClient, send: dict[str, object], status: int, message: str) -> None:
    response = client.post("/sparql", **send)  # type: ignore[arg-type]
    assert response.status_code == status and message in response.text


def test_service_as_a_word_in_a_string_or_name_is_fine(client: TestClient) -> None:
    query = (
        'PREFIX ex: <http://e/> SELECT ?service WHERE { BIND("SERVICE <http://x/>" AS ?service) }'
    )
    assert client.get("/sparql", params={"query": query}).status_code == 200


def test_from_does_not_fetch(client: TestClient) -> None:
    """FROM names a graph in the store; an unknown one is just empty, nothing is fetched."""
    response = client.get(
        "/sparql", params={"query": "SELECT * FROM <http://127.0.0.1:9/never> WHERE { ?s ?p ?o }"}
    )
    assert response.status_code == 200 and json.loads(response.content)["results"]["bindings"] == []


def test_result_size_limit(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 413 and "LIMIT" in response.text


def test_request_body_limit(live: LiveServer) -> None:
    body = "query=" + "x" * 60_000
    response = httpx.post(
        f"{live.url}/sparql",
        content=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413


def test_explosive_query_is_stopped_while_others_are_answered(live: LiveServer) -> None:
    """A query past the time limit gets 503 and its worker is replaced; meanwhile other
    clients keep getting answers from the other worker."""

    def explosive() -> tuple[int, float]:
        started = time.monotonic()
        response = httpx.get(f"{live.url}/sparql", params={"query": EXPLOSIVE}, timeout=30)
        return response.status_code, time.monotonic() - started

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as executor:
        slow = executor.submit(explosive)
        time.sleep(0.3)
        answered = []
        while not slow.done():
            started = time.monotonic()
            quick = httpx.get(f"{live.url}/sparql", params={"query": SELECT}, timeout=30)
            answered.append((quick.status_code, time.monotonic() - started))
        status, elapsed = slow.result()
    assert status == 503 and 1.9 < elapsed < 6
    assert answered and all(code == 200 for code, _ in answered)
    assert max(seconds for _, seconds in answered) < 1.5
    health = httpx.get(f"{live.url}/health").json()
    assert health["restarts"] >= 1
    after = httpx.get(f"{live.url}/sparql", params={"query": SELECT})
    assert after.status_code == 200


def test_sparqlwrapper_client(live: LiveServer) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    sparql = SPARQLWrapper(f"{live.url}/sparql")
    sparql.setQuery(SELECT)
    sparql.setReturnFormat(JSON)
    bindings = sparql.query().convert()["results"]["bindings"]  # type: ignore[index]
    assert any(b["tool"]["value"].endswith("/feast") for b in bindings)


def test_sparqlwrapper_post_and_construct(live: LiveServer) -> None:
    from SPARQLWrapper import POST, TURTLE, SPARQLWrapper

    sparql = SPARQLWrapper(f"{live.url}/sparql")
    sparql.setMethod(POST)
    sparql.setQuery(CONSTRUCT)
    sparql.setReturnFormat(TURTLE)
    data = sparql.query().convert()
    assert len(list(ox.parse(data, format=ox.RdfFormat.TURTLE))) >= 4  # type: ignore[arg-type]

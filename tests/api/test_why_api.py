"""GET /why: the same explanation as `mlopskg why`, through the server's query workers, and
the resource pages' links to it."""

from __future__ import annotations

import re
from html import unescape

import pyoxigraph as ox
from fastapi.testclient import TestClient

from mlopskg.graph.why import explain, store_select
from mlopskg.graph.why_report import answer_json
from mlopskg.stores.embedded import EmbeddedStore

MLFLOW = "https://w3id.org/mlopskg/resource/tool/mlflow"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def test_json_answer_matches_the_library(client: TestClient, graph: EmbeddedStore) -> None:
    answer = client.get(
        "/why", params={"s": "tool:mlflow", "p": "a"}, headers={"Accept": "application/json"}
    )
    assert answer.status_code == 200
    expected = answer_json(
        explain(store_select(graph), ox.NamedNode(MLFLOW), ox.NamedNode(RDF_TYPE))
    )
    assert answer.json() == expected
    inferred = [
        e
        for s in expected["statements"]
        for e in s["evidence"]
        if e["finding"].endswith("/finding/inferred")
    ]
    assert inferred and all(e["inferences"] and e["inferences"][0]["premises"] for e in inferred)


def test_browsers_get_a_page(client: TestClient) -> None:
    page = client.get(
        "/why",
        params={"s": f"<{MLFLOW}>", "p": "a", "o": "mlo:Tool"},
        headers={"Accept": "text/html"},
    )
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "asserted in" in page.text and "source:" in page.text


def test_errors_name_the_term_and_answer_with_a_status(client: TestClient) -> None:
    bad = client.get("/why", params={"s": "nope:thing"}, headers={"Accept": "application/json"})
    assert bad.status_code == 400 and "'nope:thing'" in bad.json()["message"]
    missing = client.get("/why", params={"s": "tool:mlflow", "p": "a", "o": "mlo:NoSuchClass"})
    assert missing.status_code == 404 and "holds no statement" in missing.json()["message"]
    assert client.get("/why").status_code == 422
    assert (
        client.get("/why", params={"s": "tool:mlflow"}, headers={"Accept": "image/png"}).status_code
        == 406
    )


def test_resource_pages_link_each_statement_to_why(client: TestClient) -> None:
    page = client.get("/resource/tool/mlflow", headers={"Accept": "text/html"})
    links = [unescape(h) for h in re.findall(r'<a class="why" href="([^"]+)"', page.text)]
    rows = page.text.count("<tr><th>")
    assert links and len(links) == rows - 1  # every statement row, not the header row
    for link in links[:5]:
        answer = client.get(link, headers={"Accept": "application/json"})
        assert answer.status_code == 200, link
        data = answer.json()
        assert len(data["statements"]) == 1 and data["statements"][0]["evidence"]

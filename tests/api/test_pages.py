"""The pages: /, /ontology and /resource/{path} for browsers and RDF clients, diagrams."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from mlopskg.stores.embedded import EmbeddedStore
from tests.conftest import rows


def test_index_and_its_assets_are_served_locally(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    # No CDN: every script, stylesheet and image is served by the server itself.
    import re

    assets = re.findall(r"<(?:script|link|img|iframe)[^>]*(?:src|href)=\"([^\"]+)\"", page.text)
    assert assets and all(url.startswith("/") for url in assets), assets
    for asset in ("/static/app.js", "/static/app.css"):
        assert client.get(asset).status_code == 200
    assert client.get("/static/../pyproject.toml").status_code == 404


def test_ontology_as_html(client: TestClient) -> None:
    page = client.get("/ontology", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert 'id="FeatureStore"' in page.text and "feature store" in page.text


@pytest.mark.parametrize(
    ("accept", "rdf_format"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_ontology_as_rdf(client: TestClient, accept: str, rdf_format: ox.RdfFormat) -> None:
    response = client.get("/ontology", headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    triples = list(ox.parse(response.content, format=rdf_format))
    assert len(triples) > 500


def test_resource_as_html_with_provenance(client: TestClient) -> None:
    page = client.get("/resource/tool/feast", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "Feast" in page.text and "feature store" in page.text
    assert "recalled" in page.text or "derived" in page.text
    assert 'href="/ontology#FeatureStore"' in page.text


def test_resource_as_turtle(client: TestClient) -> None:
    response = client.get("/resource/source/kumara-2025", headers={"Accept": "text/turtle"})
    triples = list(ox.parse(response.content, format=ox.RdfFormat.TURTLE))
    assert any(t.predicate.value == "http://purl.org/dc/terms/title" for t in triples)


@pytest.mark.parametrize("path", ["tool/does-not-exist", "Tool/MLflow", "tool/../../etc"])
def test_unknown_resources_are_404(client: TestClient, path: str) -> None:
    assert client.get(f"/resource/{path}").status_code == 404


def test_diagram_is_svg_with_components_and_flows(client: TestClient, graph: EmbeddedStore) -> None:
    expected = rows(
        graph,
        """SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { <https://w3id.org/mlopskg/resource/architecture/kumara-2025> mlo:hasView ?v .
             { ?v mlo:hasBlock/mlo:containsElement ?e } UNION { ?v mlo:showsElement ?e } }""",
    )
    response = client.get("/diagram/architecture/kumara-2025.svg")
    assert response.status_code == 200 and response.headers["content-type"].startswith(
        "image/svg+xml"
    )
    svg = ET.fromstring(response.content)
    ns = "{http://www.w3.org/2000/svg}"
    elements = {g.get("data-iri") for g in svg.iter(f"{ns}g") if g.get("data-iri")}
    assert "https://w3id.org/mlopskg/resource/component/kumara-2025-model-registry" in elements
    assert len(elements) == int(expected[0]["n"])
    assert len([p for p in svg.iter(f"{ns}path") if p.get("class") == "flow"]) >= 30


def test_diagram_of_something_else_is_404(client: TestClient) -> None:
    assert client.get("/diagram/tool/mlflow.svg").status_code == 404


def test_health(client: TestClient) -> None:
    assert client.get("/health").json()["quads"] > 4000

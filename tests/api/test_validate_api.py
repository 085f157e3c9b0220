"""POST /validate: every example through the server, each RDF syntax by Content-Type, the
form upload, report formats by Accept, and clear statuses for bad input."""

from __future__ import annotations

import json

import httpx
import pytest
from fastapi.testclient import TestClient

from mlopskg.resources import ProjectFiles
from tests.api.conftest import LiveServer
from tests.validation.test_examples import EXPECTED, GOOGLE

ARCHITECTURE = """@prefix mlo: <https://w3id.org/mlopskg/ontology#> .
@prefix ex: <https://example.org/api#> .
ex:platform a mlo:ArchitectureDescription ; mlo:hasComponent ex:registry .
ex:registry a mlo:ModelRegistry .
"""


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_example_validates_through_the_server(
    name: str, client: TestClient, project: ProjectFiles
) -> None:
    body = (project.examples_dir / f"{name}.ttl").read_bytes()
    response = client.post("/validate", content=body, headers={"content-type": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    report = response.json()
    assert report["conforms"] is EXPECTED[name][0]
    levels = {m["model"]: m["level"] for m in report["maturity"]}
    assert levels[GOOGLE] == EXPECTED[name][1]


def test_each_syntax_by_content_type(client: TestClient) -> None:
    nt = (
        "<https://example.org/api#p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/mlopskg/ontology#ArchitectureDescription> .\n"
        "<https://example.org/api#p> <https://w3id.org/mlopskg/ontology#hasComponent> <https://example.org/api#r> .\n"
        "<https://example.org/api#r> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/mlopskg/ontology#ModelRegistry> .\n"
    )
    xml = """<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:mlo="https://w3id.org/mlopskg/ontology#">
      <mlo:ArchitectureDescription rdf:about="https://example.org/api#p"><mlo:hasComponent>
      <mlo:ModelRegistry rdf:about="https://example.org/api#r"/></mlo:hasComponent></mlo:ArchitectureDescription></rdf:RDF>"""
    jsonld = json.dumps(
        {
            "@id": "https://example.org/api#p",
            "@type": "https://w3id.org/mlopskg/ontology#ArchitectureDescription",
            "https://w3id.org/mlopskg/ontology#hasComponent": {
                "@id": "https://example.org/api#r",
                "@type": "https://w3id.org/mlopskg/ontology#ModelRegistry",
            },
        }
    )
    for media, body in [
        ("text/turtle", ARCHITECTURE.replace("ex:platform", "ex:p").replace("ex:registry", "ex:r")),
        ("application/n-triples", nt),
        ("application/rdf+xml", xml),
        ("application/ld+json", jsonld),
    ]:
        response = client.post("/validate", content=body, headers={"content-type": media})
        assert response.status_code == 200, (media, response.text)
        report = response.json()
        assert report["architecture"] == "https://example.org/api#p", media
        kinds = {r["missingComponent"] for r in report["results"]}
        assert "https://w3id.org/mlopskg/ontology#ModelRegistry" not in kinds, media
        assert "https://w3id.org/mlopskg/ontology#FeatureStore" in kinds, media


def test_form_upload_and_html_report(client: TestClient, project: ProjectFiles) -> None:
    body = (project.examples_dir / "notebook-and-web-service.ttl").read_bytes()
    response = client.post(
        "/validate",
        files={"file": ("notebook-and-web-service.ttl", body, "application/octet-stream")},
        headers={"accept": "text/html"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<svg" in response.text and 'class="element missing"' in response.text
    assert "Notebooks and a web service" in response.text


@pytest.mark.parametrize(
    ("fmt", "media", "marker"),
    [
        ("turtle", "text/turtle", "sh:ValidationReport"),
        ("text", "text/plain", "Pipelines ("),
    ],
)
def test_report_formats_by_parameter(fmt: str, media: str, marker: str, client: TestClient) -> None:
    response = client.post(
        f"/validate?format={fmt}", content=ARCHITECTURE, headers={"content-type": "text/turtle"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert marker in response.text


def test_fail_on_warning(client: TestClient, project: ProjectFiles) -> None:
    body = (project.examples_dir / "open-source-kubernetes.ttl").read_bytes()
    ok = client.post("/validate", content=body, headers={"content-type": "text/turtle"}).json()
    strict = client.post(
        "/validate?fail_on=warning", content=body, headers={"content-type": "text/turtle"}
    ).json()
    assert ok["conforms"] is True and strict["conforms"] is False


@pytest.mark.parametrize(
    ("body", "media", "status", "words"),
    [
        ("@prefix ex: <http://e/> . ex:a ex:b .", "text/turtle", 400, "request body:1:"),
        (
            "@prefix ex: <http://e/> . ex:a ex:b ex:c .",
            "text/turtle",
            422,
            "no mlo:ArchitectureDescription",
        ),
        (ARCHITECTURE, "application/pdf", 415, "unsupported Content-Type"),
        ("", "text/turtle", 400, "empty"),
        (
            '{"@context": "http://127.0.0.1:9/c.jsonld", "@id": "http://e/a"}',
            "application/ld+json",
            400,
            "remote contexts",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><r/>',
            "application/rdf+xml",
            400,
            "entity declarations",
        ),
    ],
)
def test_bad_input_gets_a_clear_status(
    body: str, media: str, status: int, words: str, client: TestClient
) -> None:
    response = client.post("/validate", content=body, headers={"content-type": media})
    assert response.status_code == status
    assert words in response.json()["message"]


def test_bad_parameters(client: TestClient) -> None:
    headers = {"content-type": "text/turtle"}
    assert (
        client.post("/validate?format=pdf", content=ARCHITECTURE, headers=headers).status_code
        == 400
    )
    assert (
        client.post("/validate?fail_on=info", content=ARCHITECTURE, headers=headers).status_code
        == 400
    )
    assert client.get("/validate").status_code == 405


def test_an_oversized_upload_gets_413(live: LiveServer) -> None:
    body = ARCHITECTURE + "# " + "x" * 60_000 + "\n"  # the live server accepts 50 kB
    response = httpx.post(
        f"{live.url}/validate", content=body, headers={"content-type": "text/turtle"}
    )
    assert response.status_code == 413
    form = httpx.post(
        f"{live.url}/validate", files={"file": ("big.ttl", body.encode(), "text/turtle")}
    )
    assert form.status_code == 413
    small = httpx.post(
        f"{live.url}/validate", content=ARCHITECTURE, headers={"content-type": "text/turtle"}
    )
    assert small.status_code == 200


def test_a_form_without_a_file_is_a_400(client: TestClient) -> None:
    response = client.post(
        "/validate", data={"other": "x"}, files={"unused": ("x.txt", b"", "text/plain")}
    )
    assert response.status_code == 400
    assert "no 'file' field" in response.json()["message"]

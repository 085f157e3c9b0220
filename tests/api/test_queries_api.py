"""/queries and /queries/{name}: the curated queries as an API, documented in OpenAPI."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient

from tests.conftest import ROOT


def test_list_has_every_curated_query(client: TestClient) -> None:
    listed = client.get("/queries").json()
    assert {q["name"] for q in listed} == {p.stem for p in (ROOT / "queries").glob("*.rq")}
    tools = next(q for q in listed if q["name"] == "tools-for-component")
    assert tools["parameters"][0] == {
        "name": "kind",
        "type": "iri",
        "default": "mlo:FeatureStore",
        "description": "the component kind, e.g. mlo:ModelRegistry",
        "optional": False,
    }
    assert tools["sparql"].startswith("# title:")


def test_run_with_parameters_json(client: TestClient) -> None:
    data = client.get("/queries/tools-for-component", params={"kind": "mlo:ModelRegistry"}).json()
    tools = {b["tool"]["value"].rsplit("/", 1)[-1] for b in data["results"]["bindings"]}
    assert "mlflow" in tools and "feast" not in tools
    assert {b["kind"]["value"] for b in data["results"]["bindings"]} == {
        "https://w3id.org/mlopskg/ontology#ModelRegistry"
    }


def test_run_as_csv_by_parameter_and_by_accept(client: TestClient) -> None:
    by_param = client.get("/queries/responsible-roles", params={"format": "csv"})
    by_accept = client.get("/queries/responsible-roles", headers={"Accept": "text/csv"})
    assert by_param.status_code == by_accept.status_code == 200
    assert by_param.text == by_accept.text
    rows = list(csv.DictReader(io.StringIO(by_param.text)))
    assert rows and rows[0]["roleLabel"] == "Platform Team (Kumara et al.)"


def test_unknown_query_is_404_with_suggestions(client: TestClient) -> None:
    response = client.get("/queries/tool-for-component")
    assert response.status_code == 404 and "tools-for-component" in response.json()["message"]


def test_bad_parameter_is_400(client: TestClient) -> None:
    response = client.get("/queries/tools-for-component", params={"kind": "mlo:Feature Store"})
    assert response.status_code == 400 and "parameter 'kind'" in response.json()["message"]
    response = client.get("/queries/tools-for-component", params={"colour": "red"})
    assert response.status_code == 400


def test_a_path_is_not_a_query_name(client: TestClient) -> None:
    assert client.get("/queries/..%2F..%2Fetc%2Fpasswd").status_code == 404


def test_openapi_documents_the_routes(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/sparql", "/queries", "/queries/{name}", "/ontology", "/resource/{path}"} <= set(
        schema["paths"]
    )
    assert client.get("/docs").status_code == 200

"""POST /scan, /plan and /diff, and the catalogue page: answers, formats and errors."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

from fastapi.testclient import TestClient

from mlopskg.api import ServerSettings, create_app
from mlopskg.graph.build import BuildResult
from tests.conftest import ROOT

CORPUS = ROOT / "benchmarks" / "scan-corpus"
EXAMPLES = ROOT / "examples"
MLO = "https://w3id.org/mlopskg/ontology#"


def archive(folder: Path, tmp_path: Path) -> bytes:
    return Path(shutil.make_archive(str(tmp_path / folder.name), "zip", folder)).read_bytes()


def test_scan_answers_the_description_in_turtle(client: TestClient, tmp_path: Path) -> None:
    data = archive(CORPUS / "kubeflow-kserve", tmp_path)
    response = client.post(
        "/scan", files={"file": ("kubeflow-kserve.zip", data, "application/zip")}
    )
    assert response.status_code == 200 and response.headers["content-type"].startswith(
        "text/turtle"
    )
    assert "tool:kserve" in response.text and "evidenceFile" in response.text


def test_scan_validate_gives_the_report_with_evidence(client: TestClient, tmp_path: Path) -> None:
    data = archive(CORPUS / "monorepo", tmp_path)
    response = client.post(
        "/scan?validate=true&format=json", content=data, headers={"content-type": "application/zip"}
    )
    report = response.json()
    assert response.status_code == 200 and "conforms" in report and "results" in report
    assert report["scan"]["components"] and report["notFoundInFiles"]
    html = client.post(
        "/scan?format=html&plan=true&open_source_only=true",
        files={"file": ("monorepo.zip", data, "application/zip")},
    )
    assert (
        html.status_code == 200
        and 'id="scan-evidence"' in html.text
        and 'class="plan"' in html.text
    )


def test_scan_sarif(client: TestClient, tmp_path: Path) -> None:
    data = archive(CORPUS / "airflow", tmp_path)
    response = client.post(
        "/scan?format=sarif", content=data, headers={"content-type": "application/zip"}
    )
    assert response.status_code == 200 and response.json()["version"] == "2.1.0"


def test_scan_refuses_what_is_not_a_safe_archive(client: TestClient) -> None:
    assert (
        client.post("/scan", content=b"x", headers={"content-type": "text/plain"}).status_code
        == 415
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bad:
        bad.writestr("../escape.txt", "out of the root")
    response = client.post(
        "/scan", content=buffer.getvalue(), headers={"content-type": "application/zip"}
    )
    assert response.status_code == 400 and "escape.txt" in response.json()["message"]
    response = client.post(
        "/scan?format=nope", content=buffer.getvalue(), headers={"content-type": "application/zip"}
    )
    assert response.status_code == 400


def test_plan_with_constraints(client: TestClient) -> None:
    body = (EXAMPLES / "notebook-and-web-service.ttl").read_bytes()
    response = client.post(
        "/plan?open_source_only=true&cloud=none",
        content=body,
        headers={"content-type": "text/turtle"},
    )
    plan = response.json()
    assert response.status_code == 200 and plan["constraints"]["openSourceOnly"]
    assert all(
        c["licence"] and c["licence"]["kind"] in ("openSource", "openCore")
        for c in plan["chosen"]
        if c["new"]
    )
    text = client.post(
        "/plan", content=body, headers={"content-type": "text/turtle", "accept": "text/plain"}
    )
    assert text.headers["content-type"].startswith("text/plain") and "new tool(s) fill" in text.text


def test_plan_rejects_bad_constraints(client: TestClient) -> None:
    body = (EXAMPLES / "notebook-and-web-service.ttl").read_bytes()
    for query in ("cloud=mars", "max_tools=lots", "exclude=mlflow", "severity=low"):
        response = client.post(
            f"/plan?{query}", content=body, headers={"content-type": "text/turtle"}
        )
        assert response.status_code == 400, query


def test_diff_of_two_descriptions(client: TestClient) -> None:
    files = {
        "before": (
            "a.ttl",
            (EXAMPLES / "notebook-and-web-service.ttl").read_bytes(),
            "text/turtle",
        ),
        "after": ("b.ttl", (EXAMPLES / "open-source-kubernetes.ttl").read_bytes(), "text/turtle"),
    }
    response = client.post("/diff", files=files)
    changes = response.json()["changes"]
    assert response.status_code == 200
    assert {
        "aspect": "component kind",
        "change": "added",
        "iri": MLO + "ModelRegistry",
    }.items() <= next(c for c in changes if c["iri"] == MLO + "ModelRegistry").items()
    missing = client.post("/diff", files={"before": files["before"]})
    assert missing.status_code == 400 and "after" in missing.json()["message"]
    assert (
        client.post("/diff", content=b"x", headers={"content-type": "text/turtle"}).status_code
        == 415
    )


def test_catalogue_page_and_its_query(client: TestClient, built: BuildResult) -> None:
    page = client.get("/catalogue")
    assert page.status_code == 200 and "catalogue.js" in page.text
    # the whole catalogue is larger than the shared test client's result limit
    with TestClient(create_app(ServerSettings(workers=1), store=built.store)) as roomy:
        answer = roomy.get("/queries/tool-catalogue?format=json")
    rows = answer.json()["results"]["bindings"]
    tools = {row["tool"]["value"] for row in rows}
    assert len(tools) >= 300
    assert json.loads(json.dumps(rows[0]))["toolLabel"]["value"]


def test_markdown_reports_from_the_server(client: TestClient, tmp_path: Path) -> None:
    body = (EXAMPLES / "notebook-and-web-service.ttl").read_bytes()
    response = client.post(
        "/validate",
        content=body,
        headers={"content-type": "text/turtle", "accept": "text/markdown"},
    )
    assert response.headers["content-type"].startswith("text/markdown")
    assert response.text.lstrip().startswith("#") and "<details>" in response.text
    data = archive(CORPUS / "airflow", tmp_path)
    scanned = client.post(
        "/scan?format=markdown", content=data, headers={"content-type": "application/zip"}
    )
    assert scanned.status_code == 200 and "<details>" in scanned.text

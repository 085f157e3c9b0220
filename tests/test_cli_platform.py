"""The platform team's commands: scan, plan, diff and catalogue refresh, with the contract's
exit codes and one-line errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from mlopskg.catalogue.pypi import PackageRelease, RegistryError
from mlopskg.cli import main
from tests.conftest import ROOT

CORPUS = ROOT / "benchmarks" / "scan-corpus"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("platform") / "store"
    assert main(["--store", str(path), "build"]) == 0
    return path


def run(capsys: pytest.CaptureFixture[str], store: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--store", str(store), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_scan_writes_a_description_that_validate_accepts(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "found.ttl"
    code, _, _ = run(capsys, store_path, "scan", str(CORPUS / "kubeflow-kserve"), "-o", str(target))
    assert code == 0
    graph = ox.Store()
    graph.load(target.read_bytes(), ox.RdfFormat.TURTLE)
    assert graph.query(
        "ASK { ?c <https://w3id.org/mlopskg/ontology#usesTool> <https://w3id.org/mlopskg/resource/tool/kserve> ; "
        "<http://www.w3.org/ns/prov#wasDerivedFrom>/<https://w3id.org/mlopskg/ontology#evidenceFile> ?f }"
    )
    code, out, _ = run(capsys, store_path, "validate", str(target), "--format", "json")
    assert code in (0, 1) and json.loads(out)["architecture"]


def test_scan_validate_keeps_what_files_cannot_show_apart(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    code, out, _ = run(
        capsys, store_path, "scan", str(CORPUS / "monorepo"), "--validate", "--format", "json"
    )
    report = json.loads(out)
    assert code == (0 if report["conforms"] else 1)
    hidden = {r["missingComponent"] for r in report["notFoundInFiles"]}
    assert "https://w3id.org/mlopskg/ontology#GovernanceDashboard" in hidden
    assert not hidden & {r.get("missingComponent") for r in report["results"]}
    assert report["scan"]["components"] and report["scan"]["components"][0]["evidence"]


def test_scan_sarif_and_baseline(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    repo = str(CORPUS / "notebooks-only")
    code, out, _ = run(capsys, store_path, "scan", repo, "--format", "sarif")
    log = json.loads(out)
    assert log["version"] == "2.1.0" and code == 1  # a notebook project lacks the violations' kinds
    baseline = tmp_path / "baseline.json"
    run(capsys, store_path, "scan", repo, "--validate", "--format", "json", "-o", str(baseline))
    code, _, _ = run(capsys, store_path, "scan", repo, "--validate", "--baseline", str(baseline))
    assert code == 0  # nothing new against its own baseline
    reduced = json.loads(baseline.read_text())
    reduced["results"] = reduced["results"][1:]
    baseline.write_text(json.dumps(reduced))
    code, _, _ = run(capsys, store_path, "scan", repo, "--validate", "--baseline", str(baseline))
    assert code == 1  # the dropped finding is new again


def test_scan_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, store_path, "scan", str(tmp_path / "missing"))
    assert code == 2 and "missing" in err and "Traceback" not in err
    bad = tmp_path / "baseline.json"
    bad.write_text("{not json")
    code, _, err = run(capsys, store_path, "scan", str(CORPUS / "airflow"), "--baseline", str(bad))
    assert code == 2 and "baseline.json:1" in err


def test_scan_plan_adds_the_tool_plan(capsys: pytest.CaptureFixture[str], store_path: Path) -> None:
    _, out, _ = run(
        capsys, store_path, "scan", str(CORPUS / "airflow"), "--plan", "--open-source-only"
    )
    assert "Plan for" in out and "new tool(s) fill" in out


def test_plan_fills_the_gaps_of_an_example(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    code, out, _ = run(
        capsys,
        store_path,
        "plan",
        str(EXAMPLES / "notebook-and-web-service.ttl"),
        "--format",
        "json",
    )
    plan = json.loads(out)
    assert code == 1  # the example does not conform
    assert plan["optimal"] and plan["newTools"] >= 1
    filled = {g["kind"] for c in plan["chosen"] for g in c["fills"]}
    gaps = {g["kind"] for g in plan["gaps"]}
    assert filled | {g["kind"] for g in plan["unfilled"]} == gaps


def test_plan_rejects_an_unknown_tool_name(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    code, _, err = run(
        capsys,
        store_path,
        "plan",
        str(EXAMPLES / "notebook-and-web-service.ttl"),
        "--exclude",
        "mlflow",
    )
    assert code == 2 and "--exclude" in err and "mlflow" in err


def test_diff_of_two_examples_exits_0(capsys: pytest.CaptureFixture[str], store_path: Path) -> None:
    code, out, _ = run(
        capsys,
        store_path,
        "diff",
        str(EXAMPLES / "notebook-and-web-service.ttl"),
        str(EXAMPLES / "open-source-kubernetes.ttl"),
        "--format",
        "json",
    )
    changes = json.loads(out)["changes"]
    assert code == 0
    added = {
        c["label"] for c in changes if c["aspect"] == "component kind" and c["change"] == "added"
    }
    assert "model registry" in added
    assert any(c["aspect"] == "maturity" for c in changes)


def test_catalogue_refresh_writes_a_dated_snapshot(
    capsys: pytest.CaptureFixture[str],
    store_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def registry(package: str) -> PackageRelease:
        if package == "mlflow":
            return PackageRelease(
                "mlflow", "9.9.9", "2026-11-30", "Apache-2.0", "license_expression", None, ""
            )
        raise RegistryError(f"https://pypi.org/pypi/{package}/json: HTTP 404 (no such package?)")

    monkeypatch.setattr("mlopskg.catalogue.refresh.fetch_release", registry)
    target = tmp_path / "snapshot.ttl"
    code, out, err = run(
        capsys, store_path, "catalogue", "refresh", "-o", str(target), "--workers", "2"
    )
    text = target.read_text()
    assert code == 1 and "unknown" in out and "HTTP 404" in err
    assert 'tool:mlflow mlo:latestRelease "9.9.9"' in text
    graph = ox.Store()
    graph.load(text.encode(), ox.RdfFormat.TURTLE)
    assert (
        len(
            list(
                graph.query("SELECT ?s WHERE { ?s a <https://w3id.org/mlopskg/ontology#Finding> }")
            )
        )
        == 1
    )


def test_scan_reads_an_archive(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    archive = shutil.make_archive(str(tmp_path / "repo"), "gztar", CORPUS / "bentoml-docker")
    code, out, _ = run(capsys, store_path, "scan", archive, "--format", "json")
    assert code == 0
    assert any(c["tool"].endswith("/bentoml") for c in json.loads(out)["components"])


def test_scan_detail_summary_is_shorter_than_full(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    repo = str(CORPUS / "airflow")
    _, summary, _ = run(capsys, store_path, "scan", repo, "--validate", "--detail", "summary")
    _, full, _ = run(capsys, store_path, "scan", repo, "--validate", "--detail", "full")
    assert len(summary.splitlines()) < len(full.splitlines())
    assert "Found in the files" in summary and "Found in the files" in full

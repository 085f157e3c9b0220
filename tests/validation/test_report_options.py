"""The command line's report options (issue 17): --detail summary|full, --format markdown on
validate and scan --validate, and the JSON report's ranked moves and policy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlopskg.cli import main
from mlopskg.resources import ProjectFiles
from tests.conftest import ROOT

REPORT_KEYS = {
    "conforms",
    "architecture",
    "label",
    "failOn",
    "counts",
    "results",
    "coverage",
    "maturity",
    "components",
    "unmaintainedTools",
}
SCANNED = ROOT / "benchmarks" / "scan-corpus" / "mlflow-dvc-github-actions"


def validate(
    project: ProjectFiles, name: str, *args: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    code = main(["validate", str(project.examples_dir / f"{name}.ttl"), *args])
    return code, capsys.readouterr().out


def test_detail_summary_leaves_the_details_out(
    project: ProjectFiles, capsys: pytest.CaptureFixture[str]
) -> None:
    code, summary = validate(
        project, "notebook-and-web-service", "--detail", "summary", capsys=capsys
    )
    assert code == 1
    assert "Next moves, ranked by what they unlock:" in summary
    assert "Pipelines (" not in summary and "--detail full" in summary
    assert len(summary.splitlines()) <= 25
    _, full = validate(project, "notebook-and-web-service", "--detail", "full", capsys=capsys)
    assert "Pipelines (" in full and full.startswith(summary.split("\n(The details")[0])


def test_detail_defaults_to_full_off_a_terminal_and_in_files(
    project: ProjectFiles, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, piped = validate(project, "notebook-and-web-service", capsys=capsys)
    assert "Pipelines (" in piped  # captured output is not a terminal
    target = tmp_path / "report.txt"
    validate(project, "notebook-and-web-service", "-o", str(target), capsys=capsys)
    assert "Pipelines (" in target.read_text(encoding="utf-8")


def test_detail_defaults_to_summary_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from mlopskg.cli import validation

    monkeypatch.setattr(validation.sys.stdout, "isatty", lambda: True, raising=False)
    assert validation.default_detail(None) == "summary"
    assert validation.default_detail(Path("report.txt")) == "full"


def test_markdown_on_validate(project: ProjectFiles, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = validate(project, "notebook-and-web-service", "--format", "markdown", capsys=capsys)
    assert code == 1
    assert out.startswith("## Notebooks and a web service\n")
    assert out.count("<details>") == out.count("</details>") > 0


def test_markdown_on_scan_validate(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["scan", "--validate", "--format", "markdown", str(SCANNED)])
    out = capsys.readouterr().out
    assert code == 1
    assert "### Next moves" in out and "<summary>Found in the files (" in out
    assert out.count("<details>") == out.count("</details>")


def test_markdown_implies_validate(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["scan", "--format", "markdown", str(SCANNED)])
    out = capsys.readouterr().out
    assert code in (0, 1) and out.lstrip().startswith("#") and "<details>" in out


def test_json_keeps_the_contract_and_adds_moves_and_policy(
    project: ProjectFiles, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = validate(project, "notebook-and-web-service", "--format", "json", capsys=capsys)
    report = json.loads(out)
    assert set(report) >= REPORT_KEYS
    moves = report["moves"]
    assert [move["rank"] for move in moves] == list(range(1, len(moves) + 1))
    first = moves[0]
    assert first["action"] in {"add", "connect"} and first["label"].startswith("Add ")
    assert first["unlocks"]["violations"] >= 1
    missing = {r["missingComponent"] for r in report["results"] if r["missingComponent"]}
    assert {m["target"] for m in moves if m["action"] == "add"} <= missing | {
        kind for level in report["maturity"] for kind in level["nextLevelNeeds"]["components"]
    }
    assert report["policy"]["name"] == "default"


def test_scan_json_has_moves(capsys: pytest.CaptureFixture[str]) -> None:
    main(["scan", "--validate", "--format", "json", str(SCANNED)])
    report = json.loads(capsys.readouterr().out)
    assert report["moves"] and "notFoundInFiles" in report and "scan" in report
    assert report["moves"][0]["summary"]

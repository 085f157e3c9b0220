"""The command line: exit codes of the contract, one-line errors naming what and where."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from mlopskg.cli import main
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store"
    assert main(["--store", str(path), "build"]) == 0
    return path


def run(capsys: pytest.CaptureFixture[str], store: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--store", str(store), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_build_reports_what_it_built(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, tmp_path / "store", "build")
    assert (
        code == 0 and "named graphs" in out and (tmp_path / "store" / "mlopskg-build.json").exists()
    )


def test_queries_lists_every_curated_query(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    code, out, _ = run(capsys, store_path, "queries", "--format", "json")
    listed = json.loads(out)
    assert code == 0
    assert {q["name"] for q in listed} == {p.stem for p in (ROOT / "queries").glob("*.rq")}
    tools = next(q for q in listed if q["name"] == "tools-for-component")
    assert tools["parameters"][0]["name"] == "kind"


def test_query_table_answers_the_architects_question(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    code, out, err = run(
        capsys, store_path, "query", "tools-for-component", "--param", "kind=mlo:FeatureStore"
    )
    assert code == 0
    assert "Feast" in out and "row(s)" in err


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv", "xml"])
def test_query_formats_are_standard(
    capsys: pytest.CaptureFixture[str], store_path: Path, fmt: str
) -> None:
    code = main(["--store", str(store_path), "query", "tools-for-component", "--format", fmt])
    out = capsys.readouterr().out
    assert code == 0
    if fmt == "csv":  # SPARQL CSV is lossy by design: read it as plain CSV
        import csv
        import io

        table = list(csv.reader(io.StringIO(out)))
        assert table[0] == ["kind", "tool", "toolLabel", "sources"] and len(table) > 1
        return
    parsed = ox.parse_query_results(
        out.encode(), format=getattr(ox.QueryResultsFormat, fmt.upper())
    )
    assert len(list(parsed)) > 0  # type: ignore[arg-type]


def test_query_from_a_file(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "mine.rq"
    path.write_text(
        "# title: Mine\nPREFIX mlo: <https://w3id.org/mlopskg/ontology#>\nASK { ?t a mlo:Tool }\n"
    )
    code, out, _ = run(capsys, store_path, "query", str(path), "--format", "json")
    assert code == 0 and json.loads(out)["boolean"] is True


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "tool-for-component"], "did you mean tools-for-component"),
        (["query", "tools-for-component", "-p", "kind=mlo:Feature Store"], "parameter 'kind'"),
        (["query", "tools-for-component", "-p", "kind"], "expected name=value"),
        (["query", "tools-for-component", "-p", "colour=red"], "no such parameter"),
        (["query", "/nonexistent/q.rq"], "/nonexistent/q.rq: no such query file"),
        (["query", "tools-for-component", "--format", "yaml"], "Invalid value"),
        (["no-such-command"], "No such command"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], store_path: Path, args: list[str], message: str
) -> None:
    code, _, err = run(capsys, store_path, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_malformed_query_file_names_the_file(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "broken.rq"
    path.write_text("SELECT * WHERE { ?s ?p }\n")
    code, _, err = run(capsys, store_path, "query", str(path))
    assert code == 2 and str(path) in err and "Traceback" not in err


def test_broken_data_file_names_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import shutil

    for name in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(ROOT / name, tmp_path / name)
    broken = tmp_path / "data" / "tools" / "catalogue.ttl"
    broken.write_text(
        broken.read_text().replace("tool:mlflow a mlo:Tool ;", "tool:mlflow a mlo:Tool ; ] ;", 1)
    )
    code = main(["--home", str(tmp_path), "--store", str(tmp_path / "store"), "build"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{broken}:" in err and "Traceback" not in err


def test_stats_json(capsys: pytest.CaptureFixture[str], store_path: Path) -> None:
    code, out, _ = run(capsys, store_path, "stats", "--format", "json")
    figures = json.loads(out)
    assert code == 0
    assert figures["by_class"]["tools"] >= 78
    assert figures["seed_requirements_stated"] == 32


def test_export_to_a_file(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "graph.nq"
    code, _, _ = run(capsys, store_path, "export", "--format", "nq", "--output", str(out))
    assert code == 0 and len(list(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))) > 1000


def test_ontology_check_reports_up_to_date(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    code, out, _ = run(capsys, store_path, "ontology", "--check")
    assert code == 0 and out.count("up to date") == 4


def test_check_without_reasoner_passes(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    code, out, _ = run(capsys, store_path, "check", "--no-reasoner")
    assert code == 0 and "FAIL" not in out


def test_check_fails_with_exit_1_on_a_violation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import shutil

    for name in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(
        ROOT / "tests" / "qc" / "cases" / "dangling-resource-violation.ttl",
        tmp_path / "data" / "extra.ttl",
    )
    code = main(["--home", str(tmp_path), "check", "--no-reasoner"])
    out = capsys.readouterr().out
    assert code == 1 and "FAIL dangling-resource-violation" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert "mlopskg" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [
        ["--store", "/proc/no-such-dir/store", "build"],
        ["export", "--output", "/no-such-dir/graph.ttl"],
    ],
)
def test_unwritable_paths_are_one_line_errors(
    capsys: pytest.CaptureFixture[str], store_path: Path, args: list[str]
) -> None:
    code = main(args if args[0] == "--store" else ["--store", str(store_path), *args])
    err = capsys.readouterr().err
    assert code == 2 and "/no-such-dir" in err and "Traceback" not in err

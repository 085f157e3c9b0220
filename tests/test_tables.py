"""The requirements table: valid rows become requirements; bad rows name file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mlopskg.errors import InputFileError
from mlopskg.graph.build import build_graph
from mlopskg.graph.tables import load_requirements_table
from mlopskg.resources import project_files
from tests.conftest import ROOT, rows

KINDS = [
    "https://w3id.org/mlopskg/ontology#ModelRegistry",
    "https://w3id.org/mlopskg/ontology#MetadataStore",
]


def table(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "kumara-2025"
    folder.mkdir(exist_ok=True)
    path = folder / "requirements.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_header_only_table_loads_nothing(tmp_path: Path) -> None:
    assert (
        load_requirements_table(table(tmp_path, "id,text,category,addressed_by,locator\n"), KINDS)
        is None
    )


def test_rows_become_requirements_addressed_by_kinds(tmp_path: Path) -> None:
    path = table(
        tmp_path,
        'id,text,category,addressed_by,locator\nR1,"Models are versioned, with lineage",Versioning,ModelRegistry MetadataStore,Table 2\n',
    )
    loaded = load_requirements_table(path, KINDS)
    assert loaded is not None
    assert (
        loaded.graph == "https://w3id.org/mlopskg/resource/finding/kumara-2025-requirements-table"
    )
    text = {(t.subject.value, t.predicate.value, t.object.value) for t in loaded.triples}
    req = "https://w3id.org/mlopskg/resource/requirement/kumara-2025-r1"
    assert (KINDS[0], "https://w3id.org/mlopskg/ontology#addresses", req) in text
    assert (
        req,
        "http://www.w3.org/2004/02/skos/core#definition",
        "Models are versioned, with lineage",
    ) in text
    assert (
        req,
        "http://purl.org/dc/terms/source",
        "https://w3id.org/mlopskg/resource/source/kumara-2025",
    ) in text


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ("text,locator\nx,y\n", 1, "missing column(s) id"),
        ("id,text,colour\nR1,x,red\n", 1, "unknown column(s) colour"),
        ("id,text\nR1,x\nR1,y\n", 3, "repeats line 2"),
        ("id,text\nR 1,x\n", 2, "not a valid identifier"),
        ("id,text\nR1,\n", 2, "has no text"),
        ("id,text,addressed_by\nR1,x,FeatureStor\n", 2, "not a component kind"),
        ("id,text\nR1,x,extra\n", 2, "3 cells where the header has 2"),
        ("", 1, "header row is missing"),
    ],
)
def test_bad_rows_name_file_and_line(tmp_path: Path, content: str, line: int, message: str) -> None:
    path = table(tmp_path, content)
    with pytest.raises(InputFileError) as caught:
        load_requirements_table(path, KINDS)
    assert caught.value.location.path == path
    assert caught.value.location.line == line
    assert message in str(caught.value)


def test_build_loads_the_table_and_stats_count_it(tmp_path: Path) -> None:
    for name in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(ROOT / name, tmp_path / name)
    (tmp_path / "data" / "kumara-2025" / "requirements.csv").write_text(
        "id,text,category,addressed_by,locator\nR9,A requirement text,Cat,FeatureStore,p. 9\n"
    )
    store = build_graph(project_files(tmp_path)).store
    found = rows(
        store,
        """SELECT ?kind WHERE { ?kind mlo:addresses <https://w3id.org/mlopskg/resource/requirement/kumara-2025-r9> }""",
    )
    assert [r["kind"] for r in found] == ["https://w3id.org/mlopskg/ontology#FeatureStore"]
    from mlopskg.graph.stats import graph_stats

    figures = graph_stats(store)
    assert (figures.seed_requirements_stated, figures.seed_requirement_texts_loaded) == (32, 1)

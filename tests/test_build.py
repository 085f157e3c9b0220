"""Building the graph: named graphs per file, failures that name the file, atomic store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mlopskg.errors import DataIntegrityError, InputFileError
from mlopskg.graph.build import BuildResult, build_graph, graph_sizes, is_current, save_build
from mlopskg.namespaces import INFERRED_GRAPH, ONTOLOGY_IRI
from mlopskg.resources import ProjectFiles, project_files
from mlopskg.stores.embedded import EmbeddedStore
from tests.conftest import ROOT

FINDING_HEADER = """@prefix mlo: <https://w3id.org/mlopskg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix src: <https://w3id.org/mlopskg/resource/source/> .
@prefix tool: <https://w3id.org/mlopskg/resource/tool/> .
<https://w3id.org/mlopskg/resource/finding/test> a mlo:Finding ; rdfs:label "test"@en ;
    mlo:fromSource src:kumara-2025 ; mlo:evidenceStatus mlo:stated ; mlo:locator "test" .
"""


def copy_project(tmp_path: Path) -> ProjectFiles:
    """A private copy of the graph's sources, safe to break."""
    for name in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return project_files(tmp_path)


def test_one_named_graph_per_file_plus_ontology_and_inferred(
    built: BuildResult, project: ProjectFiles
) -> None:
    graphs = built.store.named_graphs()
    assert ONTOLOGY_IRI in graphs
    assert INFERRED_GRAPH in graphs
    data_graphs = {f.graph for f in built.files if f.path != project.ontology_source}
    assert len(data_graphs) == len(project.data_files())
    assert set(graphs) == data_graphs | {ONTOLOGY_IRI, INFERRED_GRAPH}
    assert all(size > 0 for size in graph_sizes(built.store).values())


def test_every_data_graph_is_a_finding_with_source_and_status(built: BuildResult) -> None:
    from tests.conftest import rows

    found = rows(
        built.store,
        """SELECT ?g ?status (COUNT(?source) AS ?sources) WHERE {
             GRAPH ?g { ?g a mlo:Finding ; mlo:evidenceStatus ?status ; mlo:fromSource ?source } }
           GROUP BY ?g ?status""",
    )
    finding_graphs = {r["g"] for r in found}
    data_graphs = {f.graph for f in built.files} - {ONTOLOGY_IRI}
    assert data_graphs <= finding_graphs
    assert {r["status"].rsplit("#", 1)[1] for r in found} <= {
        "stated",
        "readFromFigure",
        "recalled",
        "derived",
    }


def test_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    bad = project.data_dir / "broken.ttl"
    bad.write_text(FINDING_HEADER + 'tool:x rdfs:label "unterminated .\n')
    with pytest.raises(InputFileError) as caught:
        build_graph(project)
    assert caught.value.location.path == bad
    assert caught.value.location.line == 7
    assert str(bad) in str(caught.value)


def test_file_without_a_finding_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    bad = project.data_dir / "orphan.ttl"
    bad.write_text(
        '<https://w3id.org/mlopskg/resource/tool/x> <http://www.w3.org/2000/01/rdf-schema#label> "x" .\n'
    )
    with pytest.raises(InputFileError, match="declares no mlo:Finding"):
        build_graph(project)


def test_two_files_with_the_same_finding_are_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project.data_dir / "a.ttl").write_text(FINDING_HEADER)
    (project.data_dir / "b.ttl").write_text(FINDING_HEADER)
    with pytest.raises(InputFileError, match="already declared by"):
        build_graph(project)


def test_integrity_violation_names_the_file_of_the_statement(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    bad = project.data_dir / "typo.ttl"
    bad.write_text(FINDING_HEADER + "src:kumara-2025 mlo:namesTool tool:mlfow .\n")
    with pytest.raises(DataIntegrityError) as caught:
        build_graph(project)
    assert any(str(bad) in p and "tool:mlfow" in p for p in caught.value.problems)


def test_failed_build_leaves_previous_store_intact(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    store_path = tmp_path / "store"
    first = build_graph(project)
    save_build(first, store_path)
    (project.data_dir / "broken.ttl").write_text("this is not turtle")
    with pytest.raises(InputFileError):
        save_build(build_graph(project), store_path)
    reopened = EmbeddedStore(store_path, read_only=True)
    assert len(reopened) == len(first.store)


def test_saved_store_is_current_until_a_source_changes(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    store_path = tmp_path / "store"
    save_build(build_graph(project), store_path)
    assert is_current(store_path, project)
    target = project.data_dir / "tools" / "catalogue.ttl"
    target.write_text(target.read_text() + "\n# edited\n")
    assert not is_current(store_path, project)


def test_save_replaces_an_existing_store(tmp_path: Path, built: BuildResult) -> None:
    store_path = tmp_path / "store"
    save_build(built, store_path)
    save_build(built, store_path)
    assert len(EmbeddedStore(store_path, read_only=True)) == len(built.store)
    assert not any(p.name.startswith(".store") for p in tmp_path.iterdir())


def test_extra_files_are_loaded_as_their_own_finding(project: ProjectFiles, tmp_path: Path) -> None:
    extra = tmp_path / "mine.ttl"
    extra.write_text(FINDING_HEADER + "src:kumara-2025 mlo:namesTool tool:feast .\n")
    result = build_graph(project, extra_files=[extra])
    assert "https://w3id.org/mlopskg/resource/finding/test" in result.store.named_graphs()

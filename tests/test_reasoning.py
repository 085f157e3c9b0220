"""HermiT through owlready2: the ontology is consistent, with no unsatisfiable class."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlopskg.errors import ReasonerError
from mlopskg.ontology_tools.reasoning import check_with_hermit, java_available
from mlopskg.resources import ProjectFiles

needs_java = pytest.mark.skipif(
    not java_available(), reason="no Java runtime on the PATH (make deps installs one)"
)


@needs_java
@pytest.mark.java
@pytest.mark.slow
def test_ontology_is_consistent_with_no_unsatisfiable_class(project: ProjectFiles) -> None:
    report = check_with_hermit(project.ontology_source)
    assert report.consistent and report.unsatisfiable_classes == []


@needs_java
@pytest.mark.java
@pytest.mark.slow
def test_hermit_finds_an_unsatisfiable_class(project: ProjectFiles, tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        project.ontology_source.read_text()
        + "\nmlo:Impossible a owl:Class ; rdfs:subClassOf mlo:Tool , mlo:Role .\n"
        + "mlo:Tool owl:disjointWith mlo:Role .\n"
    )
    report = check_with_hermit(broken)
    assert report.unsatisfiable_classes == ["https://w3id.org/mlopskg/ontology#Impossible"]
    assert not report.ok


def test_missing_java_is_a_clear_error(
    project: ProjectFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("mlopskg.ontology_tools.reasoning.shutil.which", lambda name: None)
    with pytest.raises(ReasonerError, match="no Java runtime"):
        check_with_hermit(project.ontology_source)

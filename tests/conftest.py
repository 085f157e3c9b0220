"""Shared fixtures: paths resolved from this file, parsed graphs built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlopskg.graph.build import BuildResult, build_graph
from mlopskg.resources import ProjectFiles, project_files
from mlopskg.stores.embedded import EmbeddedStore

TESTS_DIR = Path(__file__).resolve().parent
ROOT = TESTS_DIR.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def project() -> ProjectFiles:
    return project_files(ROOT)


@pytest.fixture(scope="session")
def built(project: ProjectFiles) -> BuildResult:
    """The real knowledge graph, built (with its integrity check) once for the session."""
    return build_graph(project)


@pytest.fixture(scope="session")
def graph(built: BuildResult) -> EmbeddedStore:
    return built.store


def rows(store: EmbeddedStore, sparql: str) -> list[dict[str, str]]:
    """A SELECT query's rows as dicts of plain values (IRIs and literal lexical forms)."""
    prefixes = (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
        "PREFIX mlo: <https://w3id.org/mlopskg/ontology#>\n"
    )
    result = store.query(prefixes + sparql)
    names = [v.value for v in result.variables]  # type: ignore[union-attr]
    return [
        {n: (row[n].value if row[n] is not None else "") for n in names}
        for row in result  # type: ignore[union-attr]
    ]

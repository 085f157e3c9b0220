"""The ontology quality checks: the real graph passes each; a fixture trips each.

Fixtures live in tests/qc/cases/<check>.ttl, one per ontology/qc/<check>.rq, with a first
comment line saying what trips it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mlopskg.graph.build import build_graph
from mlopskg.ontology_tools.quality import qc_queries, run_qc
from mlopskg.resources import ProjectFiles, project_files
from mlopskg.stores.embedded import EmbeddedStore
from tests.conftest import ROOT, TESTS_DIR

CHECKS = {q.name: q for q in qc_queries(project_files(ROOT))}
FIXTURES = TESTS_DIR / "qc" / "cases"


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_real_graph_passes(name: str, graph: EmbeddedStore) -> None:
    assert run_qc(graph, [CHECKS[name]]) == []


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_fixture_trips_the_check(name: str, project: ProjectFiles) -> None:
    fixture = FIXTURES / f"{name}.ttl"
    assert fixture.exists(), f"add {fixture}"
    assert fixture.read_text().startswith("# Trips ")
    store = build_graph(project, extra_files=[fixture], check=False).store
    assert run_qc(store, [CHECKS[name]]), f"{fixture.name} does not trip {name}"


def test_every_fixture_has_a_check() -> None:
    assert {p.stem for p in FIXTURES.glob("*.ttl")} == set(CHECKS)


def test_checks_are_the_violation_queries(project: ProjectFiles) -> None:
    names = {p.stem for p in Path(project.qc_dir).glob("*.rq")}
    assert names == set(CHECKS) and len(names) >= 6

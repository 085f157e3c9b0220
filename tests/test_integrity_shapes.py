"""The integrity shapes, tested with pairs: tests/shapes/integrity/<Shape>/valid-*.ttl must
conform to every shape; invalid-*.ttl must fail by that shape (its sh:sourceShape), with a
first comment line saying why it is invalid."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlopskg.graph.build import build_graph
from mlopskg.graph.integrity import check_integrity
from mlopskg.namespaces import MLSH
from mlopskg.resources import ProjectFiles
from tests.conftest import TESTS_DIR

CASES_DIR = TESTS_DIR / "shapes" / "integrity"
CASES = sorted(CASES_DIR.glob("*/*.ttl"))


def problems(project: ProjectFiles, case: Path) -> list[tuple[str, str]]:
    store = build_graph(project, data_files=[case], check=False).store
    shapes = sorted(project.integrity_shapes_dir.glob("*.ttl"))
    return [(p.source_shape, p.message) for p in check_integrity(store, shapes)]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.stem}" for c in CASES])
def test_case(case: Path, project: ProjectFiles) -> None:
    first = case.read_text().splitlines()[0]
    found = problems(project, case)
    if case.stem.startswith("valid"):
        assert first.startswith("# Valid: ")
        assert found == []
    else:
        assert first.startswith("# Invalid: ")
        assert str(MLSH[case.parent.name]) in {shape for shape, _ in found}, found


def test_every_targeted_shape_has_a_valid_and_an_invalid_case(project: ProjectFiles) -> None:
    import rdflib

    shapes = rdflib.Graph()
    for path in project.integrity_shapes_dir.glob("*.ttl"):
        shapes.parse(path)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    targeted = {
        str(s).removeprefix(str(MLSH))
        for p in (sh.targetClass, sh.targetSubjectsOf, sh.targetObjectsOf, sh.targetNode)
        for s in shapes.subjects(p, None)
    }
    for shape in targeted:
        stems = {p.stem.split("-")[0] for p in (CASES_DIR / shape).glob("*.ttl")}
        assert stems == {"valid", "invalid"}, shape

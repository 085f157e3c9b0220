"""The validation engine (pyrudof) against the W3C SHACL Core test suite: every test, and
among them those of each constraint component, target and path the architecture shapes use.

Each W3C test gives a data graph, a shapes graph and the expected ``sh:ValidationReport``;
the engine must agree on ``sh:conforms`` and on the results (focus node, severity,
constraint component and, where it is an IRI, the source shape).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyrudof
import pytest
import rdflib
from rdflib.collection import Collection

from tests.conftest import SHARED

SUITE = SHARED / "w3c" / "shacl-tests" / "core"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = rdflib.Namespace("http://www.w3.org/ns/shacl-test#")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")

#: The tests of the features the architecture shapes rely on (see shapes/architecture/).
USED = {
    "node": [
        "and-001",
        "and-002",
        "class-001",
        "class-002",
        "class-003",
        "in-001",
        "nodeKind-001",
        "not-001",
        "not-002",
        "or-001",
        "qualified-001",
    ],
    "property": [
        "and-001",
        "class-001",
        "in-001",
        "maxCount-001",
        "minCount-001",
        "minCount-002",
        "nodeKind-001",
        "not-001",
        "or-001",
        "property-001",
        "qualifiedMinCountDisjoint-001",
        "qualifiedValueShape-001",
        "qualifiedValueShapesDisjoint-001",
    ],
    "path": ["path-alternative-001", "path-inverse-001", "path-sequence-001"],
    "targets": [
        "targetClass-001",
        "targetObjectsOf-001",
        "targetSubjectsOf-001",
        "targetSubjectsOf-002",
        "multipleTargets-001",
    ],
    "misc": ["severity-001", "severity-002", "message-001"],
}
USED_CASES = [SUITE / folder / f"{name}.ttl" for folder, names in USED.items() for name in names]
#: Every core test (the features above and the rest): files with their own test entry.
CASES = sorted(
    path
    for path in SUITE.glob("*/*.ttl")
    if path.name != "manifest.ttl"
    and not path.stem.endswith(("-data", "-shapes"))
    and "sht:Validate" in path.read_text(encoding="utf-8")
)

pytestmark = [
    pytest.mark.skipif(
        not SUITE.is_dir(), reason=f"the W3C SHACL test suite is not at {SUITE} (../shared/w3c)"
    ),
    # Some tests hold deliberately ill-formed literals, which rdflib warns about.
    pytest.mark.filterwarnings("ignore::UserWarning"),
]


def _node(term: object) -> str:
    if isinstance(term, rdflib.BNode):
        return "_"
    if isinstance(term, rdflib.Literal):
        return str(term)
    return str(term)


def _engine_node(text: str | None) -> str:
    text = str(text or "")
    if text.startswith("_:"):
        return "_"
    if text.startswith('"'):
        return text[1 : text.index('"', 1)]
    return text.strip("<>")


def expected(path: Path) -> tuple[Path, Path, bool, Counter[tuple[str, str, str, str]]]:
    graph = rdflib.Graph().parse(path, format="turtle", publicID=path.as_uri())
    manifest = next(graph.subjects(rdflib.RDF.type, MF.Manifest))
    entry = next(iter(Collection(graph, graph.value(manifest, MF.entries))))
    action, result = graph.value(entry, MF.action), graph.value(entry, MF.result)
    data = Path(str(graph.value(action, SHT.dataGraph)).removeprefix("file://"))
    shapes = Path(str(graph.value(action, SHT.shapesGraph)).removeprefix("file://"))
    conforms = bool(graph.value(result, SH.conforms).toPython())
    results: Counter[tuple[str, str, str, str]] = Counter()
    for item in graph.objects(result, SH.result):
        shape = graph.value(item, SH.sourceShape)
        results[
            (
                _node(graph.value(item, SH.focusNode)),
                str(graph.value(item, SH.resultSeverity)).removeprefix(str(SH)),
                str(graph.value(item, SH.sourceConstraintComponent)),
                str(shape) if isinstance(shape, rdflib.URIRef) else "_",
            )
        ] += 1
    return data, shapes, conforms, results


def _severity(text: str) -> str:
    """pyrudof writes a custom severity as ``Severity(<iri>)``; the standard ones by name."""
    if text.startswith("Severity(") and text.endswith(")"):
        text = text[len("Severity(") : -1]
    return text.removeprefix(str(SH))


def engine(data: Path, shapes: Path) -> tuple[bool, Counter[tuple[str, str, str, str]]]:
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    strict = pyrudof.ReaderMode.Strict
    rudof.read_data(str(data), base=data.as_uri(), reader_mode=strict)
    rudof.read_shacl(str(shapes), base=shapes.as_uri(), reader_mode=strict)
    report = rudof.validate_shacl()
    results: Counter[tuple[str, str, str, str]] = Counter()
    for entry in report.violations:
        shape = str(entry.source_shape or "")
        results[
            (
                _engine_node(entry.focus_node),
                _severity(str(entry.severity)),
                str(entry.constraint_component),
                "_" if shape.startswith("_:") or not shape else shape.strip("<>"),
            )
        ] += 1
    return bool(report.conforms), results


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.stem}" for c in CASES])
def test_w3c_shacl_case(case: Path) -> None:
    data, shapes, conforms, results = expected(case)
    got_conforms, got = engine(data, shapes)
    assert got_conforms is conforms
    assert got == results


def test_the_features_the_shapes_use_are_covered() -> None:
    assert set(USED_CASES) <= set(CASES)
    assert len(CASES) > 90

"""Protégé compatibility, checked with the OWL API that Protégé is built on (Debian's
libowlapi-java): the ontology source and every release file load with imports resolved
through catalog-v001.xml, with no parse error, no uninterpreted triple and no OWL 2 DL
profile violation; and the ontology saved again by the OWL API, in RDF/XML and in Turtle
as Protégé saves it, comes back without loss and gives the same build and query results."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

from mlopskg.graph.build import build_graph
from mlopskg.ontology_tools.roundtrip import same_ontology
from mlopskg.queries.library import load_queries, run_query
from mlopskg.resources import ProjectFiles, project_files
from mlopskg.validation.inputs import read_files
from mlopskg.validation.render import render_json
from mlopskg.validation.rules import read_rules
from mlopskg.validation.shapes import reference_shapes
from mlopskg.validation.validator import Validator
from tests.conftest import ROOT

CHECKER = ROOT / "ontology" / "qc" / "owlapi" / "OwlApiCheck.java"
OWLAPI_JAR = Path("/usr/share/java/owlapi-distribution.jar")
CLASSPATH = "/usr/share/java/*"

pytestmark = [
    pytest.mark.java,
    pytest.mark.slow,
    pytest.mark.skipif(
        not (shutil.which("javac") and OWLAPI_JAR.exists()),
        reason="needs a JDK and Debian's libowlapi-java (`make deps` installs them as root)",
    ),
]


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory) -> Path:
    classes = tmp_path_factory.mktemp("owlapi")
    subprocess.run(
        ["javac", "-cp", CLASSPATH, "-d", str(classes), str(CHECKER)],
        check=True,
        capture_output=True,
    )
    return classes


def run_checker(classes: Path, *args: str) -> subprocess.CompletedProcess[str]:
    catalog = ROOT / "ontology" / "catalog-v001.xml"
    return subprocess.run(
        ["java", "-cp", f"{CLASSPATH}:{classes}", "OwlApiCheck", str(catalog), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def saved_by_owlapi(checker: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("saved")
    paths = {"rdfxml": out / "saved.owl", "turtle": out / "saved.ttl"}
    result = run_checker(
        checker,
        str(ROOT / "ontology" / "mlopskg-edit.ttl"),
        "--save-rdfxml",
        str(paths["rdfxml"]),
        "--save-turtle",
        str(paths["turtle"]),
    )
    assert result.returncode == 0, result.stdout
    return paths


def test_source_and_release_files_load_cleanly(checker: Path) -> None:
    files = [
        ROOT / "ontology" / name
        for name in ("mlopskg-edit.ttl", "mlopskg.ttl", "mlopskg.owl", "mlopskg.jsonld")
    ]
    result = run_checker(checker, *map(str, files))
    assert result.returncode == 0, result.stdout
    assert result.stdout.count(" 0 problem(s)") == 4


def test_checker_reports_profile_violations(checker: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        (ROOT / "ontology" / "mlopskg-edit.ttl").read_text() + "\nmlo:year rdfs:range xsd:gYear .\n"
    )
    result = run_checker(checker, str(bad))
    assert result.returncode == 1
    assert "PROFILE Use of undeclared datatype: xsd:gYear" in result.stdout


def test_checker_reports_parse_errors(checker: Path, tmp_path: Path) -> None:
    bad = tmp_path / "broken.owl"
    bad.write_text("<rdf:RDF this is not XML")
    result = run_checker(checker, str(bad))
    assert result.returncode == 1 and "PARSE" in result.stdout


@pytest.mark.parametrize("syntax", ["rdfxml", "turtle"])
def test_round_trip_is_lossless(saved_by_owlapi: dict[str, Path], syntax: str) -> None:
    assert same_ontology(ROOT / "ontology" / "mlopskg-edit.ttl", saved_by_owlapi[syntax])


@pytest.mark.parametrize("syntax", ["rdfxml", "turtle"])
def test_round_trip_gives_the_same_build_and_answers(
    saved_by_owlapi: dict[str, Path], syntax: str, project: ProjectFiles, tmp_path: Path
) -> None:
    for name in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(ROOT / name, tmp_path / name)
    fmt = ox.RdfFormat.RDF_XML if syntax == "rdfxml" else ox.RdfFormat.TURTLE
    triples = [q.triple for q in ox.parse(path=str(saved_by_owlapi[syntax]), format=fmt)]
    (tmp_path / "ontology" / "mlopskg-edit.ttl").write_bytes(
        ox.serialize(triples, format=ox.RdfFormat.TURTLE) or b""
    )
    original = build_graph(project).store
    round_tripped = build_graph(project_files(tmp_path)).store
    assert len(round_tripped) == len(original)

    def answers(store: object, query: object) -> set[tuple[str, ...]]:
        return {tuple(str(t) for t in row) for row in run_query(store, query)}  # type: ignore[arg-type, union-attr]

    for name, query in load_queries(ROOT / "queries").items():
        assert answers(round_tripped, query) == answers(original, query), name

    # Validation gives identical results: the same generated shapes, and the same reports for
    # every example with the round-tripped ontology in the data graph.
    committed = (ROOT / "shapes" / "architecture" / "reference.ttl").read_text()
    assert reference_shapes(read_rules(round_tripped)) == committed
    ontology_nt = tmp_path / "round-tripped.nt"
    ontology_nt.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
    shape_files = sorted((ROOT / "shapes" / "architecture").glob("*.ttl"))
    before = Validator(read_rules(original), shape_files, ROOT / "ontology" / "mlopskg.nt")
    after = Validator(read_rules(round_tripped), shape_files, ontology_nt)
    for example in sorted((ROOT / "examples").glob("*.ttl")):
        description = read_files([str(example)])
        assert render_json(after.validate(description)) == render_json(
            before.validate(description)
        ), example.name

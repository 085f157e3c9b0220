"""The architecture shapes: generated from the graph, annotated, and each one tested with a
valid and an invalid description (the invalid one fails by that very shape).

The generated shapes are tested by constructing the pair from the shape's own rule (its
kind, flow, requirement or accepted tools); the hand-written ones in description.ttl have
fixture files in tests/shapes/architecture/<Shape>/valid-*.ttl and invalid-*.ttl.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from mlopskg.namespaces import MLO, MLSH
from mlopskg.resources import ProjectFiles
from mlopskg.stores.embedded import EmbeddedStore
from mlopskg.validation.checks.components import presence_shape_iri
from mlopskg.validation.checks.flows import flow_shape_iri
from mlopskg.validation.checks.requirements import requirement_shape_iri
from mlopskg.validation.checks.tools import tool_shape_iri
from mlopskg.validation.rules import read_rules
from mlopskg.validation.shapes import reference_shapes
from mlopskg.validation.validator import Validator
from tests.conftest import TESTS_DIR, rows
from tests.validation.conftest import PREFIXES, describe, run, shapes_hit

CASES_DIR = TESTS_DIR / "shapes" / "architecture"
CASES = sorted(CASES_DIR.glob("*/*.ttl"))


def test_the_generated_shapes_match_the_data(project: ProjectFiles, graph: EmbeddedStore) -> None:
    committed = (project.shapes_dir / "architecture" / "reference.ttl").read_text()
    assert committed == reference_shapes(read_rules(graph)), "run `mlopskg shapes`"


def test_every_shape_is_named_with_a_message_and_a_severity(validator: Validator) -> None:
    store = ox.Store()
    store.load(validator.shapes.encode(), format=ox.RdfFormat.TURTLE)
    missing = store.query(
        """PREFIX sh: <http://www.w3.org/ns/shacl#>
        SELECT ?shape WHERE {
          ?shape a ?type . VALUES ?type { sh:NodeShape sh:PropertyShape }
          FILTER(isIRI(?shape) && NOT EXISTS { ?shape sh:rule ?rule })
          FILTER(NOT EXISTS { ?shape sh:name ?n } || NOT EXISTS { ?shape sh:message ?m }
                 || NOT EXISTS { ?shape sh:severity ?s })
        }"""
    )
    assert [row["shape"] for row in missing] == []  # type: ignore[union-attr]
    assert len(validator.catalog) > 100


def test_the_severity_rule(graph: EmbeddedStore, validator: Validator) -> None:
    """Violation exactly for the kinds at least two reference architectures include."""
    counted = rows(
        graph,
        """SELECT ?kind (COUNT(DISTINCT ?a) AS ?n) WHERE {
             ?a a mlo:ReferenceArchitecture ; mlo:hasComponent ?c . ?c a ?kind .
             ?kind rdfs:subClassOf mlo:Component } GROUP BY ?kind""",
    )
    in_two = {row["kind"] for row in counted if int(row["n"]) >= 2}
    for rule in validator.rules.kinds:
        severity = validator.catalog[presence_shape_iri(rule.kind)].severity
        if rule.kind in in_two:
            assert severity == "Violation", rule.kind
        elif str(MLO.ExternalActor) in validator.rules.broader[rule.kind]:
            assert severity == "Info", rule.kind
        else:
            assert severity == "Warning", rule.kind
    essential = {
        rule.kind.removeprefix(str(MLO))
        for rule in validator.rules.kinds
        if rule.severity == "Violation"
    }
    assert {
        "ModelRegistry",
        "CICDEngine",
        "MonitoringService",
        "MetadataStore",
        "PipelineOrchestrator",
    } <= essential


# --- generated shapes: pairs built from each shape's rule ---------------------------------


def _other_kind(validator: Validator, avoid: set[str]) -> str:
    """A checked kind that is none of ``avoid`` nor narrower than one of them."""
    for rule in validator.rules.kinds:
        if not ({rule.kind} | validator.rules.broader[rule.kind]) & avoid and not (
            validator.rules.narrower(rule.kind) & avoid
        ):
            return rule.kind
    raise AssertionError(avoid)


def _arch(*components: str) -> str:
    names = " , ".join(f"ex:c{i}" for i in range(len(components)))
    body = "".join(f"ex:c{i} {text} .\n" for i, text in enumerate(components))
    return f"ex:platform a mlo:ArchitectureDescription ; mlo:hasComponent {names} .\n{body}"


def _presence_cases(validator: Validator) -> list[tuple[str, str, str]]:
    cases = []
    for rule in validator.rules.kinds:
        other = _other_kind(validator, {rule.kind})
        cases.append(
            (presence_shape_iri(rule.kind), _arch(f"a <{rule.kind}>"), _arch(f"a <{other}>"))
        )
    return cases


def _tool_cases(validator: Validator) -> list[tuple[str, str, str]]:
    cases = []
    for rule in validator.rules.tool_fits:
        outside = [tool for tool in validator.rules.known_tools if tool not in rule.accepted]
        if not outside:
            continue
        cases.append(
            (
                tool_shape_iri(rule.kind),
                _arch(f"a <{rule.kind}> ; mlo:usesTool <{rule.accepted[0]}>"),
                _arch(f"a <{rule.kind}> ; mlo:usesTool <{outside[0]}>"),
            )
        )
    return cases


def _flow_cases(validator: Validator) -> list[tuple[str, str, str]]:
    cases = []
    for rule in validator.rules.flows:
        source, target = rule.from_kinds[0], rule.to_kinds[0]
        if source == target:
            continue
        cases.append(
            (
                flow_shape_iri(rule.flow),
                _arch(f"a <{source}> ; mlo:flowsTo ex:c1", f"a <{target}>"),
                _arch(f"a <{source}>", f"a <{target}>"),
            )
        )
    return cases


def _requirement_cases(validator: Validator) -> list[tuple[str, str, str]]:
    cases = []
    for rule in validator.rules.requirements:
        other = _other_kind(validator, set(rule.kinds))
        cases.append(
            (requirement_shape_iri(rule), _arch(f"a <{rule.kinds[0]}>"), _arch(f"a <{other}>"))
        )
    return cases


def _all_cases(validator: Validator) -> list[tuple[str, str, str]]:
    known = f"a <{MLO.ModelRegistry}> ; mlo:usesTool tool:mlflow"
    unknown = f"a <{MLO.ModelRegistry}> ; mlo:usesTool <https://example.org/test#our-tool>"
    return [
        *_presence_cases(validator),
        *_tool_cases(validator),
        *_flow_cases(validator),
        *_requirement_cases(validator),
        (f"{MLSH}KnownToolShape", _arch(known), _arch(unknown)),
    ]


def test_every_generated_shape_has_a_failing_and_a_passing_description(
    validator: Validator,
) -> None:
    cases = _all_cases(validator)
    assert len(cases) > 100
    tested = {shape for shape, _, _ in cases}
    generated = {iri for iri, info in validator.catalog.items() if info.category != "description"}
    generated -= {f"{MLSH}ComponentKindsRule"}  # a rule, no constraint: test_component_kinds
    # Shapes without a pair: tool-fit shapes whose kind accepts every known tool (none today).
    assert generated - tested == set()
    failures = []
    for shape, valid, invalid in cases:
        if shape in shapes_hit(run(validator, valid)):
            failures.append(f"{shape}: the valid case fails by it")
        if shape not in shapes_hit(run(validator, invalid)):
            failures.append(f"{shape}: the invalid case does not fail by it")
    assert failures == []


# --- hand-written shapes: fixture pairs ----------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.stem}" for c in CASES])
def test_description_shape_case(case: Path, validator: Validator) -> None:
    text = case.read_text()
    first = text.splitlines()[0]
    hit = shapes_hit(validator.validate(describe(text.replace(PREFIXES, ""))))
    shape = str(MLSH[case.parent.name])
    if case.stem.startswith("valid"):
        assert first.startswith("# Valid: ")
        assert shape not in hit
    else:
        assert first.startswith("# Invalid: ")
        assert shape in hit


def test_every_hand_written_shape_has_a_valid_and_an_invalid_case(validator: Validator) -> None:
    hand_written = {
        iri.removeprefix(str(MLSH))
        for iri, info in validator.catalog.items()
        if info.category == "description"
    }
    assert hand_written
    for shape in hand_written:
        stems = {p.stem.split("-")[0] for p in (CASES_DIR / shape).glob("*.ttl")}
        assert stems == {"valid", "invalid"}, shape

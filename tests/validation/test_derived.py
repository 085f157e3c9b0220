"""What is derived before validation: the component kinds (mlsh:componentKind, what the
path mlo:hasComponent/rdf:type/rdfs:subClassOf* reaches) and the seed's flows realised
(mlsh:realizesFlow), for architectures only, and never what a description states itself."""

from __future__ import annotations

import pyoxigraph as ox

from mlopskg.namespaces import MLO, MLSH
from mlopskg.validation.derived import COMPONENT_KIND, REALIZES_FLOW, derive, with_derived
from mlopskg.validation.rules import FlowRule
from mlopskg.validation.validator import Validator
from tests.validation.conftest import describe, run, shapes_hit

EX = "https://example.org/test#"


def _kinds(validator: Validator, turtle: str) -> dict[str, set[str]]:
    derived = [
        t
        for t in derive(describe(turtle).triples, validator._subclass_edges)
        if t.predicate == COMPONENT_KIND
    ]
    found: dict[str, set[str]] = {}
    for triple in derived:
        assert triple.predicate == COMPONENT_KIND
        found.setdefault(triple.subject.value, set()).add(triple.object.value)
    return found


def test_kinds_include_broader_ones_from_the_ontology_and_the_description(
    validator: Validator,
) -> None:
    found = _kinds(
        validator,
        "ex:platform a mlo:ArchitectureDescription ; mlo:hasComponent ex:a , ex:b .\n"
        "ex:a a mlo:BatchServingPipeline .\n"
        "ex:Mine rdfs:subClassOf mlo:ModelRegistry .\n"
        "ex:b a ex:Mine .\n",
    )
    kinds = found[EX + "platform"]
    assert {str(MLO.BatchServingPipeline), str(MLO.ServingPipeline)} <= kinds
    assert {EX + "Mine", str(MLO.ModelRegistry), str(MLO.Component)} <= kinds


def test_only_architectures_get_kinds(validator: Validator) -> None:
    found = _kinds(
        validator,
        "ex:platform a mlo:ArchitectureDescription ; mlo:hasComponent ex:a .\n"
        "ex:a a mlo:ModelRegistry .\n"
        "ex:other mlo:hasComponent ex:a .\n",  # not typed as an architecture
    )
    assert set(found) == {EX + "platform"}


def test_stated_component_kinds_are_dropped(validator: Validator) -> None:
    stated = (
        "ex:platform a mlo:ArchitectureDescription ; mlo:hasComponent ex:a ;\n"
        f"    <{MLSH.componentKind}> mlo:FeatureStore ;\n"
        f"    <{MLSH.realizesFlow}> <{MONITORING_TO_DEVELOPMENT}> .\n"
        "ex:a a mlo:ModelRegistry .\n"
    )
    triples = with_derived(describe(stated).triples, validator._subclass_edges)
    objects = {t.object for t in triples if t.predicate == COMPONENT_KIND}
    assert ox.NamedNode(str(MLO.ModelRegistry)) in objects
    assert ox.NamedNode(str(MLO.FeatureStore)) not in objects
    assert not [t for t in triples if t.predicate == REALIZES_FLOW]
    # ... so a description cannot claim a feature store it does not have.
    assert f"{MLSH}FeatureStorePresentShape" in shapes_hit(run(validator, stated))


def _flows(validator: Validator, turtle: str, rules: list[FlowRule] | None = None) -> set[str]:
    checked = validator._architecture_flows if rules is None else rules
    triples = derive(describe(turtle).triples, validator._subclass_edges, checked)
    return {t.object.value for t in triples if t.predicate == REALIZES_FLOW}


MONITORING_TO_DEVELOPMENT = (
    "https://w3id.org/mlopskg/resource/flow/kumara-2025-monitoring-zone-to-development-zone"
)


def test_a_zone_flow_is_realized_by_any_component_of_the_zone(validator: Validator) -> None:
    assert MONITORING_TO_DEVELOPMENT in {f.flow for f in validator._architecture_flows}
    sends = (
        "ex:platform a mlo:ArchitectureDescription ; mlo:hasComponent ex:monitor , ex:lab .\n"
        "ex:monitor a mlo:ServingMonitoringPipeline ; mlo:flowsTo ex:lab .\n"
        "ex:lab a mlo:ExperimentationPipeline .\n"
    )
    assert MONITORING_TO_DEVELOPMENT in _flows(validator, sends)
    backwards = sends.replace(
        "ex:monitor a mlo:ServingMonitoringPipeline ; mlo:flowsTo ex:lab .",
        "ex:monitor a mlo:ServingMonitoringPipeline .",
    ).replace(
        "ex:lab a mlo:ExperimentationPipeline .",
        "ex:lab a mlo:ExperimentationPipeline ; mlo:flowsTo ex:monitor .",
    )
    assert MONITORING_TO_DEVELOPMENT not in _flows(validator, backwards)
    # The sender must be a component of the architecture.
    outside = sends.replace("mlo:hasComponent ex:monitor , ex:lab", "mlo:hasComponent ex:lab")
    assert MONITORING_TO_DEVELOPMENT not in _flows(validator, outside)


def test_a_flow_in_either_direction_counts_what_the_component_receives(
    validator: Validator,
) -> None:
    either = FlowRule(
        flow=EX + "flow",
        label="test flow",
        from_kinds=(str(MLO.FeatureStore),),
        to_kinds=(str(MLO.TrainingPipeline),),
        either_direction=True,
        sources=(),
    )
    receives = (
        "ex:platform a mlo:ArchitectureDescription ; mlo:hasComponent ex:store .\n"
        "ex:store a mlo:FeatureStore .\n"
        "ex:train a mlo:TrainingPipeline ; mlo:flowsTo ex:store .\n"
    )
    assert _flows(validator, receives, [either]) == {EX + "flow"}
    one_way = FlowRule(**{**either.__dict__, "either_direction": False})
    assert _flows(validator, receives, [one_way]) == set()

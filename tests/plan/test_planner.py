"""Plans on a small graph: fewest new tools, tools in use, constraints and their explanations."""

from __future__ import annotations

import datetime

import pyoxigraph as ox
import pytest

from mlopskg.plan import PlanConstraints, make_plan
from mlopskg.plan.render import to_html, to_json, to_text, to_turtle

MLO = "https://w3id.org/mlopskg/ontology#"
T = "https://w3id.org/mlopskg/resource/tool/"
TODAY = datetime.date(2026, 12, 2)

GRAPH = """
@prefix mlo: <https://w3id.org/mlopskg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix tool: <https://w3id.org/mlopskg/resource/tool/> .
@prefix cloud: <https://w3id.org/mlopskg/resource/cloud/> .
@prefix src: <https://w3id.org/mlopskg/resource/source/> .
@prefix licence: <https://w3id.org/mlopskg/resource/licence/> .

mlo:FeatureStore rdfs:label "feature store" ; rdfs:subClassOf mlo:FeatureStore .
mlo:ModelRegistry rdfs:label "model registry" ; rdfs:subClassOf mlo:ModelRegistry .
mlo:GovernanceDashboard rdfs:label "governance dashboard" ; rdfs:subClassOf mlo:GovernanceDashboard .
src:a rdfs:label "Source A" . src:b rdfs:label "Source B" .

tool:feast a mlo:Tool ; rdfs:label "Feast" ; mlo:realizes mlo:FeatureStore ;
    mlo:licenceStatement licence:feast ; mlo:latestReleaseDate "2026-11-01"^^xsd:date .
licence:feast mlo:licenceKind mlo:openSource ; mlo:licenceText "Apache-2.0" ;
    schema:license <https://spdx.org/licenses/Apache-2.0> ; mlo:checkedOn "2026-12-02"^^xsd:date .
src:a mlo:namesTool tool:feast . src:b mlo:namesTool tool:feast .

tool:old-store a mlo:Tool ; rdfs:label "Old Store" ; mlo:realizes mlo:FeatureStore ;
    mlo:licenceStatement licence:old ; mlo:latestReleaseDate "2021-01-01"^^xsd:date .
licence:old mlo:licenceKind mlo:openSource ; mlo:licenceText "MIT" ;
    schema:license <https://spdx.org/licenses/MIT> ; mlo:checkedOn "2026-12-02"^^xsd:date .
src:a mlo:namesTool tool:old-store . src:b mlo:namesTool tool:old-store .

tool:mlflow a mlo:Tool ; rdfs:label "MLflow" ; mlo:realizes mlo:ModelRegistry ;
    mlo:licenceStatement licence:mlflow .
licence:mlflow mlo:licenceKind mlo:openSource ; mlo:licenceText "Apache-2.0" ;
    schema:license <https://spdx.org/licenses/Apache-2.0> ; mlo:checkedOn "2026-12-02"^^xsd:date .
src:a mlo:namesTool tool:mlflow .

tool:sagemaker a mlo:Tool ; rdfs:label "Amazon SageMaker" ;
    mlo:realizes mlo:FeatureStore , mlo:ModelRegistry ; mlo:cloudPlatform cloud:aws ;
    mlo:licenceStatement licence:sagemaker .
licence:sagemaker mlo:licenceKind mlo:commercial ; mlo:licenceText "commercial service (AWS)" ;
    mlo:checkedOn "2026-12-02"^^xsd:date .
src:a mlo:namesTool tool:sagemaker .
"""


@pytest.fixture(scope="module")
def store() -> ox.Store:
    graph = ox.Store()
    graph.load(GRAPH.encode(), ox.RdfFormat.TURTLE)
    return graph


def report(*kinds: str, severity: str = "Violation") -> dict[str, object]:
    return {
        "results": [
            {"severity": severity, "missingComponent": MLO + kind, "category": "component"}
            for kind in kinds
        ]
    }


def labels(plan: object) -> list[str]:
    return sorted(c.candidate.label for c in plan.chosen)  # type: ignore[attr-defined]


def test_one_tool_that_fills_both_gaps_beats_two(store: ox.Store) -> None:
    plan = make_plan(store, report("FeatureStore", "ModelRegistry"), [], today=TODAY)
    assert labels(plan) == ["Amazon SageMaker"] and plan.new_tools == 1 and plan.optimal


def test_open_source_only_excludes_commercial_services_and_says_so(store: ox.Store) -> None:
    plan = make_plan(
        store,
        report("FeatureStore", "ModelRegistry"),
        [],
        PlanConstraints(open_source_only=True),
        today=TODAY,
    )
    assert labels(plan) == ["Feast", "MLflow"]
    reasons = {e.label: e.reason for e in plan.exclusions[MLO + "ModelRegistry"]}
    assert "not open source: commercial service (AWS)" in reasons["Amazon SageMaker"]


def test_a_tool_in_use_costs_nothing_new(store: ox.Store) -> None:
    plan = make_plan(store, report("FeatureStore", "ModelRegistry"), [T + "mlflow"], today=TODAY)
    assert plan.new_tools == 1
    assert labels(plan) == ["Feast", "MLflow"]
    assert [c.new for c in plan.chosen if c.candidate.label == "MLflow"] == [False]


def test_ties_go_to_the_maintained_tool(store: ox.Store) -> None:
    plan = make_plan(store, report("FeatureStore"), [], PlanConstraints(cloud="none"), today=TODAY)
    assert labels(plan) == ["Feast"]
    runners = plan.chosen[0].runners_up[MLO + "FeatureStore"]
    assert [r.label for r in runners] == ["Old Store"]
    assert "no release in 24 months" not in to_text(plan, today=TODAY)
    assert (
        to_json(plan, today=TODAY)["chosen"][0]["runnersUp"][MLO + "FeatureStore"][0]["maintained"]
        is False
    )


def test_cloud_constraint_names_the_provider(store: ox.Store) -> None:
    plan = make_plan(store, report("ModelRegistry"), [], PlanConstraints(cloud="gcp"), today=TODAY)
    assert labels(plan) == ["MLflow"]
    reason = plan.exclusions[MLO + "ModelRegistry"][0].reason
    assert "Amazon Web Services, not Google Cloud" in reason


def test_infeasible_constraints_are_explained_not_an_error(store: ox.Store) -> None:
    plan = make_plan(
        store,
        report("FeatureStore", "GovernanceDashboard"),
        [],
        PlanConstraints(exclude=(T + "feast", T + "old-store", T + "sagemaker")),
        today=TODAY,
    )
    assert plan.chosen == [] and len(plan.unfilled) == 2
    text = to_text(plan, today=TODAY)
    assert "governance dashboard: no tool in the catalogue can serve as it" in text
    assert "Feast: excluded by --exclude" in text


def test_max_tools_leaves_gaps_and_says_which_tools_could_fill_them(store: ox.Store) -> None:
    plan = make_plan(
        store,
        report("FeatureStore", "ModelRegistry"),
        [],
        PlanConstraints(open_source_only=True, max_tools=1),
        today=TODAY,
    )
    assert plan.new_tools == 1 and len(plan.unfilled) == 1
    assert "left out by --max-tools 1" in to_text(plan, today=TODAY)


def test_allowed_licences(store: ox.Store) -> None:
    plan = make_plan(
        store, report("FeatureStore"), [], PlanConstraints(allowed_licences=("MIT",)), today=TODAY
    )
    assert labels(plan) == ["Old Store"]


def test_warnings_are_gaps_only_at_warning_severity(store: ox.Store) -> None:
    warned = report("FeatureStore", severity="Warning")
    assert make_plan(store, warned, [], today=TODAY).gaps == []
    assert (
        len(make_plan(store, warned, [], PlanConstraints(severity="warning"), today=TODAY).gaps)
        == 1
    )


def test_other_formats(store: ox.Store) -> None:
    plan = make_plan(store, report("FeatureStore", "ModelRegistry"), [], today=TODAY)
    graph = ox.Store()
    graph.load(to_turtle(plan).encode(), ox.RdfFormat.TURTLE)
    assert graph.query(
        "ASK { ?l <https://schema.org/itemListElement>/<https://schema.org/item> <"
        + T
        + "sagemaker> }"
    )
    assert "<table>" in to_html(plan, today=TODAY) and "Amazon SageMaker" in to_html(
        plan, today=TODAY
    )


def test_a_policy_allow_list_keeps_only_its_tools(store: ox.Store) -> None:
    plan = make_plan(
        store,
        report("FeatureStore"),
        [],
        PlanConstraints(allowed_tools=(T + "old-store",)),
        today=TODAY,
    )
    assert labels(plan) == ["Old Store"]
    reasons = {e.label: e.reason for e in plan.exclusions[MLO + "FeatureStore"]}
    assert reasons["Feast"] == "not on the policy's list of allowed tools"

"""The examples of examples/ validate with the outcome their header comment promises."""

from __future__ import annotations

import json

import pytest

from mlopskg.cli import main
from mlopskg.namespaces import MLO
from mlopskg.resources import ProjectFiles
from mlopskg.validation.validator import Validator
from tests.validation.conftest import example

GOOGLE = "https://w3id.org/mlopskg/resource/maturity-model/google-mlops-levels"
MICROSOFT = "https://w3id.org/mlopskg/resource/maturity-model/microsoft-mlops-maturity"

#: name -> (conforms, Google level, Microsoft level, kinds reported missing, kinds not reported)
EXPECTED = {
    "notebook-and-web-service": (
        False,
        0,
        0,
        {"ModelRegistry", "CICDEngine", "MonitoringService", "PipelineOrchestrator"},
        {"PredictionService", "ComputeResources", "VersionControl"},
    ),
    "open-source-kubernetes": (
        True,
        2,
        4,
        {"GovernanceDashboard"},
        {"ModelRegistry", "FeatureStore"},
    ),
    "managed-cloud-aws": (True, 2, 0, {"ApplicationCodeVersionControl"}, {"ModelRegistry"}),
    "managed-cloud-azure": (True, 2, 0, {"DataPipeline"}, {"EventBus", "MetadataStore"}),
    "streaming-online-learning": (False, 0, 0, {"ModelRegistry", "CICDEngine"}, {"EventBus"}),
    "research-extension": (False, 1, 0, {"CICDEngine", "MonitoringService"}, {"ModelRegistry"}),
}


def test_there_are_at_least_six_examples_and_each_is_expected(project: ProjectFiles) -> None:
    names = {path.stem for path in project.examples_dir.glob("*.ttl")}
    assert len(names) >= 6
    assert names == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_outcome(name: str, project: ProjectFiles, validator: Validator) -> None:
    conforms, google, microsoft, missing, present = EXPECTED[name]
    outcome = validator.validate(example(project, name))
    assert len(outcome.reports) == 1
    report = outcome.reports[0]
    assert report.conforms is conforms
    levels = {estimate.model: estimate.level for estimate in report.maturity}
    assert levels == {GOOGLE: google, MICROSOFT: microsoft}
    reported = {r.missing_component for r in report.results if r.missing_component}
    assert {str(MLO[k]) for k in missing} <= reported
    assert not {str(MLO[k]) for k in present} & reported


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_from_the_command_line(
    name: str, project: ProjectFiles, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["validate", str(project.examples_dir / f"{name}.ttl"), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == (0 if EXPECTED[name][0] else 1)
    assert report["conforms"] is EXPECTED[name][0]


def test_the_kubernetes_stack_has_every_expected_flow(
    project: ProjectFiles, validator: Validator
) -> None:
    report = validator.validate(example(project, "open-source-kubernetes")).reports[0]
    assert report.coverage["flows"]["present"] == report.coverage["flows"]["expected"] > 20
    assert not [r for r in report.results if r.category in ("flow", "tool")]


def test_the_streaming_example_counts_its_own_flow_sub_property(
    project: ProjectFiles, validator: Validator
) -> None:
    report = validator.validate(example(project, "streaming-online-learning")).reports[0]
    missing = {r.flow.rsplit("/", 1)[-1] for r in report.results if r.flow}
    # ex:streamsTo (a sub-property of mlo:flowsTo) links stream scoring to the prediction store.
    assert "kumara-2025-stream-serving-pipeline-to-prediction-store" not in missing
    assert "kumara-2025-prediction-store-to-prediction-service" in missing


def test_the_research_extension_checks_its_own_requirements(
    project: ProjectFiles, validator: Validator
) -> None:
    report = validator.validate(example(project, "research-extension")).reports[0]
    user = [r for r in report.results if "UserRequirementShape" in r.shape]
    assert [r.requirements for r in user] == [["https://example.org/lab#audit-trail"]]
    assert user[0].severity == "Warning"
    assert report.coverage["requirements"]["checked"] == len(validator.rules.requirements) + 2

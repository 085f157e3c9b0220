"""Roles from evidence (issue 11 item 4): kinds only where the evidence tells the role."""

from __future__ import annotations

from pathlib import Path

from mlopskg.scan import SignatureIndex
from tests.scan.conftest import MLO, TOOL, kinds_of, scan_files


def test_mlflow_registry_calls_make_a_model_registry(tmp_path: Path, index: SignatureIndex) -> None:
    result = scan_files(
        tmp_path,
        index,
        {"register.py": "import mlflow\nmlflow.register_model('runs:/1/model', 'churn')\n"},
    )
    assert kinds_of(result, "mlflow") == {"ModelRegistry"}
    (component,) = result.components
    # The role evidence and the identifying import; confidence is the highest of them.
    assert [(e.line, e.matched_text) for e in component.evidence] == [
        (1, "mlflow"),
        (2, "mlflow.register_model"),
    ]
    assert component.confidence == 0.8
    assert not result.sightings


def test_mlflow_logging_makes_a_metadata_store_not_a_registry(
    tmp_path: Path, index: SignatureIndex
) -> None:
    result = scan_files(
        tmp_path, index, {"train.py": "import mlflow\nmlflow.log_metric('auc', 0.9)\n"}
    )
    assert kinds_of(result, "mlflow") == {"MetadataStore"}


def test_both_roles_give_two_components_each_with_its_own_evidence(
    tmp_path: Path, index: SignatureIndex
) -> None:
    result = scan_files(
        tmp_path,
        index,
        {
            "train.py": "import mlflow\nmlflow.log_metric('auc', 0.9)\n",
            "deploy.py": "import mlflow\nuri = 'models:/churn/Production'\n",
        },
    )
    assert kinds_of(result, "mlflow") == {"MetadataStore", "ModelRegistry"}
    by_kind = {c.kind.removeprefix(MLO): c for c in result.components}
    registry_texts = {e.matched_text for e in by_kind["ModelRegistry"].evidence}
    assert "mlflow.log_metric" not in registry_texts
    assert "models:/" in registry_texts


def test_an_ambiguous_tool_stays_a_sighting(tmp_path: Path, index: SignatureIndex) -> None:
    result = scan_files(tmp_path, index, {"requirements.txt": "mlflow\nkfp\n"})
    assert not result.components
    sightings = {s.tool.removeprefix(TOOL): s for s in result.sightings}
    assert set(sightings) == {"mlflow", "kubeflow-pipelines"}
    assert {k.removeprefix(MLO) for k in sightings["mlflow"].candidate_kinds} == {
        "MetadataStore",
        "ModelRegistry",
        "PredictionService",
    }


def test_a_tool_with_one_kind_gets_it(tmp_path: Path, index: SignatureIndex) -> None:
    result = scan_files(tmp_path, index, {"features.py": "from feast import FeatureStore\n"})
    assert kinds_of(result, "feast") == {"FeatureStore"}


def test_a_tool_without_kinds_is_a_sighting_without_candidates(
    tmp_path: Path, index: SignatureIndex
) -> None:
    result = scan_files(tmp_path, index, {"requirements.txt": "pandas\n"})
    assert [(s.tool.removeprefix(TOOL), s.candidate_kinds) for s in result.sightings] == [
        ("pandas", [])
    ]


def test_a_format_hint_counts_only_for_a_tool_that_realises_the_kind(
    tmp_path: Path, index: SignatureIndex
) -> None:
    # DVC run as a container's entry point: DVC does not realise a prediction service.
    result = scan_files(tmp_path, index, {"Dockerfile": 'CMD ["dvc", "repro"]\n'})
    assert kinds_of(result, "dvc") == set()
    assert any(s.tool == TOOL + "dvc" for s in result.sightings)


def test_kinds_that_files_cannot_show_are_named(tmp_path: Path, index: SignatureIndex) -> None:
    result = scan_files(tmp_path, index, {"requirements.txt": "mlflow\n"})
    names = {k.removeprefix(MLO) for k in result.not_observable}
    assert names == {
        "GovernanceDashboard",
        "GovernancePolicyManagement",
        "ReportGenerator",
        "DataSource",
        "ModelConsumer",
        "RetrainingTrigger",
        "RollbackTrigger",
    }

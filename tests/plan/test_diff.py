"""mlopskg diff: one test per kind of change, on the examples' reports and hand-made ones."""

from __future__ import annotations

from typing import Any

from mlopskg.plan.diff import diff_reports, to_json, to_text

K = "https://w3id.org/mlopskg/ontology#"
G = "https://w3id.org/mlopskg/resource/maturity-model/google-mlops-levels"


def report(**parts: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "label": "P",
        "conforms": False,
        "counts": {"Violation": 1, "Warning": 0, "Info": 0},
        "components": [],
        "results": [],
        "maturity": [],
    }
    base.update(parts)
    return base


def component(kind: str, *tools: str) -> dict[str, Any]:
    return {"kinds": [K + kind], "tools": list(tools)}


def test_a_component_kind_added_and_one_removed() -> None:
    diff = diff_reports(
        report(components=[component("ModelRegistry")]),
        report(components=[component("FeatureStore")]),
    )
    assert [(c.change, c.iri) for c in diff.of("component kind")] == [
        ("added", K + "FeatureStore"),
        ("removed", K + "ModelRegistry"),
    ]


def test_a_tool_swapped() -> None:
    diff = diff_reports(
        report(components=[component("ModelRegistry", "tool:mlflow")]),
        report(components=[component("ModelRegistry", "tool:wandb")]),
        label_of=lambda iri: iri.split(":")[-1],
    )
    assert [(c.change, c.label) for c in diff.of("tool")] == [
        ("added", "wandb"),
        ("removed", "mlflow"),
    ]
    assert diff.of("component kind") == []


def flow_result(flow: str) -> dict[str, Any]:
    return {
        "category": "flow",
        "severity": "Warning",
        "shape": "s:" + flow,
        "missingFlow": {"flow": flow},
    }


def test_a_flow_now_realised_and_one_now_missing() -> None:
    diff = diff_reports(report(results=[flow_result("f:1")]), report(results=[flow_result("f:2")]))
    assert [(c.change, c.iri, c.detail) for c in diff.of("flow")] == [
        ("added", "f:1", "now realised"),
        ("removed", "f:2", "now missing"),
    ]


def test_a_requirement_now_addressed() -> None:
    unaddressed = {
        "category": "requirement",
        "severity": "Info",
        "shape": "s:r",
        "requirements": ["r:1"],
    }
    diff = diff_reports(report(results=[unaddressed]), report())
    assert [(c.change, c.iri) for c in diff.of("requirement")] == [("added", "r:1")]
    assert [(c.change, c.label) for c in diff.of("finding")] == [("removed", "Info")]


def test_a_maturity_level_reached() -> None:
    before = report(
        maturity=[
            {"model": G, "modelLabel": "Google MLOps levels", "level": 0, "levelComplete": True}
        ]
    )
    after = report(
        maturity=[
            {"model": G, "modelLabel": "Google MLOps levels", "level": 1, "levelComplete": True}
        ]
    )
    (change,) = diff_reports(before, after).of("maturity")
    assert change.detail == "level 0 -> level 1"
    assert "~ Google MLOps levels (level 0 -> level 1)" in to_text(diff_reports(before, after))


def test_no_change_says_so_and_json_keeps_every_change() -> None:
    same = report(components=[component("ModelRegistry")])
    assert "No change." in to_text(diff_reports(same, same))
    diff = diff_reports(report(), report(components=[component("FeatureStore")]))
    assert to_json(diff)["changes"] == [
        {
            "aspect": "component kind",
            "change": "added",
            "iri": K + "FeatureStore",
            "label": K + "FeatureStore",
            "detail": "",
        }
    ]

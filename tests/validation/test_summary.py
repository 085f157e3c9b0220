"""Summary first (issue 17, item 1): one screen with the verdict, the maturity levels and
the ranked next moves; the details grouped by block of the reference architecture."""

from __future__ import annotations

import dataclasses

import pytest

from mlopskg.resources import ProjectFiles
from mlopskg.validation.maturity import MaturityEstimate
from mlopskg.validation.moves import MOVES_SHOWN, next_moves
from mlopskg.validation.render import render
from mlopskg.validation.report import ArchitectureReport, Result
from mlopskg.validation.summary import sections
from mlopskg.validation.validator import Validator
from tests.conftest import ROOT
from tests.validation.conftest import example, run

EXAMPLES = sorted(path.stem for path in (ROOT / "examples").glob("*.ttl"))
MLO = "https://w3id.org/mlopskg/ontology#"


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_summary_fits_one_screen(
    name: str, project: ProjectFiles, validator: Validator
) -> None:
    outcome = validator.validate(example(project, name))
    summary = render(outcome, "text", detail="summary")
    lines = summary.splitlines()
    assert len(lines) <= 25, summary
    assert "Maturity" in summary and "Google MLOps levels" in summary
    assert "Microsoft MLOps maturity model" in summary
    full = render(outcome, "text")
    assert full.startswith(summary.split("\n(The details")[0].rstrip("\n"))
    assert len(full.splitlines()) > len(lines)


def test_summary_lists_ranked_moves_one_line_each(
    project: ProjectFiles, validator: Validator
) -> None:
    outcome = validator.validate(example(project, "notebook-and-web-service"))
    report = outcome.reports[0]
    moves = next_moves(report)
    assert len(moves) > MOVES_SHOWN
    assert [m.rank() for m in moves] == sorted(m.rank() for m in moves)
    text = render(outcome, "text", detail="summary")
    listed = [line for line in text.splitlines() if line[:4].strip().rstrip(".").isdigit()]
    assert 3 <= len(listed) <= MOVES_SHOWN
    assert listed[0].startswith("  1. Add ")
    # the description has violations: the first move closes one
    assert report.count("Violation") and moves[0].violations >= 1


def test_a_move_that_reaches_a_level_ranks_first(validator: Validator) -> None:
    outcome = run(
        validator,
        "ex:platform a mlo:ArchitectureDescription ; mlo:hasComponent ex:data .\n"
        "ex:data a mlo:DataStore .\n",
    )
    report = outcome.reports[0]
    google = next(e for e in report.maturity if "google" in e.model)
    # Google level 0 needs only a prediction service: adding it reaches the level
    assert google.missing_kinds == (f"{MLO}PredictionService",) and not google.missing_flows
    first = next_moves(report)[0]
    assert first.target == f"{MLO}PredictionService"
    assert first.levels_reached == [google.next_level]
    summary = render(outcome, "text", detail="summary")
    assert "1. Add prediction service: reaches Google MLOps level 0" in summary


def test_ranking_prefers_violations_to_warnings() -> None:
    def missing(kind: str, severity: str) -> Result:
        return Result(severity, "ex:a", "", "shape", "component", missing_component=kind)

    estimate = MaturityEstimate("m", "M", 0, "l0", "L0", 1, True, None, None, (), (), ())
    report = ArchitectureReport(
        "ex:a",
        "A",
        [missing("ex:w", "Warning"), missing("ex:v", "Violation"), missing("ex:i", "Info")],
        [],
        set(),
        {},
        [estimate],
    )
    assert [m.target for m in next_moves(report)] == ["ex:v", "ex:w"]
    closer = dataclasses.replace(estimate, next_level="l1", missing_kinds=("ex:i", "ex:w"))
    report.maturity = [closer]
    assert [m.target for m in next_moves(report)] == ["ex:v", "ex:w", "ex:i"]


def test_details_are_grouped_by_block(project: ProjectFiles, validator: Validator) -> None:
    outcome = validator.validate(example(project, "notebook-and-web-service"))
    report = outcome.reports[0]
    found = {section.heading: section for section in sections(outcome, report)}
    assert "Pipelines" in found and "Platform services" in found
    pipelines = found["Pipelines"].results
    assert f"{MLO}TrainingPipeline" in {r.missing_component for r in pipelines}
    registry = [r for r in found["Platform services"].results if r.missing_component]
    assert f"{MLO}ModelRegistry" in {r.missing_component for r in registry}
    # every result is in exactly one section
    assert sum(len(s.results) for s in found.values()) == len(report.results)
    text = render(outcome, "text")
    entry = text[text.index("No training pipeline in this architecture") :]
    entry = entry[: entry.index("[", 1)]
    assert "Once added, connect:" in entry  # the absent component's flows, folded in
    assert "Missing components (" not in text


def test_html_summary_and_full(project: ProjectFiles, validator: Validator) -> None:
    outcome = validator.validate(example(project, "notebook-and-web-service"))
    summary = render(outcome, "html", detail="summary")
    full = render(outcome, "html")
    assert '<ol class="moves">' in summary and "<h2>Pipelines (" not in summary
    assert "<h2>Pipelines (" in full
    assert full.index('<ol class="moves">') < full.index("<h2>Pipelines (")

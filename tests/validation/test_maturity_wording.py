"""The maturity wording: an architecture without even level 0's components stands below
level 0, and the report never says it is at the level it is told to reach."""

from __future__ import annotations

import re

from mlopskg.validation.render import render
from mlopskg.validation.validator import Validator
from tests.validation.conftest import run

ONLY_DATA = "ex:platform a mlo:ArchitectureDescription ; mlo:hasComponent ex:data .\nex:data a mlo:DataStore .\n"
SERVING = (
    "ex:platform a mlo:ArchitectureDescription ; mlo:hasComponent ex:data , ex:service .\n"
    "ex:data a mlo:DataStore .\nex:service a mlo:PredictionService .\n"
)


def _google_lines(text: str) -> str:
    start = text.index("Google MLOps levels:")
    return text[start : text.index("Microsoft", start)]


def test_without_level_0_components_the_report_says_below_level_0(validator: Validator) -> None:
    outcome = run(validator, ONLY_DATA)
    google = next(e for e in outcome.reports[0].maturity if "google" in e.model)
    assert not google.complete and google.level == 0
    text = render(outcome, "text")
    lines = _google_lines(text)
    assert "below level 0 (the levels run from 0 to 2)" in lines
    assert "level 0 of 2" not in lines
    assert "To reach Google MLOps level 0" in lines
    html = render(outcome, "html")
    assert re.search(r"Google MLOps levels</strong>: below level 0 \(the levels run", html)
    assert "level 0 of 2" not in html.split("Google MLOps levels</strong>", 1)[1].split("</li>")[0]


def test_with_level_0_components_the_report_says_level_0(validator: Validator) -> None:
    outcome = run(validator, SERVING)
    lines = _google_lines(render(outcome, "text"))
    assert "level 0 of 2, Manual process." in lines
    assert "below" not in lines
    assert "To reach Google MLOps level 1" in lines

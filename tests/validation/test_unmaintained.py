"""Suggested tools without a release in 24 months are marked in every report format."""

from __future__ import annotations

import datetime
import json

from mlopskg.stores.embedded import EmbeddedStore
from mlopskg.validation.report import STALE_AFTER_DAYS, ValidationOutcome
from tests.conftest import ROOT, rows

EXAMPLE = ROOT / "examples" / "notebook-and-web-service.ttl"


def test_the_note_after_a_tool_marks_it_only_when_unmaintained() -> None:
    outcome = ValidationOutcome([], (), {}, {"a": 2, "b": 1}, frozenset({"b"}))
    assert outcome.tool_note("a") == "2"
    assert outcome.tool_note("b") == "1; no release in 24 months"


def test_the_json_report_lists_exactly_the_stale_suggestions(graph: EmbeddedStore) -> None:
    import contextlib
    import io

    from mlopskg.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["validate", str(EXAMPLE), "--format", "json"])
    report = json.loads(out.getvalue())
    suggested = {t for r in report["results"] for t in r.get("suggestedTools") or []}
    cutoff = datetime.date.today() - datetime.timedelta(days=STALE_AFTER_DAYS)
    stale = {
        r["tool"]
        for r in rows(
            graph,
            "SELECT ?tool (MAX(?d) AS ?day) WHERE { ?tool mlo:latestReleaseDate ?d } GROUP BY ?tool",
        )
        if datetime.date.fromisoformat(r["day"][:10]) < cutoff
    }
    assert set(report["unmaintainedTools"]) == suggested & stale
    assert report["unmaintainedTools"], (
        "the example's suggestions include a tool not released in 24 months"
    )

"""``mlopskg scan --validate``: the gap report of a scanned architecture, with its evidence.

The scanned description is validated like any other. Then the results about component
kinds that files cannot show (governance processes, external actors, triggers: the scan's
``not_observable``) are taken out of the gap report and listed apart as "not found in the
files", never as missing; and the report gains the evidence of every component it found.
"""

from __future__ import annotations

import dataclasses
import html
import json
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from mlopskg.scan.model import Component, Evidence
from mlopskg.scan.result import ScanResult
from mlopskg.scan.sarif import to_sarif
from mlopskg.stores.interface import GraphStore
from mlopskg.validation.inputs import Description, parse_description
from mlopskg.validation.markdown_report import md
from mlopskg.validation.render import render, report_json, result_json
from mlopskg.validation.report import Result, ValidationOutcome
from mlopskg.validation.validator import Validator

FORMATS = ("text", "json", "turtle", "html", "markdown", "sarif")


@dataclass
class ScanReport:
    """A scan, the validation of what it found, and the results files cannot settle."""

    scan: ScanResult
    outcome: ValidationOutcome
    not_found: list[Result]

    @property
    def conforms(self) -> bool:
        return self.outcome.conforms

    def report_json(self) -> dict[str, Any]:
        """The contract's JSON report, plus the scan's evidence and what files cannot show."""
        data = report_json(self.outcome.reports[0], self.outcome)
        data["notFoundInFiles"] = [result_json(result) for result in self.not_found]
        data["scan"] = self.scan.to_json()
        return data

    def render(self, fmt: str, store: GraphStore | None = None, detail: str = "full") -> str:
        """The report in one of :data:`FORMATS`; ``detail`` as for validation reports."""
        if fmt == "json":
            return json.dumps(self.report_json(), indent=2, ensure_ascii=False) + "\n"
        if fmt == "sarif":
            log = to_sarif(report_json(self.outcome.reports[0]), self.scan)
            return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
        if fmt == "turtle":
            return render(self.outcome, fmt, store=store)
        if fmt == "html":
            page = render(self.outcome, fmt, store=store, detail=detail)
            return page.replace("</body>", self._html_section() + "\n</body>", 1)
        if fmt == "markdown":
            return render(self.outcome, fmt, detail=detail) + "\n" + self._markdown_section()
        return render(self.outcome, "text", detail=detail) + "\n" + self._text_section()

    def _not_found_labels(self) -> list[str]:
        index = self.scan.index
        return [index.kind_label(r.missing_component or "") for r in self.not_found]

    def _text_section(self) -> str:
        index = self.scan.index
        lines = [f"Found in the files ({len(self.scan.components)} components):"]
        for component in self.scan.components:
            first = _telling(component)
            where = ""
            if first:
                place = f"{first.file}:{first.line}" if first.line else first.file
                where = f" ({place}, {first.detector})"
            lines.append(
                f"  {index.kind_label(component.kind)}: {index.tool_label(component.tool)}{where}"
            )
        if self.scan.sightings:
            lines.append("Tools found whose role the files do not tell (not counted):")
            for sighting in self.scan.sightings:
                kinds = ", ".join(index.kind_label(k) for k in sighting.candidate_kinds)
                lines.append(
                    f"  {index.tool_label(sighting.tool)}: could be {kinds or 'no known kind'}"
                )
        if self.not_found:
            lines.append(
                "Not found in the files (files cannot show these; not counted as missing): "
                + ", ".join(self._not_found_labels())
                + "."
            )
        if self.scan.problems:
            lines.append(f"Files that could not be read ({len(self.scan.problems)}):")
            lines += [f"  {problem}" for problem in self.scan.problems]
        return "\n".join(lines) + "\n"

    def _markdown_section(self) -> str:
        """What the scan found, in a collapsible section after the report's details."""
        index = self.scan.index
        lines = [
            "<details>",
            f"<summary>Found in the files ({len(self.scan.components)} components)</summary>",
            "",
            "| kind | tool | where |",
            "| --- | --- | --- |",
        ]
        for component in self.scan.components:
            first = _telling(component)
            where = ""
            if first:
                where = f"{first.file}:{first.line}" if first.line else first.file
            row = [index.kind_label(component.kind), index.tool_label(component.tool), where]
            lines.append("| " + " | ".join(md(cell) for cell in row) + " |")
        lines.append("")
        if self.not_found:
            lines += [
                "Not found in the files (files cannot show these; not counted as missing): "
                + md(", ".join(self._not_found_labels()))
                + ".",
                "",
            ]
        lines.append("</details>")
        return "\n".join(lines) + "\n"

    def _html_section(self) -> str:
        index = self.scan.index
        e = html.escape
        rows = []
        for component in self.scan.components:
            for item in component.evidence:
                where = f"{item.file}:{item.line}" if item.line else item.file
                rows.append(
                    f'<tr id="evidence-{e(item.key)}"><td>{e(index.kind_label(component.kind))}</td>'
                    f"<td>{e(index.tool_label(component.tool))}</td><td><code>{e(where)}</code></td>"
                    f"<td><code>{e(item.matched_text)}</code></td><td>{e(item.detector)}</td>"
                    f"<td>{item.confidence:.2f}</td></tr>"
                )
        table = (
            "<table><thead><tr><th>kind</th><th>tool</th><th>file</th><th>matched</th>"
            f"<th>detector</th><th>confidence</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
        not_found = (
            "<p>Not found in the files (files cannot show these; not counted as missing): "
            + e(", ".join(self._not_found_labels()))
            + ".</p>"
            if self.not_found
            else ""
        )
        return f'<section id="scan-evidence"><h2>Evidence in the files</h2>{table}{not_found}</section>'


def _telling(component: Component) -> Evidence | None:
    """The evidence that best shows the component's role: a match that indicates its kind,
    else the most confident one."""
    if not component.evidence:
        return None
    return max(component.evidence, key=lambda e: (e.kind == component.kind, e.confidence))


def validate_scan(scan: ScanResult, validator: Validator, fail_on: str = "violation") -> ScanReport:
    """Validate a scanned architecture; results about kinds files cannot show are set apart."""
    text = scan.to_turtle().encode()
    name = "scan of " + ", ".join(scan.roots)
    triples = parse_description(text, name, ox.RdfFormat.TURTLE)
    outcome = validator.validate(Description(triples, (name,)), fail_on=fail_on)
    hidden = set(scan.not_observable)
    not_found: list[Result] = []
    reports = []
    for report in outcome.reports:
        kept = []
        for result in report.results:
            if result.missing_component in hidden:
                not_found.append(result)
            else:
                kept.append(result)
        reports.append(dataclasses.replace(report, results=kept))
    return ScanReport(scan, dataclasses.replace(outcome, reports=reports), not_found)

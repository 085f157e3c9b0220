"""A validation report of a scanned architecture as SARIF 2.1.0, for code scanning.

Each result of the report (the contract's JSON) becomes a SARIF result, with its rule (the
shape), its level (Violation -> error, Warning -> warning, Info -> note) and a location:

- a result about a component (a tool or a flow of it): the first file that evidences it;
- a missing flow: the first file that evidences a present component at either end;
- a missing component or an unaddressed requirement: the first file that evidences a
  found tool which could fill it (a sighting whose candidate kinds include it, or a
  suggested tool that was sighted);
- otherwise the repository root.

``partialFingerprints`` carry the baseline identity of :mod:`.baseline`, so code scanning
tracks a finding across runs whatever its message says.
"""

from __future__ import annotations

import hashlib
from typing import Any

from mlopskg import __version__
from mlopskg.scan.baseline import finding_key, report_results
from mlopskg.scan.model import Evidence
from mlopskg.scan.result import ScanResult

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {"Violation": "error", "Warning": "warning", "Info": "note"}
ROOT_URI = "."


def _rule_id(shape: str) -> str:
    return shape.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or "mlopskg"


def _location(evidence: Evidence | None) -> dict[str, Any]:
    if evidence is None:
        return {
            "physicalLocation": {"artifactLocation": {"uri": ROOT_URI, "uriBaseId": "%SRCROOT%"}}
        }
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": evidence.file, "uriBaseId": "%SRCROOT%"}
    }
    if evidence.line:
        physical["region"] = {"startLine": evidence.line}
    return {"physicalLocation": physical}


class _Locator:
    """Finds the evidence that locates a result."""

    def __init__(
        self, report_json: dict[str, Any] | list[dict[str, Any]], result: ScanResult
    ) -> None:
        self.by_kind: dict[str, Evidence] = {}
        self.by_kind_tool: dict[tuple[str, str], Evidence] = {}
        for component in result.components:
            if component.evidence:
                self.by_kind.setdefault(component.kind, component.evidence[0])
                self.by_kind_tool[(component.kind, component.tool)] = component.evidence[0]
        self.by_component: dict[str, Evidence] = {}
        reports = report_json if isinstance(report_json, list) else [report_json]
        for report in reports:
            for described in report.get("components", []) if isinstance(report, dict) else []:
                for kind in described.get("kinds", []):
                    for tool in described.get("tools", []):
                        found = self.by_kind_tool.get((kind, tool))
                        if found:
                            self.by_component.setdefault(described.get("iri", ""), found)
        self.sighted_tool: dict[str, Evidence] = {}
        self.sighted_kind: dict[str, Evidence] = {}
        for sighting in result.sightings:
            if sighting.evidence:
                self.sighted_tool[sighting.tool] = sighting.evidence[0]
                for kind in sighting.candidate_kinds:
                    self.sighted_kind.setdefault(kind, sighting.evidence[0])

    def locate(self, finding: dict[str, Any]) -> Evidence | None:
        focus = finding.get("focusNode") or ""
        if focus in self.by_component:
            return self.by_component[focus]
        flow = finding.get("missingFlow")
        if isinstance(flow, dict):
            for kind in [*flow.get("from", []), *flow.get("to", [])]:
                if kind in self.by_kind:
                    return self.by_kind[kind]
        kinds = [finding.get("missingComponent"), *finding.get("addressedBy", [])]
        for kind in kinds:
            if kind and kind in self.sighted_kind:
                return self.sighted_kind[kind]
        for tool in finding.get("suggestedTools") or []:
            if tool in self.sighted_tool:
                return self.sighted_tool[tool]
        return None


def to_sarif(
    report_json: dict[str, Any] | list[dict[str, Any]], result: ScanResult
) -> dict[str, Any]:
    """The SARIF 2.1.0 log of a validation report on a scanned architecture."""
    locator = _Locator(report_json, result)
    rules: list[dict[str, Any]] = []
    rule_index: dict[str, int] = {}
    sarif_results: list[dict[str, Any]] = []
    for finding in report_results(report_json):
        shape = str(finding.get("shape") or "mlopskg")
        rule_id = _rule_id(shape)
        severity = str(finding.get("severity", "Warning"))
        if rule_id not in rule_index:
            rule_index[rule_id] = len(rules)
            rule: dict[str, Any] = {
                "id": rule_id,
                "shortDescription": {"text": _first_sentence(str(finding.get("message", rule_id)))},
                "defaultConfiguration": {"level": LEVELS.get(severity, "warning")},
            }
            if shape.startswith(("http://", "https://")):
                rule["helpUri"] = shape
            rules.append(rule)
        fingerprint = hashlib.sha256("\x1f".join(finding_key(finding)).encode()).hexdigest()
        properties = {
            key: finding[key]
            for key in ("category", "missingComponent", "requirements", "suggestedTools", "sources")
            if finding.get(key)
        }
        sarif_results.append(
            {
                "ruleId": rule_id,
                "ruleIndex": rule_index[rule_id],
                "level": LEVELS.get(severity, "warning"),
                "message": {"text": str(finding.get("message") or rule_id)},
                "locations": [_location(locator.locate(finding))],
                "partialFingerprints": {"mlopskgFinding/v1": fingerprint},
                "properties": properties,
            }
        )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mlopskg",
                        "version": __version__,
                        "informationUri": "https://w3id.org/mlopskg",
                        "rules": rules,
                    }
                },
                "results": sarif_results,
                "properties": {"scannedRoots": result.roots},
            }
        ],
    }


def _first_sentence(text: str) -> str:
    head = text.split(". ", 1)[0].strip()
    return head if head.endswith(".") else head + "."

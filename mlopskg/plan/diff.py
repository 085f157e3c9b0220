"""``mlopskg diff A B``: what a change does to a platform, from the two validation reports.

Component kinds, tools, the seed's flows, the requirements and principles addressed, the
maturity levels and the findings, each as added or removed, in people's words.

>>> a = {"components": [{"kinds": ["k:A"], "tools": ["t:x"]}], "results": [], "maturity": []}
>>> b = {"components": [{"kinds": ["k:A", "k:B"], "tools": []}], "results": [], "maturity": []}
>>> [(c.aspect, c.change, c.iri) for c in diff_reports(a, b).changes]
[('component kind', 'added', 'k:B'), ('tool', 'removed', 't:x')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mlopskg.validation.terms import Queryable, local_name, rows

Report = Mapping[str, Any]

_LABEL = "SELECT ?l WHERE { <%s> <http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 1"
_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


def labels_from(store: Queryable) -> Callable[[str], str]:
    """A function naming an IRI by its label in the graph (its local name failing that)."""
    cache: dict[str, str] = {}

    def label(iri: str) -> str:
        if iri not in cache:
            found = rows(store, _LABEL % iri) if _IRI.match(iri) else []
            cache[iri] = found[0][0] if found else local_name(iri)
        return cache[iri]

    return label


ASPECTS = ("component kind", "tool", "flow", "requirement", "maturity", "finding")


@dataclass(frozen=True)
class Change:
    """One difference between the two descriptions."""

    aspect: str  # one of ASPECTS
    change: str  # added, removed or changed
    iri: str
    label: str
    detail: str = ""


@dataclass
class ReportDiff:
    """The differences, and the two verdicts."""

    before: str
    after: str
    conforms: tuple[bool, bool]
    counts: tuple[Mapping[str, int], Mapping[str, int]]
    changes: list[Change] = field(default_factory=list)

    def of(self, aspect: str) -> list[Change]:
        return [c for c in self.changes if c.aspect == aspect]


def _kinds(report: Report) -> set[str]:
    return {k for c in report.get("components", []) for k in c.get("kinds", [])}


def _tools(report: Report) -> set[str]:
    return {t for c in report.get("components", []) for t in c.get("tools", [])}


def _missing_flows(report: Report) -> set[str]:
    return {
        r["missingFlow"]["flow"]
        for r in report.get("results", [])
        if r.get("category") == "flow" and isinstance(r.get("missingFlow"), Mapping)
    }


def _unaddressed(report: Report) -> set[str]:
    return {
        q
        for r in report.get("results", [])
        if r.get("category") == "requirement"
        for q in r.get("requirements", [])
    }


def _findings(report: Report) -> dict[tuple[str, str, str], Mapping[str, Any]]:
    return {
        (r.get("severity", ""), r.get("shape", ""), r.get("focusNode", "")): r
        for r in report.get("results", [])
    }


def _levels(report: Report) -> dict[str, Mapping[str, Any]]:
    return {m["model"]: m for m in report.get("maturity", []) if "model" in m}


def _level_words(entry: Mapping[str, Any] | None) -> str:
    if not entry:
        return "not estimated"
    if entry.get("level") is None or (
        not entry.get("levelComplete", True) and entry.get("level") == 0
    ):
        return "below level 0"
    return f"level {entry['level']}"


def diff_reports(before: Report, after: Report, label_of: Callable[[str], str] = str) -> ReportDiff:
    """The changes from ``before`` to ``after`` (the contract's JSON reports)."""
    result = ReportDiff(
        before=str(before.get("label") or before.get("architecture") or "A"),
        after=str(after.get("label") or after.get("architecture") or "B"),
        conforms=(bool(before.get("conforms")), bool(after.get("conforms"))),
        counts=(before.get("counts", {}), after.get("counts", {})),
    )
    add = result.changes.append

    def sets(aspect: str, old: set[str], new: set[str], added: str = "", removed: str = "") -> None:
        for iri in sorted(new - old):
            add(Change(aspect, "added", iri, label_of(iri), added))
        for iri in sorted(old - new):
            add(Change(aspect, "removed", iri, label_of(iri), removed))

    sets("component kind", _kinds(before), _kinds(after))
    sets("tool", _tools(before), _tools(after))
    # a flow that was missing and is not any more is added, and the other way round
    sets("flow", _missing_flows(after), _missing_flows(before), "now realised", "now missing")
    sets(
        "requirement",
        _unaddressed(after),
        _unaddressed(before),
        "now addressed",
        "no longer addressed",
    )
    old_levels, new_levels = _levels(before), _levels(after)
    for model in sorted(set(old_levels) | set(new_levels)):
        old, new = old_levels.get(model), new_levels.get(model)
        if _level_words(old) != _level_words(new):
            name = str((new or old or {}).get("modelLabel") or label_of(model))
            add(
                Change(
                    "maturity",
                    "changed",
                    model,
                    name,
                    f"{_level_words(old)} -> {_level_words(new)}",
                )
            )
    old_findings, new_findings = _findings(before), _findings(after)
    for key in sorted(set(new_findings) - set(old_findings)):
        add(Change("finding", "added", key[1], key[0], str(new_findings[key].get("message", ""))))
    for key in sorted(set(old_findings) - set(new_findings)):
        add(Change("finding", "removed", key[1], key[0], str(old_findings[key].get("message", ""))))
    return result


_HEADINGS = {
    "component kind": "Component kinds",
    "tool": "Tools",
    "flow": "Flows of the reference architectures",
    "requirement": "Requirements and principles",
    "maturity": "Maturity",
    "finding": "Findings",
}


def to_text(diff: ReportDiff) -> str:
    """The diff for a reviewer: one line a change, grouped by aspect."""
    verdict = {True: "conforms", False: "does not conform"}
    lines = [
        f"{diff.before} -> {diff.after}",
        f"  {verdict[diff.conforms[0]]} -> {verdict[diff.conforms[1]]}; "
        + ", ".join(
            f"{kind.lower()}s {diff.counts[0].get(kind, 0)} -> {diff.counts[1].get(kind, 0)}"
            for kind in ("Violation", "Warning", "Info")
        ),
    ]
    if not diff.changes:
        return "\n".join([*lines, "", "No change."]) + "\n"
    for aspect in ASPECTS:
        changes = diff.of(aspect)
        if not changes:
            continue
        lines += ["", f"{_HEADINGS[aspect]}:"]
        for c in changes:
            sign = {"added": "+", "removed": "-", "changed": "~"}[c.change]
            if aspect == "finding":
                lines.append(f"  {sign} [{c.label}] {c.detail}")
            else:
                lines.append(f"  {sign} {c.label}" + (f" ({c.detail})" if c.detail else ""))
    return "\n".join(lines) + "\n"


def to_json(diff: ReportDiff) -> dict[str, Any]:
    """The diff as a JSON object."""
    return {
        "before": diff.before,
        "after": diff.after,
        "conforms": {"before": diff.conforms[0], "after": diff.conforms[1]},
        "counts": {"before": dict(diff.counts[0]), "after": dict(diff.counts[1])},
        "changes": [
            {
                "aspect": c.aspect,
                "change": c.change,
                "iri": c.iri,
                "label": c.label,
                "detail": c.detail,
            }
            for c in diff.changes
        ],
    }

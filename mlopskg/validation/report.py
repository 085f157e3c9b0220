"""The validation report: typed results in the architect's terms.

Raw SHACL results name a focus node and a shape; the report adds what the shape is about
(the missing component kind, the flow, the requirement), the tools that could fill a gap
(ranked by how many sources name them), the sources, and each architecture's coverage and
maturity. Field names follow the contract (``../shared/CONTRACT.md``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from mlopskg.validation.blocks import Layout
from mlopskg.validation.catalog import ShapeInfo
from mlopskg.validation.categories import (
    ADDRESSING_KIND,
    CHECKED_KIND,
    OTHER,
    category_named,
    position,
)
from mlopskg.validation.engine import RawResult
from mlopskg.validation.maturity import MaturityEstimate
from mlopskg.validation.org_policy import Policy
from mlopskg.validation.recommendations import ListStanding
from mlopskg.validation.rules import Rules
from mlopskg.validation.terms import local_name

SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
SUGGESTIONS = 5


@dataclass
class Result:
    """One finding of the validation, with its links."""

    severity: str
    focus_node: str
    message: str
    shape: str
    category: str
    missing_component: str | None = None
    requirements: list[str] = field(default_factory=list)
    suggested_tools: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    value: str | None = None
    flow: str | None = None
    flow_from: list[str] = field(default_factory=list)
    flow_to: list[str] = field(default_factory=list)
    addressed_by: list[str] = field(default_factory=list)
    checked_kind: str | None = None
    constraint_component: str = ""
    #: The architecture whose report holds the result.
    architecture: str = ""
    #: The policy that decided the severity: "default", or an organisation's policy's name.
    decided_by: str = "default"


@dataclass
class Component:
    """A component of the user's architecture, as described."""

    iri: str
    label: str
    kinds: list[str]
    tools: list[str]


@dataclass
class ArchitectureReport:
    """The report for one architecture description."""

    architecture: str
    label: str
    results: list[Result]
    components: list[Component]
    present_kinds: set[str]
    coverage: dict[str, dict[str, int]]
    maturity: list[MaturityEstimate]
    fail_on: str = "violation"
    #: what the organisation's policy marks not applicable (never a next move)
    not_applicable: frozenset[str] = frozenset()
    #: per list of the literature's practices or tests: what the components make possible
    recommendations: list[ListStanding] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        """No result at or above the --fail-on severity (Violation by default)."""
        worst = SEVERITY_ORDER["Warning" if self.fail_on == "warning" else "Violation"]
        return not any(SEVERITY_ORDER.get(r.severity, 0) <= worst for r in self.results)

    def count(self, severity: str) -> int:
        return sum(1 for result in self.results if result.severity == severity)


#: a tool without a release in this many days is marked as not maintained
STALE_AFTER_DAYS = 730


def unmaintained_tools(releases: dict[str, str], today: datetime.date) -> frozenset[str]:
    """The tools whose latest release is older than :data:`STALE_AFTER_DAYS`.

    >>> sorted(unmaintained_tools({"a": "2020-01-01", "b": "2026-11-01"}, datetime.date(2026, 12, 2)))
    ['a']
    """
    return frozenset(
        tool
        for tool, day in releases.items()
        if (today - datetime.date.fromisoformat(day)).days > STALE_AFTER_DAYS
    )


@dataclass
class ValidationOutcome:
    """The reports for every architecture in the validated files."""

    reports: list[ArchitectureReport]
    inputs: tuple[str, ...]
    labels: dict[str, str]
    tool_sources: dict[str, int] = field(default_factory=dict)
    #: tools without a release in the last 24 months (:data:`STALE_AFTER_DAYS`)
    unmaintained: frozenset[str] = frozenset()
    #: the blocks of the reference architecture the details are grouped by
    layout: Layout = field(default_factory=Layout)
    #: the organisation's policy applied over the default severities, if any
    policy: Policy | None = None

    @property
    def conforms(self) -> bool:
        return all(report.conforms for report in self.reports)

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or local_name(iri)

    def tool_note(self, tool: str) -> str:
        """What the report says after a suggested tool: the sources naming it, and a mark
        when it has had no release in 24 months."""
        count = self.tool_sources.get(tool, 0)
        return f"{count}; no release in 24 months" if tool in self.unmaintained else str(count)


def _tool_message(info: ShapeInfo, value: str, rules: Rules, labels: dict[str, str]) -> str:
    known = rules.tool_kinds.get(value, ())
    tool = labels.get(value) or rules.label(value)
    if not known:
        return f"{tool} is not known for any component kind. {info.message}"
    kinds = ", ".join(rules.label(kind) for kind in known)
    return f"{info.message} The knowledge graph knows {tool} as: {kinds}."


def make_result(
    raw: RawResult, info: ShapeInfo | None, rules: Rules, labels: dict[str, str]
) -> Result:
    """A report result from a raw one and its shape's annotations."""
    if info is None:  # a shape without annotations (a user's own, say)
        return Result(
            raw.severity, raw.focus_node, "", raw.source_shape, OTHER.key, value=raw.value
        )
    result = Result(
        severity=raw.severity or info.severity,
        focus_node=raw.focus_node,
        message=info.message,
        shape=info.iri,
        category=info.category,
        requirements=list(info.requirements),
        sources=list(info.sources),
        value=raw.value,
        flow=info.flow,
        flow_from=list(info.flow_from),
        flow_to=list(info.flow_to),
        addressed_by=list(info.addressed_by),
        checked_kind=info.checks_kind,
        constraint_component=raw.constraint_component,
    )
    category = category_named(info.category)
    if category.about_tool:
        if not raw.value:
            return result
        result.message = _tool_message(info, raw.value, rules, labels)
    if category.names_missing_kind:
        result.missing_component = info.checks_kind
    suggest_for = {
        CHECKED_KIND: info.checks_kind,
        ADDRESSING_KIND: info.addressed_by[0] if info.addressed_by else None,
    }.get(category.suggests_for)
    if suggest_for:
        result.suggested_tools = list(rules.suggested_tools(suggest_for)[:SUGGESTIONS])
    return result


def drop_broader_tool_results(results: list[Result], rules: Rules) -> list[Result]:
    """One tool-fit result per component and tool: the one for the most specific kind."""
    by_pair: dict[tuple[str, str], list[Result]] = {}
    for result in results:
        if category_named(result.category).about_tool and result.value and result.checked_kind:
            by_pair.setdefault((result.focus_node, result.value), []).append(result)
    dropped: set[int] = set()
    for group in by_pair.values():
        kinds = {r.checked_kind for r in group}
        for result in group:
            kind = result.checked_kind
            if any(kind in rules.broader.get(other or "", ()) for other in kinds if other != kind):
                dropped.add(id(result))
    return [result for result in results if id(result) not in dropped]


def sort_results(results: list[Result]) -> list[Result]:
    return sorted(
        results,
        key=lambda r: (
            SEVERITY_ORDER.get(r.severity, 3),
            position(r.category),
            r.shape,
            r.focus_node,
            r.value or "",
        ),
    )

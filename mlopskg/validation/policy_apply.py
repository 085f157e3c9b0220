"""Apply an organisation's policy (:mod:`~mlopskg.validation.org_policy`) to a validation
outcome: its rules reset the severity of the findings they are about (or drop them), its
banned tools in use become Violations and tools it does not allow Warnings, and suggestions
keep to the tools it allows. Every result it decides names the policy (``decided_by``)."""

from __future__ import annotations

import dataclasses
from urllib.parse import quote

from mlopskg.validation.categories import COMPONENT, FLOW, REQUIREMENT, TOOL
from mlopskg.validation.org_policy import Policy
from mlopskg.validation.report import (
    ArchitectureReport,
    Result,
    ValidationOutcome,
    sort_results,
)


def _about(result: Result) -> str | None:
    """The kind, flow or requirement a result is about, as a policy rule names it."""
    if result.category == COMPONENT.key:
        return result.missing_component
    if result.category == FLOW.key:
        return result.flow
    if result.category == REQUIREMENT.key and result.requirements:
        return result.requirements[0]
    return None


def _suggestions(tools: list[str], policy: Policy) -> list[str]:
    kept = [tool for tool in tools if tool not in policy.banned_tools]
    if policy.allowed_tools:
        kept = [tool for tool in kept if tool in policy.allowed_tools]
    return kept


def _tool_results(
    outcome: ValidationOutcome, report: ArchitectureReport, policy: Policy
) -> list[Result]:
    found = []
    for component in report.components:
        for tool in component.tools:
            if tool in policy.banned_tools:
                severity, why = "Violation", "bans it"
            elif policy.allowed_tools and tool not in policy.allowed_tools:
                severity, why = "Warning", "does not list it among the tools it allows"
            else:
                continue
            found.append(
                Result(
                    severity=severity,
                    focus_node=component.iri,
                    message=f"the policy {policy.label} {why}.",
                    shape=f"urn:mlopskg:policy:{quote(policy.name)}",
                    category=TOOL.key,
                    value=tool,
                    architecture=report.architecture,
                    decided_by=policy.name,
                )
            )
    return found


def _apply(
    outcome: ValidationOutcome, report: ArchitectureReport, policy: Policy
) -> ArchitectureReport:
    kept: list[Result] = []
    for result in report.results:
        has_rule, severity = policy.severity(_about(result))
        tools = _suggestions(result.suggested_tools, policy)
        if not has_rule:
            kept.append(dataclasses.replace(result, suggested_tools=tools))
        elif severity is not None:
            kept.append(
                dataclasses.replace(
                    result, severity=severity, suggested_tools=tools, decided_by=policy.name
                )
            )
    kept += _tool_results(outcome, report, policy)
    not_applicable = frozenset(
        about for about, word in policy.rules.items() if word == "not applicable"
    )
    return dataclasses.replace(report, results=sort_results(kept), not_applicable=not_applicable)


def apply_policy(outcome: ValidationOutcome, policy: Policy | None) -> ValidationOutcome:
    """The outcome under the policy (unchanged without one)."""
    if policy is None:
        return outcome
    reports = [_apply(outcome, report, policy) for report in outcome.reports]
    return dataclasses.replace(outcome, reports=reports, policy=policy)

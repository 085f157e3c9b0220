"""The answer of :func:`mlopskg.graph.why.explain` as JSON and as indented text."""

from __future__ import annotations

from typing import Any

from mlopskg.graph.why import (
    Evidence,
    Inference,
    Source,
    Statement,
    WhyAnswer,
)
from mlopskg.graph.why_terms import term_json, term_text
from mlopskg.namespaces import compact


def answer_json(answer: WhyAnswer) -> dict[str, Any]:
    """The answer as a JSON object: the query, each statement with its evidence, recursively
    for the premises of inferred statements."""
    return {
        "subject": term_json(answer.subject),
        "predicate": term_json(answer.predicate) if answer.predicate else None,
        "object": term_json(answer.object) if answer.object else None,
        "found": answer.found,
        "statements": [_statement_json(s) for s in answer.statements],
        "leftOut": answer.left_out,
        "truncated": answer.truncated,
    }


def _statement_json(statement: Statement) -> dict[str, Any]:
    data: dict[str, Any] = {
        "subject": term_json(statement.subject),
        "predicate": term_json(statement.predicate),
        "object": term_json(statement.object),
        "text": statement.text(),
        "asserted": statement.asserted,
        "evidence": [_evidence_json(e) for e in statement.evidence],
    }
    if statement.cycle:
        data["explainedAbove"] = True
    return data


def _sources_json(sources: list[Source]) -> list[dict[str, Any]]:
    return [{"iri": s.iri, "label": s.label} for s in sources]


def _evidence_json(evidence: Evidence) -> dict[str, Any]:
    data: dict[str, Any] = {
        "finding": evidence.finding,
        "label": evidence.label,
        "status": evidence.status,
        "statusLabel": evidence.status_label,
        "sources": _sources_json(evidence.sources),
        "derivedFrom": _sources_json(evidence.derived_from),
        "locator": evidence.locator,
        "checkedAgainst": evidence.checked_against,
    }
    if evidence.inferred:
        data["inferences"] = [_inference_json(i) for i in evidence.inferences]
    return data


def _inference_json(inference: Inference) -> dict[str, Any]:
    return {
        "inference": inference.iri,
        "rule": inference.rule,
        "ruleLabel": inference.rule_label,
        "premises": [_statement_json(p) for p in inference.premises],
    }


def answer_lines(answer: WhyAnswer) -> list[str]:
    """The answer as indented lines: each statement, then how it is known."""
    lines: list[str] = []
    for statement in answer.statements:
        lines.append(statement.text())
        lines.extend(_evidence_lines(statement, "  "))
    if answer.left_out:
        lines.append(f"... and {answer.left_out} more statement(s); ask with a predicate")
    if answer.truncated:
        lines.append("(the answer was cut short at its size limit)")
    return lines


def _source_text(source: Source) -> str:
    return compact(source.iri) + (f" ({source.label})" if source.label else "")


def _evidence_lines(statement: Statement, indent: str) -> list[str]:
    if statement.cycle:
        return [indent + "(explained above)"]
    if not statement.evidence:
        return [indent + "held in no named graph"]
    lines = []
    for evidence in statement.evidence:
        status = evidence.status_label or (compact(evidence.status) if evidence.status else "")
        head = "inferred" if evidence.inferred else "asserted"
        label = f' "{evidence.label}"' if evidence.label and not evidence.inferred else ""
        status = f" [{status}]" if status else ""
        lines.append(f"{indent}{head} in {compact(evidence.finding)}{label}{status}")
        inner = indent + "  "
        for source in evidence.sources:
            lines.append(f"{inner}source: {_source_text(source)}")
        for source in evidence.derived_from:
            lines.append(f"{inner}also drawn from: {_source_text(source)}")
        if evidence.locator and not evidence.inferred:
            lines.append(f"{inner}locator: {evidence.locator}")
        for copy in evidence.checked_against:
            lines.append(f"{inner}checked against: {copy}")
        for inference in evidence.inferences:
            rule = compact(inference.rule)
            named = f" ({inference.rule_label})" if inference.rule_label else ""
            lines.append(f"{inner}by rule {rule}{named} from:")
            for premise in inference.premises:
                lines.append(f"{inner}  {premise.text()}")
                lines.extend(_evidence_lines(premise, inner + "    "))
    return lines


__all__ = ["answer_json", "answer_lines", "term_text"]

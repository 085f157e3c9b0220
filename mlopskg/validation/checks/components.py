"""Component presence: a component of each kind of the reference architectures is present.

The shape's severity is the rule's (:func:`mlopskg.validation.policy.missing_kind_severity`).
"""

from __future__ import annotations

from mlopskg.validation.rules import KindRule, Rules
from mlopskg.validation.shape_turtle import (
    KINDS_OF_COMPONENTS,
    MLSH_NS,
    article,
    iri,
    literal,
    shape_text,
)
from mlopskg.validation.terms import local_name


def presence_shape_iri(kind: str) -> str:
    return f"{MLSH_NS}{local_name(kind)}PresentShape"


def presence_shape(rule: KindRule) -> str:
    definition = f" {rule.definition}" if rule.definition else ""
    message = f"No {rule.label} in this architecture: {rule.reason}.{definition}"
    return shape_text(
        f"{iri(presence_shape_iri(rule.kind))} a sh:PropertyShape , mlsh:ComponentPresenceCheck",
        f"has {article(rule.label)} {rule.label}",
        [
            "sh:targetClass mlo:ArchitectureDescription",
            f"sh:path {KINDS_OF_COMPONENTS}",
            f"sh:hasValue {iri(rule.kind)}",
        ],
        (
            rule.severity,
            message,
            [f"mlsh:checksKind {iri(rule.kind)}", f"mlsh:severityReason {literal(rule.reason)}"],
        ),
        [("mlsh:requirement", rule.requirements), ("dcterms:source", rule.sources)],
    )


def presence_shapes(rules: Rules) -> list[str]:
    """One shape per component kind a reference architecture includes."""
    return [presence_shape(rule) for rule in rules.kinds]

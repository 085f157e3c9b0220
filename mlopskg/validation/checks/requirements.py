"""Requirements: each requirement or principle some kind addresses is addressed by a
present component; a description's own requirements are checked in the same way."""

from __future__ import annotations

import hashlib

from mlopskg.validation.policy import UNADDRESSED_OWN_REQUIREMENT, UNADDRESSED_REQUIREMENT
from mlopskg.validation.rules import RequirementRule, Rules
from mlopskg.validation.shape_turtle import (
    KINDS_OF_COMPONENTS,
    MLSH_NS,
    iri,
    iri_list,
    kind_labels,
    shape_text,
)
from mlopskg.validation.terms import local_name


def requirement_shape_iri(rule: RequirementRule) -> str:
    if rule.user_added:
        digest = hashlib.sha256(rule.requirement.encode()).hexdigest()[:12]
        return f"{MLSH_NS}UserRequirementShape-{digest}"
    return f"{MLSH_NS}RequirementShape-{local_name(rule.requirement)}"


def requirement_shape(rule: RequirementRule, rules: Rules) -> str:
    by_kind = f"[ sh:path {KINDS_OF_COMPONENTS} ; sh:qualifiedValueShape [ sh:in ( {iri_list(rule.kinds)} ) ] ; sh:qualifiedMinCount 1 ]"
    by_component = f"[ sh:path mlo:hasComponent ; sh:qualifiedValueShape [ sh:in ( {iri_list(rule.components)} ) ] ; sh:qualifiedMinCount 1 ]"
    kinds = kind_labels(rules.label, rule.kinds) if rule.kinds else ""
    message = f"No component addresses the requirement '{rule.label}'" + (
        f"; a {kinds} would." if kinds else "; nothing in the description says what would."
    )
    severity = UNADDRESSED_OWN_REQUIREMENT if rule.user_added else UNADDRESSED_REQUIREMENT
    if rule.components:
        kind, check = "sh:NodeShape", f"sh:or ( {by_kind} {by_component} )"
    else:
        kind, check = "sh:PropertyShape", by_kind[2:-2].replace(" ; ", " ;\n    ")
    return shape_text(
        f"{iri(requirement_shape_iri(rule))} a {kind} , mlsh:RequirementCheck",
        f"addresses {rule.label}",
        ["sh:targetClass mlo:ArchitectureDescription", check],
        (severity, message, [f"mlsh:requirement {iri(rule.requirement)}"]),
        [("mlsh:addressedBy", rule.kinds), ("dcterms:source", rule.sources)],
    )


def requirement_shapes(rules: Rules) -> list[str]:
    """One shape per requirement or principle that some component kind addresses."""
    return [requirement_shape(rule, rules) for rule in rules.requirements]

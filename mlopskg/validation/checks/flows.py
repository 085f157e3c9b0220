"""Flows: each flow of the seed's pipelines view exists when both its ends are present."""

from __future__ import annotations

from mlopskg.validation.policy import MISSING_FLOW
from mlopskg.validation.rules import EXTERNAL_ACTOR, FlowRule, Rules
from mlopskg.validation.shape_turtle import (
    KINDS,
    KINDS_OF_COMPONENTS,
    MLSH_NS,
    add_statement,
    article,
    iri,
    iri_list,
    iris,
    kind_labels,
    literal,
)
from mlopskg.validation.terms import local_name


def flow_shape_iri(flow: str) -> str:
    return f"{MLSH_NS}FlowShape-{local_name(flow)}"


def per_component(rule: FlowRule, rules: Rules) -> bool:
    """Whether a flow is checked on each component of its source kind (see flow_shape)."""
    if len(rule.from_kinds) != 1:
        return False
    kind = rule.from_kinds[0]
    checked = {other.kind for other in rules.kinds}
    external = EXTERNAL_ACTOR in rules.broader.get(kind, frozenset())
    return not external and not rules.narrower(kind) & checked


def flow_shape(rule: FlowRule, rules: Rules) -> str:
    """A flow of the seed between two kinds, checked when both are present.

    A flow from one specific kind (no narrower kind is checked, not an external actor) is
    checked on each component of that kind: each training pipeline must send to a model
    registry, when its architecture has one, and the report names the component. A flow
    from a zone (several kinds, such as the monitoring zone's), from a general kind (version
    control: not every repository triggers the build) or from an external actor (not every
    data source feeds every pipeline) is checked on the architecture: some component of the
    source kinds must send to one of the target kinds.
    """
    path = (
        "[ sh:alternativePath ( mlo:flowsTo [ sh:inversePath mlo:flowsTo ] ) ]"
        if rule.either_direction
        else "mlo:flowsTo"
    )
    sources = kind_labels(rules.label, rule.from_kinds)
    targets = kind_labels(rules.label, rule.to_kinds)
    connected = "is connected to" if rule.either_direction else "sends to"
    seed = f"in the seed reference architecture, {rule.label}."
    to_target = (
        f"[ sh:path ( {path} {KINDS[2:-2]} ) ; "
        f"sh:qualifiedValueShape [ sh:in ( {iri_list(rule.to_kinds)} ) ] ; sh:qualifiedMinCount 1 ]"
    )
    if per_component(rule, rules):
        message = (
            f"This {sources} {connected} no {targets}, though its architecture has one; {seed}"
        )
        target = f"    sh:targetClass {iri(rule.from_kinds[0])} ;"
        no_target = (
            f"[ sh:path ( [ sh:inversePath mlo:hasComponent ] {KINDS_OF_COMPONENTS} ) ; "
            f"sh:qualifiedValueShape [ sh:in ( {iri_list(rule.to_kinds)} ) ] ; "
            "sh:qualifiedMaxCount 0 ]"
        )
        alternatives = [to_target, no_target]
    else:
        message = (
            f"This architecture has {article(sources)} {sources} and {article(targets)} "
            f"{targets}, but no {sources} {connected} {article(targets)} {targets}; {seed}"
        )
        target = "    sh:targetClass mlo:ArchitectureDescription ;"
        absent = (
            f"[ sh:path {KINDS_OF_COMPONENTS} ; sh:qualifiedValueShape [ sh:in ( {{}} ) ] ; "
            "sh:qualifiedMaxCount 0 ]"
        )
        linked = f"[ sh:path mlsh:realizesFlow ; sh:hasValue {iri(rule.flow)} ]"
        alternatives = [
            absent.format(iri_list(rule.from_kinds)),
            absent.format(iri_list(rule.to_kinds)),
            linked,
        ]
    lines = [
        f"{iri(flow_shape_iri(rule.flow))} a sh:NodeShape , mlsh:FlowCheck ;",
        f"    sh:name {literal(f'{sources} to {targets}')} ;",
        target,
        "    sh:or (",
        *(f"        {alternative}" for alternative in alternatives),
        "    ) ;",
        f"    sh:severity sh:{MISSING_FLOW} ;",
        f"    sh:message {literal(message)} ;",
        f"    mlsh:flow {iri(rule.flow)} ;",
        f"    mlsh:flowFrom {iris(rule.from_kinds)} ;",
        f"    mlsh:flowTo {iris(rule.to_kinds)}",
    ]
    if rule.sources:
        add_statement(lines, f"    dcterms:source {iris(rule.sources)}")
    if not per_component(rule, rules):
        add_statement(lines, _flow_rule(rule))
    return "\n".join(lines) + " .\n"


def _flow_rule(rule: FlowRule) -> str:
    """The SHACL-AF rule deriving ``mlsh:realizesFlow`` for an architecture-level flow."""
    sends = "?component mlo:flowsTo ?end"
    ends = (
        f"{{ {sends} }} UNION {{ ?end mlo:flowsTo ?component }}" if rule.either_direction else sends
    )
    return (
        "    sh:rule [\n"
        "        a sh:SPARQLRule ;\n"
        "        sh:prefixes mlsh:RulePrefixes ;\n"
        f'        sh:construct """CONSTRUCT {{ $this mlsh:realizesFlow {iri(rule.flow)} }}\n'
        "WHERE {\n"
        "  $this mlo:hasComponent ?component .\n"
        f"  ?component rdf:type/rdfs:subClassOf* ?from . VALUES ?from {{ {iri_list(rule.from_kinds)} }}\n"
        f"  {ends} .\n"
        f"  ?end rdf:type/rdfs:subClassOf* ?to . VALUES ?to {{ {iri_list(rule.to_kinds)} }}\n"
        '}"""\n'
        "    ]"
    )


def flow_shapes(rules: Rules) -> list[str]:
    """One shape per flow of the seed's pipelines view between component kinds."""
    return [flow_shape(rule, rules) for rule in rules.flows]

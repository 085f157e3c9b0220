"""Tools: each tool is in the catalogue, and known for the kind of the component using it."""

from __future__ import annotations

from mlopskg.validation.policy import TOOL_NOT_KNOWN_FOR_KIND, UNKNOWN_TOOL
from mlopskg.validation.rules import Rules, ToolFitRule
from mlopskg.validation.shape_turtle import MLSH_NS, iri, iri_list, literal
from mlopskg.validation.terms import local_name

KNOWN_TOOL_SHAPE = f"{MLSH_NS}KnownToolShape"


def tool_shape_iri(kind: str) -> str:
    return f"{MLSH_NS}{local_name(kind)}ToolShape"


def tool_shape(rule: ToolFitRule, rules: Rules) -> str:
    label = rules.label(rule.kind)
    message = (
        f"This {label} uses a tool that the knowledge graph does not know as a {label} "
        "(nor as a broader or narrower kind); check that it can play this part."
    )
    return (
        f"{iri(tool_shape_iri(rule.kind))} a sh:PropertyShape , mlsh:ToolFitCheck ;\n"
        f"    sh:name {literal(f'tools fit a {label}')} ;\n"
        f"    sh:targetClass {iri(rule.kind)} ;\n"
        "    sh:path mlo:usesTool ;\n"
        f"    sh:or ( [ sh:in ( {iri_list(rule.accepted)} ) ] [ sh:not {iri(KNOWN_TOOL_SHAPE)} ] ) ;\n"
        f"    sh:severity sh:{TOOL_NOT_KNOWN_FOR_KIND} ;\n"
        f"    sh:message {literal(message)} ;\n"
        f"    mlsh:checksKind {iri(rule.kind)} .\n"
    )


def known_tool_shape(rules: Rules) -> str:
    message = (
        "The knowledge graph does not know this tool, so whether it fits cannot be checked; "
        "use a tool IRI of the catalogue (tool:...) or propose the tool for it."
    )
    return (
        f"{iri(KNOWN_TOOL_SHAPE)} a sh:NodeShape , mlsh:KnownToolCheck ;\n"
        '    sh:name "known tool" ;\n'
        "    sh:targetObjectsOf mlo:usesTool ;\n"
        f"    sh:in ( {iri_list(rules.known_tools)} ) ;\n"
        f"    sh:severity sh:{UNKNOWN_TOOL} ;\n"
        f"    sh:message {literal(message)} .\n"
    )


def tool_shapes(rules: Rules) -> list[str]:
    """The known-tool shape, then one tool-fit shape per kind some tool is known for."""
    return [known_tool_shape(rules), *(tool_shape(rule, rules) for rule in rules.tool_fits)]

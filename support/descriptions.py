"""Synthetic architecture descriptions of any size, made from the validator's rules: the
validation benchmark times them, and the pySHACL parity test checks both engines on them.
"""

from __future__ import annotations

from mlopskg.validation.validator import Validator

HEADER = [
    "@prefix mlo: <https://w3id.org/mlopskg/ontology#> .",
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
    "@prefix ex: <https://example.org/synthetic#> .",
]


def connected_description(size: int, validator: Validator) -> str:
    """A deterministic description of ``size`` components wired as the seed wires them:
    teams of one component per kind (the last team partial), each with a fitting tool and
    the seed's flows inside the team; per team one tool the graph knows for another kind,
    one it does not know, and one untyped component."""
    kinds = [rule.kind for rule in validator.rules.kinds]
    fits = {rule.kind: rule.accepted for rule in validator.rules.tool_fits}
    tools = validator.rules.known_tools
    names = [f"ex:t{i // len(kinds)}-{i % len(kinds)}" for i in range(size)]
    lines = [
        *HEADER,
        f'ex:platform a mlo:ArchitectureDescription ; rdfs:label "connected {size}" ; mlo:hasComponent {" , ".join(names)} .',
    ]
    for i, name in enumerate(names):
        team, position = divmod(i, len(kinds))
        kind = kinds[position]
        parts = [name, "a ex:Unknown" if position == 17 else f"a <{kind}>"]
        if position == 5:
            parts.append(f"; mlo:usesTool ex:in-house-{team}")
        elif position == 9:
            parts.append(f"; mlo:usesTool <{tools[team % len(tools)]}>")
        elif fits.get(kind):
            parts.append(f"; mlo:usesTool <{fits[kind][team % len(fits[kind])]}>")
        for flow in validator.rules.flows:
            if flow.from_kinds[0] == kind and flow.to_kinds[0] in kinds:
                target = team * len(kinds) + kinds.index(flow.to_kinds[0])
                if target < size:
                    parts.append(f"; mlo:flowsTo {names[target]}")
        lines.append(" ".join(parts) + " .")
    return "\n".join(lines) + "\n"


def unconnected_description(size: int, validator: Validator) -> str:
    """A deterministic description of ``size`` components that ignores the seed's flows (the
    worst case for the flow checks, which then report nearly every component): kinds in
    turn, a known tool that fits (mostly), one that does not, an unknown one, a flow to the
    next component, and an untyped component every 50."""
    kinds = [rule.kind for rule in validator.rules.kinds]
    fits = {rule.kind: rule.accepted for rule in validator.rules.tool_fits}
    tools = validator.rules.known_tools
    names = " , ".join(f"ex:c{i}" for i in range(size))
    lines = [
        *HEADER,
        f'ex:platform a mlo:ArchitectureDescription ; rdfs:label "unconnected {size}" ; mlo:hasComponent {names} .',
    ]
    for i in range(size):
        kind = kinds[i % len(kinds)]
        parts = [f"ex:c{i}"]
        parts.append("a ex:Unknown" if i % 50 == 49 else f"a <{kind}>")
        parts.append(f'; rdfs:label "component {i}"')
        if i % 7 == 3:
            parts.append(f"; mlo:usesTool <{tools[i % len(tools)]}>")
        elif i % 11 == 5:
            parts.append(f"; mlo:usesTool ex:in-house-{i}")
        elif fits.get(kind):
            parts.append(f"; mlo:usesTool <{fits[kind][i % len(fits[kind])]}>")
        if i + 1 < size:
            parts.append(f"; mlo:flowsTo ex:c{i + 1}")
        lines.append(" ".join(parts) + " .")
    return "\n".join(lines) + "\n"

"""Roles from evidence (issue 11 item 4): which component kind each found tool is.

A tool becomes a component of a kind only when the evidence supports that role:

(a) a role signature matched: its ``mlo:indicatesKind``;
(b) the file's format suggests a kind (a CI pipeline definition, a program a container
    serves) and the tool realises that kind;
(c) when (a) and (b) give no kind, and the tool realises exactly one kind: that kind.

Otherwise the tool is a sighting with every kind it realises as a candidate, and counts as
none of them. There is one component per (kind, tool). A component's evidence is the
evidence of its role plus the evidence that only identifies the tool; its confidence is
the highest confidence among that evidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from mlopskg.scan.index import SignatureIndex
from mlopskg.scan.model import Component, Evidence, Sighting


def _role(evidence: Evidence, realised: frozenset[str]) -> str | None:
    """The kind one piece of evidence supports, by rules (a) and (b)."""
    if evidence.kind:
        return evidence.kind
    if evidence.hint and evidence.hint in realised:
        return evidence.hint
    return None


def assign_roles(
    evidence: Iterable[Evidence], index: SignatureIndex
) -> tuple[list[Component], list[Sighting]]:
    """Components and sightings from all the evidence of a scan, sorted."""
    by_tool: dict[str, list[Evidence]] = defaultdict(list)
    for item in evidence:
        by_tool[item.tool].append(item)
    components: list[Component] = []
    sightings: list[Sighting] = []
    for tool, found in sorted(by_tool.items()):
        found.sort(key=Evidence.sort_key)
        realised = index.realised_kinds(tool)
        role_evidence: dict[str, list[Evidence]] = defaultdict(list)
        identity: list[Evidence] = []
        for item in found:
            kind = _role(item, realised)
            if kind:
                role_evidence[kind].append(item)
            elif not item.kind:
                identity.append(item)
        if not role_evidence and len(realised) == 1 and identity:
            role_evidence[next(iter(realised))] = []
        if not role_evidence:
            sightings.append(Sighting(tool, sorted(realised), found))
            continue
        for kind, supporting in sorted(role_evidence.items()):
            items = sorted(set(supporting) | set(identity), key=Evidence.sort_key)
            confidence = max(item.confidence for item in items)
            components.append(Component(kind, tool, items, confidence))
    components.sort(key=lambda c: (c.kind, c.tool))
    return components, sightings

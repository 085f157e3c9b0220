"""Roles from evidence (issue 11 item 4): which component kind each found tool is.

A tool becomes a component of a kind only when the evidence supports that role:

(a) a role signature matched: its ``mlo:indicatesKind``;
(b) the file's format suggests a kind (a CI pipeline definition, a program a container
    serves, object storage addressed as data or artifacts, a scheduled workflow: see
    :mod:`.storage_roles` and :mod:`.detectors.python_code`) and the tool realises that kind;
(c) when (a) and (b) give no kind, and the tool realises exactly one kind: that kind;
(d) a pipeline definition that the tool runs has step names of a pipeline kind
    (:mod:`.pipeline_kinds`): that kind, at confidence 0.6, whether or not the tool
    realises it (the validator judges the tool's fit).

Before the rules, ``s3://`` URIs of a scan that sets an S3 endpoint outside AWS are moved
from Amazon S3 to the store the endpoint names, or dropped (:mod:`.storage_roles`).

Otherwise the tool is a sighting with every kind it realises as a candidate, and counts as
none of them. There is one component per (kind, tool). A component's evidence is the
evidence of its role plus the evidence that only identifies the tool; its confidence is
the highest confidence among that evidence, except that a kind supported by step names
alone has the confidence of its step evidence.

A role signature's code pattern (a literal text such as a class name or a URI scheme) shows
a role of a tool that the scan identifies by other evidence; alone it identifies nothing,
so a tool whose only evidence is role code patterns is left out (:func:`identified`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from mlopskg.scan.index import SignatureIndex
from mlopskg.scan.model import Component, Evidence, PipelineStep, Sighting
from mlopskg.scan.pipeline_kinds import NAME as STEPS_DETECTOR
from mlopskg.scan.pipeline_kinds import pipeline_evidence
from mlopskg.scan.storage_roles import (
    S3_SCHEME,
    StorageEndpoint,
    endpoint_tool,
    host_names_tool,
)

#: Detectors whose evidence may come from a code pattern (see :func:`is_role_code_pattern`).
_PATTERN_DETECTORS = frozenset({"code-patterns", "python-code"})


def _role(evidence: Evidence, realised: frozenset[str]) -> str | None:
    """The kind one piece of evidence supports, by rules (a) and (b)."""
    if evidence.kind:
        return evidence.kind
    if evidence.hint and evidence.hint in realised:
        return evidence.hint
    return None


def is_role_code_pattern(evidence: Evidence, index: SignatureIndex) -> bool:
    """Whether this evidence is a role signature's code pattern (not an identity)."""
    return bool(
        evidence.kind
        and evidence.detector in _PATTERN_DETECTORS
        and evidence.matched_text in index.code_patterns
    )


def identified(evidence: Iterable[Evidence], index: SignatureIndex) -> list[Evidence]:
    """The evidence of the tools that something other than a role code pattern shows."""
    items = list(evidence)
    shown = {item.tool for item in items if not is_role_code_pattern(item, index)}
    return [item for item in items if item.tool in shown]


def _signature_roles(
    tool: str, found: list[Evidence], index: SignatureIndex
) -> tuple[dict[str, list[Evidence]], list[Evidence]]:
    """Rules (a) to (c): the kinds of one tool with their supporting evidence, and the
    evidence that only identifies it."""
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
    return role_evidence, identity


def _s3_uris_elsewhere(
    evidence: list[Evidence], endpoints: list[StorageEndpoint]
) -> list[Evidence]:
    """With an S3 endpoint outside AWS, ``s3://`` URIs are not evidence of Amazon S3: they
    go to the identified tool that the endpoint's host names, or to no tool."""
    if not endpoints:
        return evidence
    uris = [item for item in evidence if item.matched_text == S3_SCHEME and not item.kind]
    if not uris:
        return evidence
    schemes = {item.tool for item in uris}
    others = {item.tool for item in evidence if item.tool not in schemes}
    target = endpoint_tool(endpoints, others)
    moved = [replace(item, tool=target) for item in uris] if target else []
    moved += [
        Evidence(target, endpoint.file, endpoint.line, endpoint.host, "code-patterns", 0.8)
        for endpoint in endpoints
        if target and host_names_tool(endpoint.host, target.rstrip("/").rsplit("/", 1)[-1])
    ]
    dropped = set(uris)
    return [item for item in evidence if item not in dropped] + moved


def assign_roles(
    evidence: Iterable[Evidence],
    index: SignatureIndex,
    steps: Iterable[PipelineStep] = (),
    endpoints: Iterable[StorageEndpoint] = (),
) -> tuple[list[Component], list[Sighting]]:
    """Components and sightings from all the evidence of a scan, sorted."""
    kept = _s3_uris_elsewhere(identified(evidence, index), list(endpoints))
    by_tool: dict[str, list[Evidence]] = defaultdict(list)
    for item in kept:
        by_tool[item.tool].append(item)
    step_evidence: dict[str, list[Evidence]] = defaultdict(list)
    for item in pipeline_evidence(steps, kept, index):
        step_evidence[item.tool].append(item)
    components: list[Component] = []
    sightings: list[Sighting] = []
    for tool, found in sorted(by_tool.items()):
        found.sort(key=Evidence.sort_key)
        role_evidence, identity = _signature_roles(tool, found, index)
        if not role_evidence:
            # The tool's own role is unknown, even when it runs a pipeline of a kind (d).
            sightings.append(Sighting(tool, sorted(index.realised_kinds(tool)), found))
        for item in step_evidence.get(tool, []):
            role_evidence[item.kind or ""].append(item)
        for kind, supporting in sorted(role_evidence.items()):
            items = sorted(set(supporting) | set(identity), key=Evidence.sort_key)
            if supporting and all(item.detector == STEPS_DETECTOR for item in supporting):
                confidence = max(item.confidence for item in supporting)
            else:
                confidence = max(item.confidence for item in items)
            components.append(Component(kind, tool, items, confidence))
    components.sort(key=lambda c: (c.kind, c.tool))
    return components, sightings

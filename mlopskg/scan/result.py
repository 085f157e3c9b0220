"""What a scan returns, and its renderings: RDF (Turtle, JSON-LD), a JSON summary, text."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from rdflib import Graph

from mlopskg.namespaces import MLO, TOOL
from mlopskg.scan.description import PROV, description_graph
from mlopskg.scan.index import SignatureIndex
from mlopskg.scan.model import Component, Evidence, Problem, Sighting

#: Evidence lines shown per component or sighting in the text rendering.
TEXT_EVIDENCE_LINES = 3


def evidence_json(item: Evidence) -> dict[str, Any]:
    data: dict[str, Any] = {
        "file": item.file,
        "line": item.line,
        "matchedText": item.matched_text,
        "detector": item.detector,
        "confidence": round(item.confidence, 2),
    }
    if item.kind:
        data["indicatesKind"] = item.kind
    return data


def _where(item: Evidence) -> str:
    return f"{item.file}:{item.line}" if item.line else item.file


@dataclass
class ScanResult:
    """The architecture found in the scanned roots, with the evidence for every part."""

    roots: list[str]
    components: list[Component]
    sightings: list[Sighting]
    not_observable: list[str]
    problems: list[Problem]
    index: SignatureIndex = field(repr=False)
    started: datetime
    files_read: int = 0
    seconds: float = 0.0

    def evidence_files(self) -> dict[str, list[str]]:
        """For each component kind found, the files that evidence it (for SARIF locations)."""
        files: dict[str, list[str]] = {}
        for component in self.components:
            names = files.setdefault(component.kind, [])
            names += [e.file for e in component.evidence if e.file not in names]
        return files

    def description_graph(self, base_iri: str | None = None) -> Graph:
        """The architecture description (contract vocabulary) with its evidence (PROV-O)."""
        return description_graph(self, base_iri)

    def to_turtle(self, base_iri: str | None = None) -> str:
        header = (
            f"# Architecture description found by `mlopskg scan` in {', '.join(self.roots)}.\n"
            "# Every component is prov:wasDerivedFrom its evidence (file, line, matched text).\n"
        )
        return header + self.description_graph(base_iri).serialize(format="turtle")

    def to_jsonld(self, base_iri: str | None = None) -> str:
        context = {
            "mlo": str(MLO),
            "tool": str(TOOL),
            "prov": str(PROV),
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        }
        graph = self.description_graph(base_iri)
        return graph.serialize(format="json-ld", context=context, indent=2, sort_keys=True)

    def to_json(self) -> dict[str, Any]:
        index = self.index
        return {
            "roots": self.roots,
            "started": self.started.isoformat().replace("+00:00", "Z"),
            "filesRead": self.files_read,
            "components": [
                {
                    "kind": c.kind,
                    "kindLabel": index.kind_label(c.kind),
                    "tool": c.tool,
                    "toolLabel": index.tool_label(c.tool),
                    "confidence": round(c.confidence, 2),
                    "evidence": [evidence_json(e) for e in c.evidence],
                }
                for c in self.components
            ],
            "sightings": [
                {
                    "tool": s.tool,
                    "toolLabel": index.tool_label(s.tool),
                    "candidateKinds": s.candidate_kinds,
                    "evidence": [evidence_json(e) for e in s.evidence],
                }
                for s in self.sightings
            ],
            "notObservable": [
                {"kind": kind, "label": index.kind_label(kind)} for kind in self.not_observable
            ],
            "problems": [
                {"file": p.file, "line": p.line, "message": p.message} for p in self.problems
            ],
        }

    def to_text(self) -> str:
        index = self.index
        lines = [f"Scanned {', '.join(self.roots)}: {self.files_read} files read."]
        lines.append(f"\nComponents found ({len(self.components)}):")
        for c in self.components:
            lines.append(
                f"  {index.kind_label(c.kind)}: {index.tool_label(c.tool)} "
                f"(confidence {c.confidence:.2f})"
            )
            lines += _evidence_lines(c.evidence)
        if self.sightings:
            lines.append(f"\nTools found whose role the files do not tell ({len(self.sightings)}):")
            for s in self.sightings:
                kinds = ", ".join(index.kind_label(k) for k in s.candidate_kinds) or "no known kind"
                lines.append(f"  {index.tool_label(s.tool)}: could be {kinds}")
                lines += _evidence_lines(s.evidence)
        if self.not_observable:
            labels = ", ".join(index.kind_label(k) for k in self.not_observable)
            lines.append(f"\nNot observable in files (not found, not missing): {labels}.")
        if self.problems:
            lines.append(f"\nProblems ({len(self.problems)}):")
            lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines) + "\n"

    def to_json_text(self) -> str:
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"


def _evidence_lines(evidence: list[Evidence]) -> list[str]:
    lines = [
        f"    {_where(e)}  {e.matched_text}  [{e.detector}]" for e in evidence[:TEXT_EVIDENCE_LINES]
    ]
    if len(evidence) > TEXT_EVIDENCE_LINES:
        lines.append(f"    ... and {len(evidence) - TEXT_EVIDENCE_LINES} more")
    return lines

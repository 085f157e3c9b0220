"""One scanned file as the detectors see it: its paths, its text read once, its YAML parsed
once (lazily), and where its problems and evidence go."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from mlopskg.scan.index import SignatureIndex, SignatureMatch
from mlopskg.scan.model import Evidence, PipelineStep, Problem, ScanLimits
from mlopskg.scan.parsing import NodeBudget, ParseProblem, yaml_documents
from mlopskg.scan.storage_roles import StorageEndpoint
from mlopskg.scan.tree import FileEntry, read_text


@dataclass
class ScannedFile:
    """A file of a root, with the shared state of the scan that detectors need."""

    entry: FileEntry
    root: Path
    display: str
    text: str
    index: SignatureIndex
    limits: ScanLimits
    problems: list[Problem]
    #: Step names of the pipeline definitions in this file (see :mod:`.detectors.pipeline_steps`).
    steps: list[PipelineStep] = field(default_factory=list)
    #: S3 API endpoints the file sets to hosts outside AWS (see :mod:`.storage_roles`).
    endpoints: list[StorageEndpoint] = field(default_factory=list)
    _yaml: list[yaml.Node] | None = field(default=None, repr=False)
    _yaml_failed: bool = field(default=False, repr=False)
    _budget: NodeBudget | None = field(default=None, repr=False)

    @property
    def rel(self) -> str:
        """The path relative to the root, '/'-separated."""
        return self.entry.rel

    @property
    def name(self) -> str:
        return self.entry.name

    def problem(self, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.display, line, message))

    def parse_problem(self, error: ParseProblem) -> None:
        self.problem(error.message, error.line)

    @property
    def budget(self) -> NodeBudget:
        """The YAML node budget shared by every detector that walks this file."""
        if self._budget is None:
            self._budget = NodeBudget(self.limits.max_yaml_nodes)
        return self._budget

    def yaml(self) -> list[yaml.Node]:
        """The file's YAML documents; a malformed file is reported once and gives []."""
        if self._yaml is None and not self._yaml_failed:
            try:
                self._yaml = yaml_documents(self.text, self.limits)
            except ParseProblem as error:
                self._yaml_failed = True
                self.parse_problem(error)
        return self._yaml or []

    def read_related(self, rel: str) -> tuple[str, str] | None:
        """Another file of the same root (an include), if it is inside the root and readable:
        its relative path and text."""
        real_root = os.path.realpath(self.root)
        target = os.path.realpath(os.path.join(real_root, rel))
        if not target.startswith(real_root.rstrip(os.sep) + os.sep) or not os.path.isfile(target):
            return None
        relative = os.path.relpath(target, real_root).replace(os.sep, "/")
        entry = FileEntry(relative, target, os.stat(target).st_size)
        text, _ = read_text(entry, self.limits)
        return (relative, text) if text is not None else None

    def display_of(self, rel: str) -> str:
        """How another file of the same root is shown (with the root's name when needed)."""
        prefix = self.display[: len(self.display) - len(self.rel)]
        return prefix + rel

    def evidence(
        self,
        matches: Iterable[SignatureMatch],
        line: int | None,
        matched_text: str,
        detector: str,
        confidence: float,
        hint: str | None = None,
        file: str | None = None,
    ) -> list[Evidence]:
        """Evidence for each signature match at a line of this file."""
        return [
            Evidence(
                tool=match.tool,
                file=file or self.display,
                line=line,
                matched_text=matched_text,
                detector=detector,
                confidence=confidence,
                kind=match.kind,
                hint=hint,
            )
            for match in matches
        ]


def line_at(text: str, offset: int) -> int:
    """The 1-based line of a character offset."""
    return text.count("\n", 0, offset) + 1


def first_line_containing(text: str, needle: str, start_line: int = 1) -> int | None:
    """The first line (from ``start_line``) that contains ``needle``."""
    for number, line in enumerate(text.splitlines()[start_line - 1 :], start=start_line):
        if needle in line:
            return number
    return None

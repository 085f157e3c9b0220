"""What a scan finds: evidence, components, sightings, problems, and the scan's limits."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import NamedTuple

from mlopskg.errors import MlopsKGError


class ScanError(MlopsKGError):
    """A scan cannot go on: an unreadable root, or an archive that breaks a safety rule.

    Malformed files inside a root are not errors: they are :class:`Problem` entries of the
    result and the scan goes on.
    """


@dataclass(frozen=True)
class ScanLimits:
    """Bounds that keep a scan of any repository or archive small and safe."""

    #: Files bigger than this are not read (a problem is noted when a detector wanted one).
    max_file_bytes: int = 2_000_000
    #: Files visited over all roots; past it the scan stops walking and notes a problem.
    max_files: int = 50_000
    #: Folder depth below a root.
    max_depth: int = 40
    #: Archives: members, total uncompressed bytes and the compression ratio of a member.
    max_archive_members: int = 50_000
    max_archive_bytes: int = 500_000_000
    max_compression_ratio: float = 100.0
    #: YAML: alias uses per file, node visits per file (alias bombs) and nesting depth.
    max_yaml_aliases: int = 1_000
    max_yaml_nodes: int = 200_000
    max_yaml_depth: int = 100
    #: JSON nesting depth (notebooks, CloudFormation templates).
    max_json_depth: int = 200


@dataclass(frozen=True)
class Evidence:
    """One place in the files that shows a tool (and maybe a role).

    ``kind`` is set when a role signature matched: the match evidences that kind.
    ``hint`` is a kind the file's format suggests (a CI definition suggests the CI/CD
    engine); it counts only when the tool realises that kind (see :mod:`.roles`).
    """

    tool: str
    file: str
    line: int | None
    matched_text: str
    detector: str
    confidence: float
    kind: str | None = None
    hint: str | None = None

    @property
    def key(self) -> str:
        """A stable short hash naming this evidence (its IRI's last segment)."""
        parts = [self.tool, self.file, str(self.line or 0), self.matched_text, self.detector]
        return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]

    def sort_key(self) -> tuple[str, int, str, str, str]:
        return (self.file, self.line or 0, self.detector, self.matched_text, self.tool)


class Component(NamedTuple):
    """A component found in the files: its kind, the tool, the evidence, a confidence."""

    kind: str
    tool: str
    evidence: list[Evidence]
    confidence: float


class Sighting(NamedTuple):
    """A tool found whose role the files do not tell, with the kinds it could serve as."""

    tool: str
    candidate_kinds: list[str]
    evidence: list[Evidence]


class PipelineStep(NamedTuple):
    """The name of a step, stage or job of a pipeline definition (read by
    :mod:`.detectors.pipeline_steps`; its kind is told by :mod:`.pipeline_kinds`).

    ``ci`` is true for a CI definition's job or stage, whose names tell only the CI/CD kinds.
    """

    file: str
    line: int | None
    name: str
    ci: bool = False


class Problem(NamedTuple):
    """A file the scan could not read fully, skipped, or a limit it reached."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"

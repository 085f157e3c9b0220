"""The scan: walk each root (a folder, or an archive unpacked safely), read each file at
most once and only when a detector wants it, collect the evidence, assign roles."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from mlopskg.scan.archives import archive_stem, is_archive, unpacked
from mlopskg.scan.detectors import detectors_for
from mlopskg.scan.detectors.ml_config import detect_path
from mlopskg.scan.files import ScannedFile
from mlopskg.scan.index import SignatureIndex
from mlopskg.scan.model import Evidence, PipelineStep, Problem, ScanError, ScanLimits
from mlopskg.scan.parsing import ParseProblem
from mlopskg.scan.result import ScanResult
from mlopskg.scan.roles import assign_roles
from mlopskg.scan.storage_roles import StorageEndpoint
from mlopskg.scan.tree import FileBudget, read_text, walk_tree


def root_names(paths: Sequence[Path]) -> list[str]:
    """A short unique name per root: a folder's name, an archive's name without suffix."""
    names: list[str] = []
    for path in paths:
        base = archive_stem(path) if is_archive(path) else (path.resolve().name or "root")
        base = re.sub(r"[/\\]", "-", base) or "root"
        name, number = base, 2
        while name in names:
            name, number = f"{base}-{number}", number + 1
        names.append(name)
    return names


def _scan_folder(
    folder: Path,
    display: str,
    index: SignatureIndex,
    limits: ScanLimits,
    problems: list[Problem],
    evidence: set[Evidence],
    budget: FileBudget,
    steps: list[PipelineStep],
    endpoints: list[StorageEndpoint],
) -> int:
    """Scan one folder; returns the number of files read."""
    prefix = f"{display}/" if display else ""
    read = 0
    for entry in walk_tree(folder, limits, problems, budget, display):
        shown = prefix + entry.rel
        evidence.update(detect_path(entry.rel, shown, index))
        detectors = detectors_for(entry.rel, entry.name)
        if not detectors:
            continue
        text, why = read_text(entry, limits)
        if text is None:
            if why:
                problems.append(Problem(shown, None, why))
            continue
        read += 1
        file = ScannedFile(entry, folder, shown, text, index, limits, problems)
        for detector in detectors:
            try:
                evidence.update(detector.detect(file))
            except ParseProblem as error:
                file.parse_problem(error)
            except RecursionError:
                file.problem(f"nested too deeply for the {detector.name} detector: not read")
            except Exception as error:  # a detector's bug must not stop the scan
                file.problem(
                    f"the {detector.name} detector failed: {type(error).__name__}: {error}"
                )
        steps += file.steps
        endpoints += file.endpoints
    return read


def scan(
    paths: Sequence[Path], signatures: SignatureIndex, limits: ScanLimits | None = None
) -> ScanResult:
    """Scan folders and ``.zip``/``.tar.gz`` archives into one architecture.

    Raises :class:`ScanError` for a path that is neither, or an archive that breaks a
    safety rule; malformed files are problems of the result.
    """
    limits = limits or ScanLimits()
    if not paths:
        raise ScanError("nothing to scan: give a folder or a .zip/.tar.gz archive")
    started = datetime.now(UTC).replace(microsecond=0)
    clock = time.perf_counter()
    names = root_names(paths)
    problems: list[Problem] = []
    evidence: set[Evidence] = set()
    steps: list[PipelineStep] = []
    endpoints: list[StorageEndpoint] = []
    budget = FileBudget(limits.max_files)
    files_read = 0
    for path, name in zip(paths, names, strict=True):
        display = name if len(paths) > 1 else ""
        if path.is_dir():
            files_read += _scan_folder(
                path, display, signatures, limits, problems, evidence, budget, steps, endpoints
            )
        elif path.is_file() and is_archive(path):
            with unpacked(path, limits) as folder:
                files_read += _scan_folder(
                    folder,
                    display,
                    signatures,
                    limits,
                    problems,
                    evidence,
                    budget,
                    steps,
                    endpoints,
                )
        elif not path.exists():
            raise ScanError(f"{path}: no such file or folder")
        else:
            raise ScanError(f"{path}: not a folder or a .zip, .tar.gz or .tgz archive")
    components, sightings = assign_roles(evidence, signatures, steps, endpoints)
    found_kinds = {component.kind for component in components}
    return ScanResult(
        roots=names,
        components=components,
        sightings=sightings,
        not_observable=[k for k in signatures.not_observable if k not in found_kinds],
        problems=sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.message)),
        index=signatures,
        started=started,
        files_read=files_read,
        seconds=time.perf_counter() - clock,
    )

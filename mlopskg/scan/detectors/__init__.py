"""The detectors: one module per kind of file, each knowing a file format and nothing
about particular tools (the tools come from the signature index).

Each module has ``NAME``, ``wants(rel, name)`` (decided from the path alone, before the
file is read) and ``detect(file)`` returning :class:`~mlopskg.scan.model.Evidence`; each
documents its confidences. :mod:`.ml_config` matches paths only and needs no reading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mlopskg.scan.detectors import (
    ci,
    cloudformation,
    code_patterns,
    compose,
    dockerfile,
    helm,
    kubernetes,
    pipeline_steps,
    python_code,
    python_dependencies,
    terraform,
)
from mlopskg.scan.files import ScannedFile
from mlopskg.scan.model import Evidence


@dataclass(frozen=True)
class Detector:
    """A detector: its name, which paths it reads, and how it reads them."""

    name: str
    wants: Callable[[str, str], bool]
    detect: Callable[[ScannedFile], list[Evidence]]


DETECTORS: tuple[Detector, ...] = tuple(
    Detector(module.NAME, module.wants, module.detect)
    for module in (
        python_dependencies,
        python_code,
        code_patterns,
        dockerfile,
        compose,
        kubernetes,
        helm,
        terraform,
        cloudformation,
        ci,
        pipeline_steps,
    )
)


def detectors_for(rel: str, name: str) -> list[Detector]:
    """The detectors that read this path."""
    return [detector for detector in DETECTORS if detector.wants(rel, name)]

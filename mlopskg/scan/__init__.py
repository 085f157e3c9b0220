"""Scan repositories into architecture descriptions (issue 11).

``scan(paths, load_signatures(store))`` walks folders and archives safely, runs the
detectors (:mod:`.detectors`, one per kind of file), assigns component kinds only where
the evidence supports a role (:mod:`.roles`) and returns a :class:`ScanResult`: the
architecture description in the contract's vocabulary with its evidence in PROV-O.
The signatures are data of the knowledge graph (``queries/tool-signatures.rq``).
"""

from __future__ import annotations

from mlopskg.scan.engine import scan
from mlopskg.scan.index import SignatureIndex
from mlopskg.scan.model import Component, Evidence, Problem, ScanError, ScanLimits, Sighting
from mlopskg.scan.result import ScanResult
from mlopskg.scan.signatures import load_signatures

__all__ = [
    "Component",
    "Evidence",
    "Problem",
    "ScanError",
    "ScanLimits",
    "ScanResult",
    "Sighting",
    "SignatureIndex",
    "load_signatures",
    "scan",
]

"""Code patterns (literal texts of role signatures, such as a registry call or a
``models:/`` URI) in configuration files and scripts; Python code and notebooks get the
same search from :mod:`.python_code`.

All patterns are searched in one pass with an Aho-Corasick automaton (pyahocorasick).

Confidence: 0.8 for a code pattern.
"""

from __future__ import annotations

from mlopskg.scan.files import ScannedFile
from mlopskg.scan.model import Evidence

NAME = "code-patterns"

_SUFFIXES = (".yaml", ".yml", ".toml", ".cfg", ".ini", ".conf", ".env", ".sh", ".properties")
_NAMES = frozenset({"MLproject", "Makefile", "Procfile", ".env"})


def wants(rel: str, name: str) -> bool:
    return name.endswith(_SUFFIXES) or name in _NAMES


def pattern_evidence(file: ScannedFile, text: str, detector: str) -> list[Evidence]:
    """Evidence for each code pattern in ``text``, once per pattern and line."""
    automaton = file.index.code_automaton
    if automaton is None:
        return []
    found: list[Evidence] = []
    seen: set[tuple[str, int]] = set()
    line, counted = 1, 0
    for end, pattern in automaton.iter(text):
        start = end - len(pattern) + 1
        line += text.count("\n", counted, start)
        counted = start
        if (pattern, line) in seen:
            continue
        seen.add((pattern, line))
        found += file.evidence(file.index.code_patterns[pattern], line, pattern, detector, 0.8)
    return found


def detect(file: ScannedFile) -> list[Evidence]:
    return pattern_evidence(file, file.text, NAME)

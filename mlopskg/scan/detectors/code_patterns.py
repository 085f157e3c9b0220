"""Code patterns (literal texts of role signatures, such as a registry call or a
``models:/`` URI) in configuration files and scripts; Python code and notebooks get the
same search from :mod:`.python_code`.

All patterns are searched in one pass with an Aho-Corasick automaton (pyahocorasick). Besides
files with the suffixes and names below, a file named ``config`` in a hidden folder is read
(``.dvc/config``, ``.aws/config``: INI-style tool configuration). In Docker Compose files a
short-syntax volume entry (``- models:/opt/models``) is a mount, not a URI, and is skipped.

Confidence: 0.8 for a code pattern.
"""

from __future__ import annotations

import re

from mlopskg.scan.files import ScannedFile
from mlopskg.scan.model import Evidence
from mlopskg.scan.storage_roles import non_aws_endpoints, uri_role

NAME = "code-patterns"

_SUFFIXES = (".yaml", ".yml", ".toml", ".cfg", ".ini", ".conf", ".env", ".sh", ".properties")
_NAMES = frozenset({"MLproject", "Makefile", "Procfile", ".env"})
_HIDDEN_CONFIG = re.compile(r"(?:^|/)\.[^/]+/config$")
_COMPOSE = re.compile(r"^(?:docker-)?compose[^/]*\.ya?ml$")
#: A Compose short-syntax volume: "- name:/path" or "- ./dir:/path[:ro]".
_VOLUME_ENTRY = re.compile(r"^\s*-\s*['\"]?[\w.~${}/-]+:/")


def wants(rel: str, name: str) -> bool:
    return name.endswith(_SUFFIXES) or name in _NAMES or bool(_HIDDEN_CONFIG.search(rel))


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
        matches = file.index.code_patterns[pattern]
        # A URI scheme that identifies a store: the code around it may tell its role.
        hint = uri_role(file.rel, text, start) if pattern.endswith("://") else None
        identities = [match for match in matches if not match.kind]
        roles = [match for match in matches if match.kind]
        found += file.evidence(identities, line, pattern, detector, 0.8, hint=hint)
        found += file.evidence(roles, line, pattern, detector, 0.8)
    return found


def _volume_lines(text: str) -> set[int]:
    return {n for n, line in enumerate(text.splitlines(), start=1) if _VOLUME_ENTRY.match(line)}


def detect(file: ScannedFile) -> list[Evidence]:
    file.endpoints += non_aws_endpoints(file.display, file.text)
    found = pattern_evidence(file, file.text, NAME)
    if found and _COMPOSE.match(file.name):
        mounts = _volume_lines(file.text)
        found = [item for item in found if item.line not in mounts]
    return found

"""Terraform: the resource and data-source types of ``.tf`` files (AWS, Google, Azure,
Databricks and any other provider). Each file is checked with python-hcl2's grammar (a file
it cannot parse is reported with its line) and its block headers are read from the text,
so a malformed file still shows its resources.

Modules are not matched (the catalogue has no signature for module sources); a local
module's own ``.tf`` files are scanned like any other.

Confidence: 0.95 for a resource type (0.9 for a data source, which reads rather than
creates).
"""

from __future__ import annotations

import re

from mlopskg.scan.files import ScannedFile
from mlopskg.scan.model import Evidence
from mlopskg.scan.parsing import ParseProblem, check_hcl

NAME = "terraform"

_BLOCK = re.compile(r'^[ \t]*(resource|data)[ \t]+"?([A-Za-z0-9_-]+)"?', re.M)


def wants(rel: str, name: str) -> bool:
    return name.endswith(".tf")


def _block_lines(text: str) -> dict[tuple[str, str], int]:
    lines: dict[tuple[str, str], int] = {}
    for match in _BLOCK.finditer(text):
        key = (match.group(1), match.group(2))
        lines.setdefault(key, text.count("\n", 0, match.start()) + 1)
    return lines


def detect(file: ScannedFile) -> list[Evidence]:
    try:
        check_hcl(file.text)
    except ParseProblem as error:
        file.parse_problem(error)
    found: list[Evidence] = []
    for (block_type, resource_type), line in sorted(_block_lines(file.text).items()):
        matches = file.index.terraform_types(resource_type)
        confidence = 0.95 if block_type == "resource" else 0.9
        found += file.evidence(matches, line, resource_type, NAME, confidence)
    return found

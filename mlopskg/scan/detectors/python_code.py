"""Python source and Jupyter notebooks: imports, AWS SDK clients and code patterns.

The code is read as text (notebooks as JSON), never imported or run. Imports are found
with a line-anchored pattern (``import a.b as c, d`` and ``from a.b import c``; relative
imports are left out), which also reads files that a newer or older Python could not
parse.

Confidence: 0.8 for an import of a tool's module; 0.9 for ``boto3.client("s3")`` or
``.resource(...)`` in a file that uses boto3; 0.8 for a code pattern (a role signature's
literal text, such as a registry call).
"""

from __future__ import annotations

import json
import re

from mlopskg.scan.detectors.code_patterns import pattern_evidence
from mlopskg.scan.files import ScannedFile, line_at
from mlopskg.scan.model import Evidence
from mlopskg.scan.parsing import ParseProblem, json_depth_ok, parse_json

NAME = "python-code"

_IMPORT_LINE = re.compile(
    r"[ \t]*(?:from[ \t]+([A-Za-z_][\w.]*)[ \t]+import\b|import[ \t]+([^\n#;]+))"
)
_AWS_CLIENT = re.compile(
    r"\.(?:client|resource)\(\s*(?:service_name\s*=\s*)?['\"]([A-Za-z0-9-]+)['\"]"
)


def wants(rel: str, name: str) -> bool:
    return name.endswith((".py", ".ipynb"))


def _imported_modules(code: str) -> list[tuple[str, int]]:
    """(module, line) of each import statement at the start of a line.

    Finds the word "import" with ``str.find`` and matches only the lines that hold it: a
    line-anchored regular expression would be tried at every character.
    """
    found: list[tuple[str, int]] = []
    position, line, counted, last_start = code.find("import"), 1, 0, -1
    while position != -1:
        start = code.rfind("\n", 0, position) + 1
        if start != last_start:
            last_start = start
            line += code.count("\n", counted, start)
            counted = start
            match = _IMPORT_LINE.match(code, start)
            if match and match.group(1):
                found.append((match.group(1), line))
            elif match:
                for part in match.group(2).split(","):
                    words = part.split()
                    if words and re.fullmatch(r"[A-Za-z_][\w.]*", words[0]):
                        found.append((words[0], line))
        position = code.find("import", position + 6)
    return found


def code_evidence(
    file: ScannedFile, code: str, line_map: list[int] | None = None
) -> list[Evidence]:
    """Imports, AWS clients and code patterns in Python code; ``line_map`` turns a line
    of ``code`` into a line of the file (for notebooks)."""

    def file_line(line: int) -> int | None:
        if line_map is None:
            return line
        return line_map[line - 1] if 0 < line <= len(line_map) else None

    index = file.index
    found: list[Evidence] = []
    for module, line in _imported_modules(code):
        matches = index.imports(module)
        if matches:
            found += file.evidence(matches, file_line(line), module, NAME, 0.8)
    if "boto3" in code:
        for match in _AWS_CLIENT.finditer(code):
            service = match.group(1)
            at = file_line(line_at(code, match.start()))
            found += file.evidence(index.aws_services(service), at, service, NAME, 0.9)
    for evidence in pattern_evidence(file, code, NAME):
        found.append(
            Evidence(
                evidence.tool,
                evidence.file,
                file_line(evidence.line) if evidence.line else None,
                evidence.matched_text,
                evidence.detector,
                evidence.confidence,
                evidence.kind,
                evidence.hint,
            )
        )
    return found


def notebook_code(file: ScannedFile) -> tuple[str, list[int]]:
    """The code cells of a notebook as one text, and the file line of each of its lines."""
    data = parse_json(file.text)
    if not json_depth_ok(data, file.limits.max_json_depth):
        raise ParseProblem("notebook JSON nested too deeply: not read")
    cells = data.get("cells", []) if isinstance(data, dict) else []
    lines: list[str] = []
    line_map: list[int] = []
    raw_lines = file.text.splitlines()
    cursor = 0
    for cell in cells if isinstance(cells, list) else []:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", [])
        text = "".join(source) if isinstance(source, list) else str(source)
        for code_line in text.split("\n"):
            # Find the JSON-encoded line in the raw file, moving forward only.
            encoded = json.dumps(code_line)[1:-1]
            found = cursor
            if encoded.strip():
                for offset, raw in enumerate(raw_lines[cursor:], start=cursor):
                    if encoded in raw:
                        found = offset
                        break
            cursor = found
            lines.append(code_line)
            line_map.append(found + 1)
    return "\n".join(lines), line_map


def detect(file: ScannedFile) -> list[Evidence]:
    if file.name.endswith(".ipynb"):
        try:
            code, line_map = notebook_code(file)
        except ParseProblem as error:
            file.parse_problem(error)
            return []
        return code_evidence(file, code, line_map)
    return code_evidence(file, file.text)

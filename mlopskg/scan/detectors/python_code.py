"""Python source and Jupyter notebooks: imports, AWS SDK clients and code patterns.

The code is read as text (notebooks as JSON), never imported or run. Imports are found
with a line-anchored pattern (``import a.b as c, d`` and ``from a.b import c``; relative
imports are left out), which also reads files that a newer or older Python could not
parse.

A file that defines a workflow (``DAG(...)``, ``@dag``) hints the pipeline orchestrator for
the tool whose module gives the definition, and a schedule other than None there hints the
scheduler (docs/scan.md, "Object storage, endpoints and schedules"); a file that reads or
writes dataframes hints the data store for the storage clients it uses.

Confidence: 0.8 for an import of a tool's module; 0.9 for ``boto3.client("s3")`` or
``.resource(...)`` in a file that uses boto3; 0.8 for a code pattern (a role signature's
literal text, such as a registry call).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from mlopskg.namespaces import MLO
from mlopskg.scan.detectors.code_patterns import pattern_evidence
from mlopskg.scan.files import ScannedFile, line_at
from mlopskg.scan.model import Evidence
from mlopskg.scan.parsing import ParseProblem, json_depth_ok, parse_json
from mlopskg.scan.storage_roles import DATA_STORE, DATAFRAME_IO, non_aws_endpoints

PIPELINE_ORCHESTRATOR = str(MLO.PipelineOrchestrator)
SCHEDULER = str(MLO.Scheduler)

NAME = "python-code"

_IMPORT_LINE = re.compile(
    r"[ \t]*(?:from[ \t]+([A-Za-z_][\w.]*)[ \t]+import\b([^\n#;]*)|import[ \t]+([^\n#;]+))"
)
#: A workflow definition (Airflow's ``DAG(...)``, ``@dag``): its tool orchestrates pipelines.
_DAG_DEFINITION = re.compile(r"\bDAG\(|^[ \t]*@(?:\w+\.)?dag\b", re.MULTILINE)
#: The name a workflow definition's module gives it, on an import line.
_DAG_NAME = re.compile(r"\bimport\b.*\b(?:DAG|dag)\b")
#: A definition's schedule other than None: its tool schedules runs (the scheduler role).
_SCHEDULE = re.compile(r"\bschedule(?:_interval)?\s*=\s*(?!None\b)[\"'\w(]")
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
                # "from google.cloud import storage" imports the module google.cloud.storage.
                for part in match.group(2).strip(" \t()\\").split(","):
                    words = part.split()
                    if words and re.fullmatch(r"[A-Za-z_]\w*", words[0]):
                        found.append((f"{match.group(1)}.{words[0]}", line))
            elif match:
                for part in match.group(3).split(","):
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
    # Code that reads or writes dataframes: the storage clients it uses hold data.
    hint = DATA_STORE if DATAFRAME_IO.search(code) else None
    modules = _imported_modules(code)
    imported = {module for module, _ in modules}
    for module, line in modules:
        matches = index.imports(module)
        parent = module.rsplit(".", 1)[0]
        if "." in module and parent in imported and set(matches) <= set(index.imports(parent)):
            continue  # a name imported from a module, not a module below it
        if matches:
            found += file.evidence(matches, file_line(line), module, NAME, 0.8, hint=hint)
    found += _workflow_evidence(file, code, modules, file_line)
    if "boto3" in code:
        for match in _AWS_CLIENT.finditer(code):
            service = match.group(1)
            at = file_line(line_at(code, match.start()))
            found += file.evidence(index.aws_services(service), at, service, NAME, 0.9, hint=hint)
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


def _workflow_evidence(
    file: ScannedFile,
    code: str,
    modules: list[tuple[str, int]],
    file_line: Callable[[int], int | None],
) -> list[Evidence]:
    """A workflow definition and its schedule, as format hints (pipeline orchestrator,
    scheduler) for the tools the file imports; a hint counts only for a tool that realises
    its kind (rule (b) of :mod:`..roles`)."""
    definition = _DAG_DEFINITION.search(code)
    if not definition:
        return []
    # The tools whose module gives the definition: "from airflow import DAG", "@airflow.dag".
    lines = code.split("\n")
    defining = {
        module
        for module, line in modules
        if _DAG_NAME.search(lines[line - 1]) or f"{module}.DAG(" in code or f"@{module}.dag" in code
    }
    matches = {match for module in defining for match in file.index.imports(module)}
    if not matches:
        return []
    found: list[Evidence] = []
    line = file_line(line_at(code, definition.start()))
    text = definition.group(0).strip()
    found += file.evidence(matches, line, text, NAME, 0.8, hint=PIPELINE_ORCHESTRATOR)
    for schedule in _SCHEDULE.finditer(code):
        at = file_line(line_at(code, schedule.start()))
        found += file.evidence(matches, at, schedule.group(0), NAME, 0.8, hint=SCHEDULER)
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
    file.endpoints += non_aws_endpoints(file.display, file.text)
    if file.name.endswith(".ipynb"):
        try:
            code, line_map = notebook_code(file)
        except ParseProblem as error:
            file.parse_problem(error)
            return []
        return code_evidence(file, code, line_map)
    return code_evidence(file, file.text)

"""Python dependencies declared in requirements files, ``pyproject.toml`` (PEP 621,
PEP 735 dependency groups and Poetry), ``setup.cfg``, ``setup.py`` (read with ``ast``,
never run), ``Pipfile`` and conda ``environment.yml`` (with its ``pip:`` section).

Confidence: 0.9 for a package declared as a dependency (the tool's package or its client
package); 0.8 for a conda package (conda names usually, not always, equal PyPI names);
0.7 for a ``[tool.<name>]`` table of ``pyproject.toml`` (by convention the table of the
package that reads it). Lock files are left out: they list transitive dependencies.
"""

from __future__ import annotations

import ast
import configparser
import posixpath
import re
from collections.abc import Mapping
from typing import Any

from mlopskg.scan.files import ScannedFile, first_line_containing
from mlopskg.scan.model import Evidence
from mlopskg.scan.parsing import ParseProblem, elements, get, line_of, parse_toml, scalar

NAME = "python-dependencies"

_REQUIREMENTS = re.compile(r"(?:^|/)(?:requirements[^/]*|requirements/[^/]+)\.(?:txt|in)$")
_CONDA = re.compile(r"(?:^|/)(?:environment|conda)[^/]*\.ya?ml$")
_NAMES = frozenset({"pyproject.toml", "setup.cfg", "setup.py", "Pipfile"})
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_CONDA_SPEC = re.compile(r"^(?:[\w.-]+::)?([A-Za-z0-9][A-Za-z0-9._-]*)")
_INCLUDE = re.compile(r"^\s*(?:-r|-c|--requirement|--constraint)[\s=]+(\S+)")
_MAX_INCLUDES = 20


def wants(rel: str, name: str) -> bool:
    if name in _NAMES:
        return True
    if not name.endswith((".txt", ".in", ".yml", ".yaml")):
        return False
    return bool(_REQUIREMENTS.search(rel) or _CONDA.search(rel))


def requirement_name(line: str) -> str | None:
    """The project name of a requirement line; None for options, URLs and paths.

    >>> requirement_name("mlflow[extras]>=2.9 ; python_version > '3.8'  # tracking")
    'mlflow'
    >>> requirement_name("feast @ git+https://github.com/feast-dev/feast") is None
    False
    >>> requirement_name("-e .") is None
    True
    """
    text = line.split(" #", 1)[0].strip()
    if not text or text.startswith(("#", "-", ".", "/", "git+", "http:", "https:", "file:")):
        return None
    match = _REQUIREMENT.match(text)
    return match.group(1) if match else None


def _package_evidence(
    file: ScannedFile, name: str, line: int | None, confidence: float = 0.9, display: str = ""
) -> list[Evidence]:
    matches = file.index.packages(name)
    return file.evidence(matches, line, name, NAME, confidence, file=display or None)


def _requirements(file: ScannedFile, rel: str, text: str, seen: set[str]) -> list[Evidence]:
    found: list[Evidence] = []
    seen.add(rel)
    display = file.display_of(rel)
    for number, line in enumerate(text.splitlines(), start=1):
        include = _INCLUDE.match(line)
        if include:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), include.group(1)))
            if target in seen or len(seen) > _MAX_INCLUDES:
                continue
            related = file.read_related(target)
            if related is None:
                continue
            found += _requirements(file, related[0], related[1], seen)
            continue
        name = requirement_name(line)
        if name:
            found += _package_evidence(file, name, number, display=display)
    return found


def _declared(file: ScannedFile, specs: list[str]) -> list[Evidence]:
    found: list[Evidence] = []
    for spec in specs:
        name = requirement_name(spec) if isinstance(spec, str) else None
        if name:
            line = first_line_containing(file.text, spec) or first_line_containing(file.text, name)
            found += _package_evidence(file, name, line)
    return found


def _string_list(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _pyproject(file: ScannedFile, data: dict[str, Any]) -> list[Evidence]:
    project = data.get("project", {}) if isinstance(data.get("project"), dict) else {}
    specs = _string_list(project.get("dependencies"))
    optional = project.get("optional-dependencies")
    if isinstance(optional, dict):
        for group in optional.values():
            specs += _string_list(group)
    groups = data.get("dependency-groups")
    if isinstance(groups, dict):
        for group in groups.values():
            specs += _string_list(group)
    found = _declared(file, specs)
    tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
    assert isinstance(tool, dict)
    poetry = tool.get("poetry") if isinstance(tool.get("poetry"), dict) else {}
    assert isinstance(poetry, dict)
    tables = [poetry.get("dependencies"), poetry.get("dev-dependencies")]
    group_tables = poetry.get("group")
    if isinstance(group_tables, dict):
        tables += [g.get("dependencies") for g in group_tables.values() if isinstance(g, dict)]
    for table in tables:
        if isinstance(table, dict):
            for name in table:
                if name.lower() != "python":
                    found += _package_evidence(file, name, first_line_containing(file.text, name))
    for name in tool:
        line = first_line_containing(file.text, f"[tool.{name}")
        found += _package_evidence(file, name, line, confidence=0.7)
    return found


def _setup_cfg(file: ScannedFile) -> list[Evidence]:
    parser = configparser.RawConfigParser(strict=False)
    try:
        parser.read_string(file.text, source=file.display)
    except configparser.Error as error:
        line = getattr(error, "lineno", None)
        file.problem(f"malformed setup.cfg: {error.message.splitlines()[0]}", line)
        return []
    specs: list[str] = []
    if parser.has_option("options", "install_requires"):
        specs += parser.get("options", "install_requires").splitlines()
    if parser.has_section("options.extras_require"):
        for _, value in parser.items("options.extras_require"):
            specs += value.splitlines()
    return _declared(file, [s.strip() for s in specs if s.strip()])


def _literal_strings(node: ast.AST, assignments: Mapping[str, ast.AST]) -> list[str]:
    if isinstance(node, ast.Name) and node.id in assignments:
        node = assignments[node.id]
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [
            e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
        ]
    if isinstance(node, ast.Dict):
        return [s for value in node.values for s in _literal_strings(value, assignments)]
    return []


def _setup_py(file: ScannedFile) -> list[Evidence]:
    try:
        tree = ast.parse(file.text, filename=file.display)
    except (SyntaxError, ValueError, RecursionError) as error:
        line = getattr(error, "lineno", None)
        file.problem(f"setup.py is not valid Python: {getattr(error, 'msg', error)}", line)
        return []
    assignments = {
        target.id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    specs: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg in ("install_requires", "extras_require"):
                    specs += _literal_strings(keyword.value, assignments)
    return _declared(file, specs)


def _pipfile(file: ScannedFile, data: dict[str, Any]) -> list[Evidence]:
    found: list[Evidence] = []
    for section in ("packages", "dev-packages"):
        table = data.get(section)
        if isinstance(table, dict):
            for name in table:
                found += _package_evidence(file, name, first_line_containing(file.text, name))
    return found


def _conda(file: ScannedFile) -> list[Evidence]:
    found: list[Evidence] = []
    budget = file.budget
    for document in file.yaml():
        for item in elements(get(document, "dependencies", budget), budget):
            text = scalar(item)
            if text is not None:
                match = _CONDA_SPEC.match(text.strip())
                if match:
                    found += _package_evidence(file, match.group(1), line_of(item), 0.8)
                continue
            for pip_item in elements(get(item, "pip", budget), budget):
                spec = scalar(pip_item)
                name = requirement_name(spec) if spec else None
                if name:
                    found += _package_evidence(file, name, line_of(pip_item))
    return found


def detect(file: ScannedFile) -> list[Evidence]:
    name = file.name
    try:
        if name == "pyproject.toml":
            return _pyproject(file, parse_toml(file.text))
        if name == "Pipfile":
            return _pipfile(file, parse_toml(file.text))
    except ParseProblem as error:
        file.parse_problem(error)
        return []
    if name == "setup.cfg":
        return _setup_cfg(file)
    if name == "setup.py":
        return _setup_py(file)
    if _CONDA.search(file.rel):
        return _conda(file)
    return _requirements(file, file.rel, file.text, set())

"""The package's layout holds: small modules, no import cycles, no module importing one
that stands above it, and the README's "Where things go" names files that exist."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "mlopskg"

#: The layers, lowest first: a module may import from its own layer or one below.
LAYERS = [
    {"errors", "namespaces", "resources"},
    {"sparql"},
    {"stores"},
    {"queries"},
    {"graph"},
    {"ontology_tools"},
    {"diagram", "diagrams"},
    {"validation"},
    {"catalogue", "scan", "plan"},
    {"api"},
    {"cli", "__main__", "__init__"},
]


def _modules() -> dict[str, Path]:
    return {
        ".".join(path.relative_to(ROOT).with_suffix("").parts): path
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node, leaving out ``if TYPE_CHECKING:`` blocks (imports for type hints only)."""
    nodes: list[ast.AST] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            stack.extend(node.orelse)
            continue
        nodes.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return nodes


def _imports(path: Path) -> set[str]:
    """The mlopskg modules a module imports at run time (at the top or inside functions)."""
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mlopskg"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("mlopskg"))
    return found & set(_modules()) - {"mlopskg"}


def _layer(module: str) -> int:
    top = module.split(".")[1] if "." in module else "__init__"
    return next(i for i, names in enumerate(LAYERS) if top in names)


@pytest.mark.parametrize("module", sorted(_modules()))
def test_modules_are_small(module: str) -> None:
    lines = len(_modules()[module].read_text(encoding="utf-8").splitlines())
    assert lines <= 400, f"{module} has {lines} lines: split it by what its parts do"


def test_no_module_imports_one_above_it() -> None:
    upward = [
        f"{module} -> {target}"
        for module, path in _modules().items()
        for target in _imports(path)
        if _layer(target) > _layer(module) and not module.endswith("__init__")
    ]
    assert not upward


def test_no_import_cycles() -> None:
    graph = {module: _imports(path) - {module} for module, path in _modules().items()}
    # Package __init__ modules only re-export: leave them out, as Python imports them first.
    graph = {m: {t for t in ts if not t.endswith("__init__")} for m, ts in graph.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                cycles.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles


def _where_things_go() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Where things go\n(.*?)(?=^## )", readme, re.M | re.S)
    assert match, "README.md has no section 'Where things go'"
    return match.group(1)


def test_where_things_go_names_existing_paths() -> None:
    named = re.findall(r"`([\w./-]+/[\w./-]*|[\w-]+\.(?:py|md|rq|ttl))`", _where_things_go())
    assert len(named) >= 10
    missing = [name for name in named if not (ROOT / name.rstrip("/")).exists()]
    assert not missing, f"README 'Where things go' names paths that do not exist: {missing}"


def test_tests_and_benchmarks_do_not_import_each_other() -> None:
    """What both need lives in support/."""
    crossing = [
        f"{path.relative_to(ROOT)} imports {other}"
        for folder, other in (("tests", "benchmarks"), ("benchmarks", "tests"))
        for path in sorted((ROOT / folder).rglob("*.py"))
        if re.search(rf"^\s*(from|import) {other}\b", path.read_text(encoding="utf-8"), re.M)
    ]
    assert not crossing

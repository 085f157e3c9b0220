"""Parse scanned files safely: YAML, TOML, JSON and HCL, with the line of every error.

Nothing here evaluates what it reads. YAML is composed into nodes with PyYAML's safe
loader and never constructed into Python objects, so unknown tags (CloudFormation's
``!Ref``) are harmless; nesting depth and alias uses are bounded while composing, and
walking the nodes is bounded by a visit budget, so an alias bomb (a few lines that expand
to billions of nodes) stops with a problem instead of eating memory.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from typing import Any

import yaml

from mlopskg.scan.model import ScanLimits


class ParseProblem(Exception):
    """A file could not be parsed; ``line`` is 1-based where the parser says."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


# --- YAML --------------------------------------------------------------------------------


class _BoundedComposer(yaml.composer.Composer, yaml.resolver.Resolver):
    """PyYAML's composer with bounds on nesting and on aliases; the events it composes
    come from libyaml's parser when PyYAML has it (twenty times faster), else from
    PyYAML's own. Nothing is constructed: tags such as ``!Ref`` stay plain nodes."""

    max_depth = 100
    max_aliases = 1000

    def _init_bounds(self) -> None:
        yaml.composer.Composer.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self._depth = 0
        self._aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            self._aliases += 1
            if self._aliases > self.max_aliases:
                mark = self.peek_event().start_mark  # type: ignore[attr-defined]
                raise ParseProblem(
                    f"more than {self.max_aliases} YAML aliases: not read (an alias bomb?)",
                    mark.line + 1,
                )
        self._depth += 1
        try:
            if self._depth > self.max_depth:
                mark = self.peek_event().start_mark  # type: ignore[attr-defined]
                raise ParseProblem(
                    f"YAML nested deeper than {self.max_depth} levels: not read", mark.line + 1
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _PythonLoader(_BoundedComposer, yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """Events from PyYAML's own parser (when PyYAML was built without libyaml)."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        self._init_bounds()

    def dispose(self) -> None:
        self.states = []


try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _LibyamlLoader(_BoundedComposer, CParser):
        """Events from libyaml's parser: the composing (and its bounds) stays in Python."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            self._init_bounds()

        def dispose(self) -> None:
            pass

    _LOADER: type[_BoundedComposer] = _LibyamlLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _LOADER = _PythonLoader


def yaml_documents(text: str, limits: ScanLimits) -> list[yaml.Node]:
    """The documents of a YAML stream as nodes (empty documents left out)."""
    loader: Any = _LOADER(text)  # type: ignore[call-arg]
    loader.max_depth = limits.max_yaml_depth
    loader.max_aliases = limits.max_yaml_aliases
    documents: list[yaml.Node] = []
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is not None:
                documents.append(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        raise ParseProblem(f"malformed YAML: {error.problem or error.context}", line) from None
    except yaml.YAMLError as error:
        raise ParseProblem(f"malformed YAML: {error}") from None
    finally:
        loader.dispose()
    return documents


class NodeBudget:
    """How many YAML nodes the walkers of one file may still visit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.remaining = limit

    def spend(self, node: yaml.Node) -> None:
        self.remaining -= 1
        if self.remaining < 0:
            raise ParseProblem(
                f"YAML expands to more than {self.limit} nodes: not read further (an alias bomb?)",
                line_of(node),
            )


def line_of(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def scalar(node: yaml.Node | None) -> str | None:
    """A scalar's text; None for a mapping, a sequence or no node."""
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    return None


def items(node: yaml.Node | None, budget: NodeBudget) -> Iterator[tuple[str, yaml.Node]]:
    """A mapping's (key, value) pairs with scalar keys, merge keys (``<<``) followed."""
    if not isinstance(node, yaml.MappingNode):
        return
    for key, value in node.value:
        budget.spend(value)
        if key.tag == "tag:yaml.org,2002:merge" or scalar(key) == "<<":
            merged = value.value if isinstance(value, yaml.SequenceNode) else [value]
            for source in merged:
                yield from items(source, budget)
            continue
        name = scalar(key)
        if name is not None:
            yield name, value


def get(node: yaml.Node | None, key: str, budget: NodeBudget) -> yaml.Node | None:
    """The value of ``key`` in a mapping (the last one wins, as in YAML loaders)."""
    found = None
    for name, value in items(node, budget):
        if name == key:
            found = value
    return found


def elements(node: yaml.Node | None, budget: NodeBudget) -> list[yaml.Node]:
    """A sequence's items; [] for anything else."""
    if not isinstance(node, yaml.SequenceNode):
        return []
    for child in node.value:
        budget.spend(child)
    return list(node.value)


def strings(node: yaml.Node | None, budget: NodeBudget) -> list[tuple[str, int]]:
    """A scalar or a sequence of scalars as (text, line) pairs."""
    text = scalar(node)
    if text is not None and node is not None:
        return [(text, line_of(node))]
    return [(s, line_of(n)) for n in elements(node, budget) if (s := scalar(n)) is not None]


def walk(
    node: yaml.Node | None, budget: NodeBudget, key: str | None = None
) -> Iterator[tuple[str | None, yaml.Node]]:
    """Every node below ``node`` with the mapping key it stands under, depth first."""
    stack: list[tuple[str | None, yaml.Node]] = [(key, node)] if node is not None else []
    while stack:
        current_key, current = stack.pop()
        budget.spend(current)
        yield current_key, current
        if isinstance(current, yaml.MappingNode):
            children = list(items(current, budget))
            stack.extend(reversed(children))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((current_key, child) for child in reversed(current.value))


# --- TOML, JSON, HCL ---------------------------------------------------------------------

_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def parse_toml(text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_LINE.search(message)
        line = int(match.group(1)) if match else None
        raise ParseProblem(f"malformed TOML: {_TOML_LINE.sub('', message).strip()}", line) from None


def parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ParseProblem(f"malformed JSON: {error.msg}", error.lineno) from None
    except RecursionError:
        raise ParseProblem("JSON nested too deeply: not read") from None


def json_depth_ok(value: Any, limit: int) -> bool:
    """Whether a parsed JSON value nests no deeper than ``limit`` (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        current, depth = stack.pop()
        if depth > limit:
            return False
        if isinstance(current, dict):
            stack.extend((child, depth + 1) for child in current.values())
        elif isinstance(current, list):
            stack.extend((child, depth + 1) for child in current)
    return True


def check_hcl(text: str) -> None:
    """Parse a Terraform file with python-hcl2's grammar; a ParseProblem when it is not HCL.

    Only the syntax tree is built (not python-hcl2's dictionary, five times slower): the
    detector reads the block headers it needs from the text.
    """
    import hcl2  # imported here: lark's grammar takes a moment to build

    try:
        hcl2.parses_to_tree(text)
    except RecursionError:
        raise ParseProblem("HCL nested too deeply: not read") from None
    except Exception as error:  # python-hcl2 raises lark's and its own exception types
        line = getattr(error, "line", None)
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ParseProblem(
            f"malformed HCL: {first}", line if isinstance(line, int) and line > 0 else None
        ) from None

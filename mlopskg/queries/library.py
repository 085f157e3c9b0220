"""The curated query library: ``queries/*.rq``, each with a comment header.

Header lines (before the first non-comment line)::

    # title: Tools that can serve as a component kind
    # description: Free text, which may continue on following
    #   comment lines indented by two spaces.
    # param: kind (iri) = mlo:FeatureStore -- what the parameter means

A parameter is a variable of the query's top-level projection. Its value is bound by the
store's own substitution (SEP-0007 pre-binding), never pasted into the query text, after
validation as an IRI or a literal of the declared type. Unbound, the variable ranges over
everything, so every curated query runs unchanged in Protégé or any SPARQL store.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from mlopskg.errors import (
    InputFileError,
    Location,
    MissingFileError,
    ParameterError,
    QuerySyntaxError,
    UnknownQueryError,
)
from mlopskg.namespaces import expand
from mlopskg.stores.interface import GraphStore, QueryResult, Term

PARAMETER_TYPES = ("iri", "string", "integer", "decimal", "boolean", "date")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\((?P<type>[a-z]+)\)"
    r"(?:\s*=\s*(?P<default>\"[^\"]*\"|\S+))?(?:\s*--\s*(?P<doc>.*))?$"
)


@dataclass(frozen=True)
class QueryParameter:
    """A parameter of a curated query: a variable of its projection."""

    name: str
    type: str
    default: str | None = None
    description: str = ""

    @property
    def optional(self) -> bool:
        """Without a default, an unbound parameter ranges over every value."""
        return self.default is None


@dataclass(frozen=True)
class CuratedQuery:
    """One curated query: its SPARQL text and what its header says about it."""

    name: str
    title: str
    description: str
    text: str
    path: Path
    parameters: list[QueryParameter] = field(default_factory=list)

    def parameter(self, name: str) -> QueryParameter | None:
        return next((p for p in self.parameters if p.name == name), None)

    def describe(self) -> dict[str, Any]:
        """Name, title, description and parameters, as ``mlopskg queries --format json``
        lists them (the API adds to it)."""
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "parameters": [
                {"name": p.name, "type": p.type, "default": p.default, "description": p.description}
                for p in self.parameters
            ],
        }

    def summary_row(self) -> list[str]:
        """Name, title and parameters with their defaults, one row of the query list."""
        defaults = ", ".join(f"{p.name}={p.default or '?'}" for p in self.parameters)
        return [self.name, self.title, defaults]


def parse_query_file(path: Path) -> CuratedQuery:
    """Read a ``.rq`` file and its header; a malformed header names the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MissingFileError(Location(path), "no such query file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputFileError(Location(path), f"cannot read: {error}") from error
    title = ""
    description: list[str] = []
    parameters: list[QueryParameter] = []
    current: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            key, value = match.group(1), match.group(2).strip()
            current = key
            if key == "title":
                title = value
            elif key == "description":
                description.append(value)
            else:
                param = _PARAM.match(value)
                if not param or param.group("type") not in PARAMETER_TYPES:
                    raise InputFileError(
                        Location(path, number),
                        "malformed parameter line; expected "
                        "'# param: name (type) = default -- description' with type one of "
                        + ", ".join(PARAMETER_TYPES),
                    )
                default = param.group("default")
                if default is not None and default.startswith('"'):
                    default = default[1:-1]
                parameters.append(
                    QueryParameter(
                        param.group("name"), param.group("type"), default, param.group("doc") or ""
                    )
                )
        elif current == "description" and line.startswith("#  "):
            description.append(line[1:].strip())
        else:
            current = None
    return CuratedQuery(
        name=path.stem,
        title=title or path.stem,
        description=" ".join(description),
        text=text,
        path=path,
        parameters=parameters,
    )


def load_queries(directory: Path) -> dict[str, CuratedQuery]:
    """All curated queries of a folder, by name."""
    return {path.stem: parse_query_file(path) for path in sorted(directory.glob("*.rq"))}


def find_query(name_or_path: str, directory: Path) -> CuratedQuery:
    """A curated query by name, or any ``.rq`` file by path; unknown names get suggestions."""
    candidate = Path(name_or_path)
    if name_or_path.endswith(".rq") or candidate.is_file():
        return parse_query_file(candidate)
    library = load_queries(directory)
    if name_or_path in library:
        return library[name_or_path]
    close = difflib.get_close_matches(name_or_path, list(library), n=3, cutoff=0.5)
    close += [n for n in library if name_or_path in n and n not in close][: 3 - len(close)]
    raise UnknownQueryError(name_or_path, close)


def parse_term(query: str, parameter: QueryParameter, raw: str) -> Term:
    """Validate a parameter's text and turn it into an RDF term of the declared type."""

    def fail(problem: str) -> ParameterError:
        return ParameterError(query, parameter.name, problem)

    if parameter.type == "iri":
        text = raw.strip()
        if text.startswith("<") and text.endswith(">"):
            text = text[1:-1]
        elif not re.match(r"^(?:[A-Za-z][A-Za-z0-9+.\-]*://|urn:)", text):
            # Not an absolute http(s)/urn IRI: read it as a prefixed name (mlo:FeatureStore).
            expanded = expand(text) if ":" in text else None
            if expanded is None:
                raise fail(
                    f"{raw!r} is neither an absolute IRI nor a prefixed name with a known prefix"
                    " (mlo:, tool:, src:, comp:, arch:, ...); write other IRIs in full or in <>"
                )
            text = expanded
        if not re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", text):
            raise fail(f"{raw!r} is not an absolute IRI")
        if any(c in text for c in ' <>"{}|^`\\') or any(ord(c) < 0x20 for c in text):
            raise fail(f'{raw!r} is not a valid IRI (spaces and <>"{{}}|^`\\ are not allowed)')
        try:
            return ox.NamedNode(text)
        except ValueError as error:
            raise fail(f"{raw!r} is not a valid IRI: {error}") from error
    if parameter.type == "string":
        return ox.Literal(raw)
    if parameter.type == "integer":
        try:
            return ox.Literal(str(int(raw.strip())), datatype=ox.NamedNode(_XSD + "integer"))
        except ValueError:
            raise fail(f"{raw!r} is not an integer") from None
    if parameter.type == "decimal":
        try:
            return ox.Literal(str(Decimal(raw.strip())), datatype=ox.NamedNode(_XSD + "decimal"))
        except InvalidOperation:
            raise fail(f"{raw!r} is not a decimal number") from None
    if parameter.type == "boolean":
        value = raw.strip().lower()
        if value not in ("true", "false"):
            raise fail(f"{raw!r} is not true or false")
        return ox.Literal(value, datatype=ox.NamedNode(_XSD + "boolean"))
    try:
        return ox.Literal(
            date.fromisoformat(raw.strip()).isoformat(), datatype=ox.NamedNode(_XSD + "date")
        )
    except ValueError:
        raise fail(f"{raw!r} is not a date (YYYY-MM-DD)") from None


def bind_parameters(query: CuratedQuery, values: Mapping[str, str]) -> dict[str, Term]:
    """Validate the given values (and defaults) for a query's parameters."""
    unknown = [name for name in values if query.parameter(name) is None]
    if unknown:
        known = ", ".join(p.name for p in query.parameters) or "none"
        raise ParameterError(query.name, unknown[0], f"no such parameter (parameters: {known})")
    bindings: dict[str, Term] = {}
    for parameter in query.parameters:
        raw = values.get(parameter.name, parameter.default)
        if raw is None:
            continue
        bindings[parameter.name] = parse_term(query.name, parameter, raw)
    return bindings


def run_query(
    store: GraphStore, query: CuratedQuery, values: Mapping[str, str] | None = None
) -> QueryResult:
    """Run a curated query with its parameters bound; syntax errors name the query."""
    bindings = bind_parameters(query, values or {})
    try:
        return store.query(query.text, bindings)
    except SyntaxError as error:
        raise QuerySyntaxError(str(query.path), str(error)) from error
    except RuntimeError as error:
        raise QuerySyntaxError(str(query.path), str(error)) from error

"""The terms of ``mlopskg why`` and ``GET /why``: read from what a user types (prefixed
names, IRIs, Turtle literals), written back the same way, and carried as SPARQL JSON."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox

from mlopskg.errors import MlopsKGError
from mlopskg.namespaces import compact, expand

Term = ox.NamedNode | ox.BlankNode | ox.Literal
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


class TermSyntaxError(MlopsKGError):
    """A subject, predicate or object given to ``why`` is not a term it can read."""

    def __init__(self, role: str, raw: str, problem: str) -> None:
        super().__init__(f"why: the {role} {raw!r} {problem}")
        self.role = role
        self.raw = raw


def term_text(term: Term) -> str:
    """A term as a reader writes it: prefixed name, ``<IRI>``, ``_:b`` or a Turtle literal.

    >>> term_text(ox.NamedNode("https://w3id.org/mlopskg/resource/tool/mlflow"))
    'tool:mlflow'
    >>> term_text(ox.Literal("MLflow", language="en"))
    '"MLflow"@en'
    """
    if isinstance(term, ox.NamedNode):
        return "a" if term.value == _RDF_TYPE else compact(term.value)
    return str(term) if not isinstance(term, ox.Literal) else _literal_text(term)


def term_argument(term: Term) -> str:
    """A term as ``why`` reads it back (:func:`parse_iri`, :func:`parse_object`): IRIs whole
    in ``<>``, so no prefix or ``a`` is needed to read them; literals in Turtle.

    >>> term_argument(ox.NamedNode("https://w3id.org/mlopskg/resource/tool/mlflow"))
    '<https://w3id.org/mlopskg/resource/tool/mlflow>'
    """
    if isinstance(term, ox.Literal):
        return _literal_text(term)
    return f"<{term.value}>" if isinstance(term, ox.NamedNode) else str(term)


def _literal_text(term: ox.Literal) -> str:
    lexical = term.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if term.language:
        return f'"{lexical}"@{term.language}'
    if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
        return f'"{lexical}"'
    return f'"{lexical}"^^{compact(term.datatype.value)}'


_LITERAL = re.compile(
    r'^"(?P<lex>(?:[^"\\]|\\.)*)"(?:@(?P<lang>[A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(?P<dt>\S+))?$'
)
_UNSAFE = re.compile(r'[\s<>"{}|^`\\]')


def parse_iri(raw: str, role: str) -> ox.NamedNode:
    """A prefixed name (``tool:mlflow``, ``a`` for ``rdf:type``), ``<IRI>`` or an absolute IRI.

    >>> parse_iri("mlo:FeatureStore", "subject").value
    'https://w3id.org/mlopskg/ontology#FeatureStore'
    """
    text = raw.strip()
    if text == "a" and role == "predicate":
        return ox.NamedNode(_RDF_TYPE)
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    elif not re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*://|^urn:", text):
        expanded = expand(text) if ":" in text else None
        if expanded is None:
            raise TermSyntaxError(
                role,
                raw,
                "is neither an absolute IRI nor a prefixed name with a known prefix "
                "(mlo:, tool:, src:, comp:, finding:, ...); write other IRIs in full or in <>",
            )
        text = expanded
    if not text or _UNSAFE.search(text) or any(ord(c) < 0x20 for c in text):
        raise TermSyntaxError(role, raw, 'is not a valid IRI (no spaces or <>"{}|^`\\)')
    try:
        return ox.NamedNode(text)
    except ValueError as error:
        raise TermSyntaxError(role, raw, f"is not a valid IRI: {error}") from None


def parse_object(raw: str) -> Term:
    """An IRI as :func:`parse_iri` reads it, or a Turtle literal: ``"text"``, ``"text"@en``,
    ``"2017"^^xsd:gYear``, or a bare integer, decimal or boolean.

    >>> parse_object('"MLflow"@en')
    <Literal value=MLflow language=en>
    >>> parse_object("3").datatype.value
    'http://www.w3.org/2001/XMLSchema#integer'
    """
    text = raw.strip()
    match = _LITERAL.match(text)
    if match:
        lexical = re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), match["lex"])
        if match["lang"]:
            return ox.Literal(lexical, language=match["lang"].lower())
        if match["dt"]:
            return ox.Literal(lexical, datatype=parse_iri(match["dt"], "object's datatype"))
        return ox.Literal(lexical)
    xsd = "http://www.w3.org/2001/XMLSchema#"
    if re.fullmatch(r"[+-]?\d+", text):
        return ox.Literal(text, datatype=ox.NamedNode(xsd + "integer"))
    if re.fullmatch(r"[+-]?\d*\.\d+", text):
        return ox.Literal(text, datatype=ox.NamedNode(xsd + "decimal"))
    if text in ("true", "false"):
        return ox.Literal(text, datatype=ox.NamedNode(xsd + "boolean"))
    if text.startswith('"'):
        raise TermSyntaxError(
            "object", raw, 'is not a literal: write "text", "text"@en or "v"^^xsd:type'
        )
    return parse_iri(text, "object")


def term_json(term: Term) -> dict[str, Any]:
    """A term in the SPARQL 1.1 JSON results form."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    data: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        data["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        data["datatype"] = term.datatype.value
    return data


def term_from_json(data: Mapping[str, str]) -> Term:
    """The inverse of :func:`term_json`."""
    kind, value = data["type"], data["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in data:
        return ox.Literal(value, language=data["xml:lang"])
    if "datatype" in data:
        return ox.Literal(value, datatype=ox.NamedNode(data["datatype"]))
    return ox.Literal(value)

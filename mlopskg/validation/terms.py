"""RDF terms as the plain strings the validation passes around, and back.

An IRI or a literal is its value; a blank node is ``_:`` and its label.

>>> local_name("https://w3id.org/mlopskg/ontology#ModelRegistry")
'ModelRegistry'
>>> node("_:b1"), node("http://example.org/a")
(<BlankNode value=b1>, <NamedNode value=http://example.org/a>)
"""

from __future__ import annotations

from typing import Protocol

import pyoxigraph as ox


class Queryable(Protocol):
    def query(self, sparql: str) -> object: ...


def text(term: object) -> str:
    """A term as a string ("" when unbound)."""
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return ""


def rows(store: Queryable, query: str) -> list[list[str]]:
    """A SELECT query's rows, each a list of strings in the order of its variables."""
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    names = [variable.value for variable in result.variables]
    return [[text(solution[name]) for name in names] for solution in result]


def node(value: str) -> ox.NamedNode | ox.BlankNode:
    """The IRI or blank node a string stands for."""
    return ox.BlankNode(value[2:]) if value.startswith("_:") else ox.NamedNode(value)


def local_name(iri: str) -> str:
    """The part after the last ``#`` or ``/`` (the whole IRI if that is empty)."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or iri

"""Bind query parameters with a SPARQL ``VALUES`` block at the start of the WHERE group.

Why not the store's own pre-binding: pyoxigraph's ``substitutions`` (SEP-0007) evaluate the
whole pattern and join the binding afterwards, so a bound parameter does not narrow the
search; on a million-triple graph that made parameterised curated queries 10-150 times
slower than the same binding as inline data (see docs/decisions/0003). ``VALUES`` is
standard SPARQL 1.1, so the same binding works on any store, embedded or remote.

What goes into the query is never the user's text: each value is first validated and turned
into an RDF term (``mlopskg.queries.library.parse_term``), and the term's canonical serialisation is
written by pyoxigraph (IRIs in ``<>``, literals escaped as in N-Triples).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox

from mlopskg.sparql.text import where_group_start

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def values_block(bindings: Mapping[str, ox.NamedNode | ox.BlankNode | ox.Literal]) -> str:
    """``VALUES ?a { term }`` lines for the bindings (names must be SPARQL variable names)."""
    lines = []
    for name, term in bindings.items():
        if not _NAME.fullmatch(name):
            raise ValueError(f"not a SPARQL variable name: {name!r}")
        if isinstance(term, ox.BlankNode):
            raise ValueError(f"a blank node cannot be bound to ?{name}")
        lines.append(f"VALUES ?{name} {{ {term} }}")
    return " ".join(lines)


def bind_with_values(
    sparql: str, bindings: Mapping[str, ox.NamedNode | ox.BlankNode | ox.Literal]
) -> str | None:
    """The query with the bindings as inline data at the start of its WHERE group.

    Returns None when the WHERE group cannot be found (the caller then falls back to the
    store's own pre-binding).

    >>> q = "PREFIX ex: <http://e/#> SELECT ?k ?t WHERE { ?t ex:p ?k }"
    >>> bind_with_values(q, {"k": ox.NamedNode("http://e/#K")})
    'PREFIX ex: <http://e/#> SELECT ?k ?t WHERE { VALUES ?k { <http://e/#K> }\\n ?t ex:p ?k }'
    """
    if not bindings:
        return sparql
    start = where_group_start(sparql)
    if start is None:
        return None
    return sparql[:start] + " " + values_block(bindings) + "\n" + sparql[start:]

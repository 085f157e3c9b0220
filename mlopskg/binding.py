"""Bind query parameters with a SPARQL ``VALUES`` block at the start of the WHERE group.

Why not the store's own pre-binding: pyoxigraph's ``substitutions`` (SEP-0007) evaluate the
whole pattern and join the binding afterwards, so a bound parameter does not narrow the
search; on a million-triple graph that made parameterised curated queries 10-150 times
slower than the same binding as inline data (see docs/decisions/0003). ``VALUES`` is
standard SPARQL 1.1, so the same binding works on any store, embedded or remote.

What goes into the query is never the user's text: each value is first validated and turned
into an RDF term (``mlopskg.queries.parse_term``), and the term's canonical serialisation is
written by pyoxigraph (IRIs in ``<>``, literals escaped as in N-Triples).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)
_WHERE = re.compile(r"\bWHERE\b", re.I)


def _code_positions(sparql: str) -> list[int]:
    """Indexes of characters that are SPARQL code: not in comments, strings or IRIs."""
    positions: list[int] = []
    i, n = 0, len(sparql)
    while i < n:
        c = sparql[i]
        if c == "#":
            end = sparql.find("\n", i)
            i = n if end < 0 else end
            continue
        if c in "\"'":
            quote = c * 3 if sparql.startswith(c * 3, i) else c
            j = i + len(quote)
            while j < n and not sparql.startswith(quote, j):
                j += 2 if sparql[j] == "\\" else 1
            i = j + len(quote)
            continue
        if c == "<":
            match = _IRIREF.match(sparql, i)
            if match:
                i = match.end()
                continue
        positions.append(i)
        i += 1
    return positions


def where_group_start(sparql: str) -> int | None:
    """Index just after the ``{`` that opens the query's WHERE group; None if not found."""
    keep = set(_code_positions(sparql))
    code = "".join(c if i in keep else " " for i, c in enumerate(sparql))
    form = _FORM.search(code)
    if form is None:
        return None
    start = form.end()
    if form.group(1).upper() in ("CONSTRUCT", "DESCRIBE"):
        where = _WHERE.search(code, start)
        if where is None:
            return None
        start = where.end()
    brace = code.find("{", start)
    return brace + 1 if brace >= 0 else None


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

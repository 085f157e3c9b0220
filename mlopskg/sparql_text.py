"""Reading SPARQL text without a full parser: where the code is (outside comments, strings
and IRIs), where the WHERE group opens, and whether the query names its own dataset."""

from __future__ import annotations

import re

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
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


def code_text(sparql: str) -> str:
    """The query with comments, strings and IRIs blanked out (same length, same offsets)."""
    keep = set(_code_positions(sparql))
    return "".join(c if i in keep else " " for i, c in enumerate(sparql))


def where_group_start(sparql: str) -> int | None:
    """Index just after the ``{`` that opens the query's WHERE group; None if not found."""
    code = code_text(sparql)
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


_FROM = re.compile(r"(?<![?$:\w])FROM(?![\w:])", re.I)


def has_dataset_clause(sparql: str) -> bool:
    """Whether the query has FROM or FROM NAMED (then it must not run over the union graph:
    pyoxigraph's union flag would override the query's own dataset).

    >>> has_dataset_clause("SELECT * FROM <http://e/g> WHERE { ?s ?p ?o }")
    True
    >>> has_dataset_clause('SELECT * WHERE { ?s ?p "FROM" }')
    False
    """
    return bool(_FROM.search(code_text(sparql)))

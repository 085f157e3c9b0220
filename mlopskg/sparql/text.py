"""Reading SPARQL text without a full parser: where the code is (outside comments, strings
and IRIs), where the WHERE group opens, and whether the query names its own dataset."""

from __future__ import annotations

import re
from functools import lru_cache

_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)
_WHERE = re.compile(r"\bWHERE\b", re.I)


# Comments, strings (long and short, either quote) and IRIs, in one alternation: the regex
# engine finds the leftmost token, so a '#' inside an IRI or a string is not a comment.
_NOT_CODE = re.compile(
    r"#[^\n]*"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
)


@lru_cache(maxsize=512)
def code_text(sparql: str) -> str:
    """The query with comments, strings and IRIs blanked out (same length, same offsets).

    >>> code_text('SELECT * WHERE { ?s <http://e/#p> "a # b" } # note')
    'SELECT * WHERE { ?s                       }       '
    """
    return _NOT_CODE.sub(lambda m: " " * len(m.group()), sparql)


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


def query_form(sparql: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first of these keywords in the code.

    >>> query_form("# what we DESCRIBE\\nPREFIX x: <http://e/> ASK { ?s ?p 'CONSTRUCT' }")
    'ASK'
    """
    form = _FORM.search(code_text(sparql))
    return form.group(1).upper() if form else None

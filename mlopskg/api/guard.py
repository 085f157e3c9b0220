"""Inspect a request's SPARQL text before it runs: its form, and what the server refuses.

The server never fetches a URL chosen by a client: ``SERVICE`` (federated query) and
``LOAD`` (update) are refused outright. ``FROM``/``FROM NAMED`` and the protocol's
``default-graph-uri``/``named-graph-uri`` only select graphs already in the store; Oxigraph
does not dereference them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mlopskg.sparql.text import code_text, has_dataset_clause

_FORMS = re.compile(r"(?<![?$:\w])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:])", re.I)
_UPDATE_OPS = re.compile(
    r"(?<![?$:\w])(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)(?![\w:])", re.I
)
_SERVICE = re.compile(r"(?<![?$:\w])SERVICE(?![\w:])", re.I)
_LOAD = re.compile(r"(?<![?$:\w])LOAD(?![\w:])", re.I)


@dataclass(frozen=True)
class _Analysis:
    form: str | None
    service: bool
    load: bool
    update_ops: bool
    dataset: bool


@lru_cache(maxsize=512)
def _analyse(text: str) -> _Analysis:
    """One pass over a query text, cached: curated and client queries repeat."""
    code = code_text(text)
    form = _FORMS.search(code)
    return _Analysis(
        form=form.group(1).upper() if form else None,
        service=bool(_SERVICE.search(code)),
        load=bool(_LOAD.search(code)),
        update_ops=bool(_UPDATE_OPS.search(code)),
        dataset=has_dataset_clause(text),
    )


class RefusedQuery(Exception):
    """The server will not run this request (HTTP 403)."""


@dataclass(frozen=True)
class QueryShape:
    """What kind of SPARQL request a text is."""

    form: str  # SELECT, ASK, CONSTRUCT, DESCRIBE, or UPDATE
    has_dataset: bool = False  # FROM / FROM NAMED in the query

    @property
    def is_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


def inspect_query(text: str) -> QueryShape:
    """The form of a query; refuses SERVICE. Unknown forms are left to the parser (SELECT)."""
    analysis = _analyse(text)
    if analysis.service:
        raise RefusedQuery(
            "SERVICE (federated query) is not allowed: this endpoint fetches nothing from other servers"
        )
    return QueryShape(analysis.form or "SELECT", analysis.dataset)


def inspect_update(text: str) -> QueryShape:
    """Check an update request; refuses LOAD and SERVICE."""
    analysis = _analyse(text)
    if analysis.load:
        raise RefusedQuery("LOAD is not allowed: this endpoint fetches nothing from other servers")
    if analysis.service:
        raise RefusedQuery(
            "SERVICE is not allowed: this endpoint fetches nothing from other servers"
        )
    return QueryShape("UPDATE")


def looks_like_update(text: str) -> bool:
    """Whether a text sent as a query is an update (which the query operation refuses)."""
    analysis = _analyse(text)
    return analysis.update_ops and analysis.form is None

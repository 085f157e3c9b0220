"""``GET /why?s=&p=&o=``: where a statement comes from, as JSON or as a page (the resource
pages link each statement's evidence here). The explanation runs the same code as
``mlopskg why``, its queries going through the server's query workers."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from html import escape
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from mlopskg.api.deps import Runner
from mlopskg.api.errors import ApiError
from mlopskg.api.html import page, term_html
from mlopskg.api.jobs import JobRunner
from mlopskg.api.negotiation import negotiate
from mlopskg.graph.why import Evidence, Select, Statement, WhyAnswer, explain
from mlopskg.graph.why_report import answer_json
from mlopskg.graph.why_terms import (
    Term,
    parse_iri,
    parse_object,
    term_argument,
    term_from_json,
    term_json,
)

router = APIRouter()
_TYPES = {"application/json": "json", "text/html": "html", "application/xhtml+xml": "html"}


def why_href(s: Mapping[str, str], p: Mapping[str, str], o: Mapping[str, str]) -> str:
    """The /why link of a statement given as SPARQL JSON terms."""
    args = {"s": term_argument(term_from_json(s)), "p": term_argument(term_from_json(p))}
    if o["type"] != "bnode":  # a blank node's label does not name it in another query
        args["o"] = term_argument(term_from_json(o))
    return "/why?" + urlencode(args)


def _select_through(runner: JobRunner, loop: asyncio.AbstractEventLoop) -> Select:
    """A :data:`Select` for the explanation's thread: each query runs on the server's
    workers through the event loop."""

    def select(sparql: str, bindings: Mapping[str, Term]) -> list[dict[str, Term]]:
        rows = asyncio.run_coroutine_threadsafe(runner.select(sparql, bindings), loop).result()
        return [{k: term_from_json(v) for k, v in row.items()} for row in rows]

    return select


@router.get(
    "/why",
    summary="Where a statement comes from: findings, sources, status; rules and premises",
    responses={200: {"content": {"application/json": {}, "text/html": {}}}},
)
async def why(
    request: Request,
    runner: Runner,
    s: str = Query(..., description="subject: prefixed name (tool:mlflow) or <IRI>"),
    p: str | None = Query(None, description="predicate: prefixed name, <IRI> or `a`"),
    o: str | None = Query(None, description='object: as s, or a literal ("MLflow"@en, 3)'),
) -> Response:
    media = negotiate(request.headers.get("accept"), _TYPES)
    if media is None:
        raise ApiError(406, f"available types: {', '.join(_TYPES)}")
    subject = parse_iri(s, "subject")
    predicate = parse_iri(p, "predicate") if p else None
    obj = parse_object(o) if o else None
    select = _select_through(runner, asyncio.get_running_loop())
    answer = await asyncio.to_thread(explain, select, subject, predicate, obj)
    if not answer.found:
        asked = " ".join(x for x in (s, p, o) if x)
        raise ApiError(404, f"the graph holds no statement {asked} ...")
    if _TYPES[media] == "json":
        return JSONResponse(answer_json(answer))
    return HTMLResponse(page("Why", _answer_html(answer)))


def _answer_html(answer: WhyAnswer) -> str:
    items = "".join(_statement_html(st) for st in answer.statements)
    more = f"<p>… and {answer.left_out} more; ask with a predicate.</p>" if answer.left_out else ""
    cut = "<p>(the answer was cut short at its size limit)</p>" if answer.truncated else ""
    return f"<h1>Why</h1><ul class='why'>{items}</ul>{more}{cut}"


def _triple_html(statement: Statement) -> str:
    terms = (statement.subject, statement.predicate, statement.object)
    return " ".join(term_html(term_json(t), {}) for t in terms)


def _statement_html(statement: Statement) -> str:
    if statement.cycle:
        inner = "<p>(explained above)</p>"
    elif not statement.evidence:
        inner = "<p>held in no named graph</p>"
    else:
        inner = "".join(_evidence_html(e) for e in statement.evidence)
    return f"<li><code>{_triple_html(statement)}</code>{inner}</li>"


def _evidence_html(evidence: Evidence) -> str:
    uri = {"type": "uri", "value": evidence.finding}
    status = escape(evidence.status_label or "")
    parts = [
        f"<p>{'inferred' if evidence.inferred else 'asserted'} in {term_html(uri, {})}"
        + (f" “{escape(evidence.label)}”" if evidence.label and not evidence.inferred else "")
        + (f" <span class='prov'>{status}</span>" if status else "")
        + "</p><ul>"
    ]
    for source in evidence.sources:
        link = term_html({"type": "uri", "value": source.iri}, {source.iri: source.label or ""})
        parts.append(f"<li>source: {link}</li>")
    for source in evidence.derived_from:
        link = term_html({"type": "uri", "value": source.iri}, {source.iri: source.label or ""})
        parts.append(f"<li>also drawn from: {link}</li>")
    if evidence.locator and not evidence.inferred:
        parts.append(f"<li>locator: {escape(evidence.locator)}</li>")
    for copy in evidence.checked_against:
        parts.append(f"<li>checked against: {term_html({'type': 'uri', 'value': copy}, {})}</li>")
    for inference in evidence.inferences:
        rule = term_html({"type": "uri", "value": inference.rule}, {})
        premises = "".join(_statement_html(p) for p in inference.premises)
        parts.append(f"<li>by rule {rule} from:<ul>{premises}</ul></li>")
    parts.append("</ul>")
    return "".join(parts)

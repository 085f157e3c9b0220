"""The SPARQL 1.1 Protocol endpoint at /sparql (query; update only when enabled)."""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qs, parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import Response

from mlopskg.api.deps import get_runner, get_settings, resolve
from mlopskg.api.errors import ApiError
from mlopskg.api.guard import RefusedQuery, inspect_query, inspect_update, looks_like_update
from mlopskg.api.negotiation import CANONICAL, GRAPH_TYPES, RESULT_TYPES, negotiate
from mlopskg.api.service_description import service_description
from mlopskg.api.settings import ServerSettings
from mlopskg.api.worker import Job

OPENAPI_PATH = {
    method: {
        "summary": "SPARQL 1.1 Protocol endpoint",
        "description": (
            "Query by GET (`?query=`), by POST as `application/x-www-form-urlencoded` or as "
            "`application/sparql-query`; `default-graph-uri` and `named-graph-uri` select the "
            "dataset. SELECT and ASK answer in SPARQL JSON, XML, CSV or TSV, CONSTRUCT and "
            "DESCRIBE in Turtle, N-Triples, RDF/XML or JSON-LD, by the Accept header (406 when "
            "none fits). GET without a query returns the service description. Read-only: "
            "updates get 403 unless the server was started with updates and a token; SERVICE "
            "and LOAD get 403. A query past the time limit gets 503; a result past the row "
            "limit 413; a malformed query 400 with the parser's position."
        ),
        "parameters": [
            {
                "name": "query",
                "in": "query",
                "required": method == "get",
                "schema": {"type": "string"},
            },
            {
                "name": "default-graph-uri",
                "in": "query",
                "schema": {"type": "array", "items": {"type": "string"}},
            },
            {
                "name": "named-graph-uri",
                "in": "query",
                "schema": {"type": "array", "items": {"type": "string"}},
            },
        ],
        "responses": {
            "200": {"description": "Query results in the negotiated format"},
            "400": {"description": "Malformed request or query"},
            "403": {"description": "Refused: update on a read-only endpoint, SERVICE, LOAD"},
            "406": {"description": "No acceptable result format"},
            "413": {"description": "Request or result too large"},
            "503": {"description": "Time limit passed, or the server is busy"},
        },
    }
    for method in ("get", "post")
}

_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"


@dataclass
class ProtocolRequest:
    """The operation a request asks for, read per the SPARQL 1.1 Protocol."""

    queries: list[str] = field(default_factory=list)
    updates: list[str] = field(default_factory=list)
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    using_graphs: list[str] = field(default_factory=list)


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ApiError(400, f"the request body is not UTF-8: {error}") from error


def _from_params(params: dict[str, list[str]], into: ProtocolRequest) -> None:
    into.queries += params.get("query", [])
    into.updates += params.get("update", [])
    into.default_graphs += params.get("default-graph-uri", [])
    into.named_graphs += params.get("named-graph-uri", [])
    into.using_graphs += params.get("using-graph-uri", []) + params.get("using-named-graph-uri", [])


@lru_cache(maxsize=256)
def _url_parameters(raw: bytes) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The URL's parameters, decoded once per distinct query string (clients repeat queries,
    and percent-decoding a long query in Python cost a seventh of a look-up)."""
    grouped: dict[str, list[str]] = {}
    for key, value in parse_qsl(raw.decode("latin-1"), keep_blank_values=True):
        grouped.setdefault(key, []).append(value)
    return tuple((key, tuple(values)) for key, values in grouped.items())


async def read_protocol_request(request: Request) -> ProtocolRequest:
    """Read query/update and dataset parameters from the URL and the body."""
    parsed = ProtocolRequest()
    url_params = {
        key: list(values) for key, values in _url_parameters(request.scope.get("query_string", b""))
    }
    if request.method == "GET":
        _from_params(url_params, parsed)
        if parsed.updates:
            raise ApiError(400, "an update must be sent with POST, not GET")
        return parsed
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if media == _FORM:
        form = parse_qs(_decode(body), keep_blank_values=True, strict_parsing=False)
        _from_params(form, parsed)
        if url_params.get("query") or url_params.get("update"):
            raise ApiError(400, "with a form POST, the query or update goes in the body")
    elif media == _QUERY:
        parsed.queries.append(_decode(body))
        _from_params({k: v for k, v in url_params.items() if k not in ("query", "update")}, parsed)
    elif media == _UPDATE:
        parsed.updates.append(_decode(body))
        _from_params({k: v for k, v in url_params.items() if k not in ("query", "update")}, parsed)
    elif not media:
        raise ApiError(400, f"a POST needs a Content-Type: {_FORM}, {_QUERY} or {_UPDATE}")
    else:
        raise ApiError(
            415, f"unsupported Content-Type {media!r}: use {_FORM}, {_QUERY} or {_UPDATE}"
        )
    return parsed


def endpoint_iri(request: Request) -> str:
    """The endpoint's own URL, the base IRI for relative IRIs in queries and updates
    (computed from the scope, not with url_for: this runs on every request)."""
    scheme = request.scope.get("scheme", "http")
    host = request.headers.get("host") or "localhost"
    root = request.scope.get("root_path", "")
    return f"{scheme}://{host}{root}/sparql"


def _check_token(request: Request, settings: ServerSettings) -> None:
    if not settings.updates_enabled:
        raise ApiError(403, "this endpoint is read-only: SPARQL Update is disabled")
    header = request.headers.get("authorization", "")
    token = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""
    if not token or not hmac.compare_digest(token, settings.update_token or ""):
        raise ApiError(403, "SPARQL Update needs the server's token (Authorization: Bearer ...)")


async def sparql(request: Request) -> Response:
    """SPARQL 1.1 Protocol: query by GET, by POST as a form or as application/sparql-query.

    SELECT and ASK answer in SPARQL JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE in Turtle,
    N-Triples, RDF/XML or JSON-LD, by the Accept header. Without a query, GET returns the
    service description. Updates are refused unless the server enables them with a token.
    """
    settings = resolve(request, get_settings)
    parsed = await read_protocol_request(request)
    if parsed.queries and parsed.updates:
        raise ApiError(400, "a request carries either a query or an update, not both")
    if len(parsed.queries) > 1 or len(parsed.updates) > 1:
        raise ApiError(400, "a request carries exactly one query or one update")
    if parsed.updates:
        return await _update(request, parsed, settings)
    if not parsed.queries:
        if request.method == "POST":
            raise ApiError(400, "no query: send it as the 'query' parameter or as the body")
        description_type = negotiate(request.headers.get("accept"), GRAPH_TYPES) or "text/turtle"
        description_fmt = GRAPH_TYPES[description_type]
        return Response(
            service_description(endpoint_iri(request), description_fmt),
            media_type=CANONICAL.get(description_fmt, description_type),
        )
    text = parsed.queries[0]
    if len(text) > settings.max_query_length:
        raise ApiError(413, f"the query is longer than {settings.max_query_length:,} characters")
    if looks_like_update(text):
        raise ApiError(
            403, "this is an update; the query operation is read-only (send updates with 'update')"
        )
    try:
        shape = inspect_query(text)
    except RefusedQuery as refused:
        raise ApiError(403, str(refused)) from None
    offered = GRAPH_TYPES if shape.is_graph else RESULT_TYPES
    media = negotiate(request.headers.get("accept"), offered)
    if media is None:
        raise ApiError(
            406,
            f"cannot answer a {shape.form} query in the requested type; available: {', '.join(offered)}",
        )
    fmt = offered[media]
    job = Job(
        text=text,
        fmt=fmt,
        limit=settings.max_result_bytes,
        default_graphs=tuple(parsed.default_graphs),
        named_graphs=tuple(parsed.named_graphs),
        base_iri=endpoint_iri(request),
        union=not shape.has_dataset,
    )
    outcome = await resolve(request, get_runner).run(job, "query")
    # Answer with the type the client asked for (application/xml stays application/xml).
    return Response(outcome.body, media_type=media + "; charset=utf-8")


async def _update(request: Request, parsed: ProtocolRequest, settings: ServerSettings) -> Response:
    _check_token(request, settings)
    text = parsed.updates[0]
    try:
        inspect_update(text)
    except RefusedQuery as refused:
        raise ApiError(403, str(refused)) from None
    if parsed.using_graphs:
        raise ApiError(
            400,
            "using-graph-uri and using-named-graph-uri are not supported; use USING in the update",
        )
    job = Job(text=text, update=True, base_iri=endpoint_iri(request))
    await resolve(request, get_runner).run(job, "update")
    return Response(status_code=204)


router = APIRouter()
# A plain Starlette route: it reads the raw request itself (see mlopskg.api.deps).
router.add_route("/sparql", sparql, methods=["GET", "POST"], name="sparql")

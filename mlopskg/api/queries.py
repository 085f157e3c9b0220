"""The curated queries as an API: /queries lists them, /queries/{name} runs one."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from mlopskg.api.errors import ApiError
from mlopskg.api.negotiation import CANONICAL, negotiate
from mlopskg.api.sparql import run_on_pool
from mlopskg.api.worker import Job
from mlopskg.binding import bind_with_values
from mlopskg.queries import bind_parameters, find_query, load_queries

router = APIRouter(tags=["curated queries"])

_QUERY_TYPES = {
    "application/json": "json",
    "application/sparql-results+json": "json",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/sparql-results+xml": "xml",
}


def _describe(request: Request, query: Any) -> dict[str, Any]:
    return {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "parameters": [
            {
                "name": p.name,
                "type": p.type,
                "default": p.default,
                "description": p.description,
                "optional": p.optional,
            }
            for p in query.parameters
        ],
        "url": str(request.url_for("run_curated_query", name=query.name)),
        "sparql": query.text,
    }


@router.get("/queries", summary="List the curated queries")
async def list_curated_queries(request: Request) -> list[dict[str, Any]]:
    """Every curated query: name, title, description, parameters (with defaults) and its SPARQL."""
    project = request.app.state.project
    return [_describe(request, q) for q in load_queries(project.queries_dir).values()]


@router.get("/queries/{name}", summary="Run a curated query", response_class=Response)
async def run_curated_query(
    request: Request,
    name: str,
    format: str | None = Query(
        None, description="json, csv, tsv or xml; overrides the Accept header"
    ),
) -> Response:
    """Run a curated query. Its parameters are URL parameters (``?kind=mlo:FeatureStore``),
    validated and bound as data; the result is SPARQL JSON (default), CSV, TSV or XML."""
    project = request.app.state.project
    query = find_query(name, project.queries_dir)
    if "/" in name or name.endswith(".rq"):
        raise ApiError(404, f"no curated query named {name!r}")
    values = {k: v for k, v in request.query_params.items() if k != "format"}
    bindings = bind_parameters(query, values)
    if format is not None:
        if format not in ("json", "csv", "tsv", "xml"):
            raise ApiError(400, f"format {format!r}: use json, csv, tsv or xml")
        fmt = format
    else:
        media = negotiate(request.headers.get("accept"), _QUERY_TYPES)
        if media is None:
            raise ApiError(406, f"available types: {', '.join(_QUERY_TYPES)}")
        fmt = _QUERY_TYPES[media]
    text = bind_with_values(query.text, bindings) or query.text
    settings = request.app.state.settings
    outcome = await run_on_pool(
        request, Job(text=text, fmt=fmt, limit=settings.max_result_bytes), "query"
    )
    return Response(outcome.body, media_type=CANONICAL[fmt] + "; charset=utf-8")

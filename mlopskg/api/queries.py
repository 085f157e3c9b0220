"""The curated queries as an API: /queries lists them, /queries/{name} runs one."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from mlopskg.api.deps import Project, Runner
from mlopskg.api.errors import ApiError
from mlopskg.api.negotiation import CANONICAL, negotiate
from mlopskg.queries.library import CuratedQuery, bind_parameters, find_query, load_queries

router = APIRouter(tags=["curated queries"])

_QUERY_TYPES = {
    "application/json": "json",
    "application/sparql-results+json": "json",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/sparql-results+xml": "xml",
}


def _describe(request: Request, query: CuratedQuery) -> dict[str, Any]:
    described = query.describe()
    for parameter, entry in zip(query.parameters, described["parameters"], strict=True):
        entry["optional"] = parameter.optional
    described["url"] = str(request.url_for("run_curated_query", name=query.name))
    described["sparql"] = query.text
    return described


@router.get("/queries", summary="List the curated queries")
async def list_curated_queries(request: Request, project: Project) -> list[dict[str, Any]]:
    """Every curated query: name, title, description, parameters (with defaults) and its SPARQL."""
    return [_describe(request, q) for q in load_queries(project.queries_dir).values()]


@router.get("/queries/{name}", summary="Run a curated query", response_class=Response)
async def run_curated_query(
    request: Request,
    name: str,
    project: Project,
    runner: Runner,
    format: Annotated[
        str | None, Query(description="json, csv, tsv or xml; overrides the Accept header")
    ] = None,
) -> Response:
    """Run a curated query. Its parameters are URL parameters (``?kind=mlo:FeatureStore``),
    validated and bound as data; the result is SPARQL JSON (default), CSV, TSV or XML."""
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
    body = await runner.query(query.text, fmt, bindings)
    return Response(body, media_type=CANONICAL[fmt] + "; charset=utf-8")

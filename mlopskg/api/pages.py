"""Pages: the web page at /, the ontology at /ontology, each resource at /resource/{path},
and the architecture diagrams. Browsers get HTML; RDF clients get Turtle, JSON-LD, RDF/XML
or N-Triples by content negotiation, so the graph's IRIs resolve against the server."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse, Response

from mlopskg.api.deps import Runner
from mlopskg.api.errors import ApiError
from mlopskg.api.html import RESOURCE_NS, local_href, page, term_html
from mlopskg.api.jobs import JobRunner, Row
from mlopskg.api.negotiation import CANONICAL, negotiate
from mlopskg.api.why import why_href
from mlopskg.diagrams import ARCHITECTURE_QUERY, FLOWS_QUERY, build_model, render_svg
from mlopskg.namespaces import ONTOLOGY_IRI, compact, sparql_prefixes
from mlopskg.ontology_tools.documentation import TERMS_QUERY, render_terms

router = APIRouter()
STATIC = Path(__file__).resolve().parent / "static"

_PAGE_TYPES = {
    "text/html": "html",
    "text/turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
    "application/xhtml+xml": "html",
}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9._\-]*(/[a-z0-9][a-z0-9._\-]*)*$")
_P = sparql_prefixes("rdfs", "skos", "dcterms", "owl", "mlo")


async def _rdf_response(
    runner: JobRunner, sparql: str, fmt: str, bindings: dict[str, ox.NamedNode]
) -> Response:
    """Run a CONSTRUCT on the pool and answer it in the negotiated RDF syntax."""
    body = await runner.query(sparql, fmt, bindings)
    media = "application/rdf+xml" if fmt == "xml" else CANONICAL[fmt]
    return Response(body, media_type=media + "; charset=utf-8")


def _wanted(request: Request) -> str:
    media = negotiate(request.headers.get("accept"), _PAGE_TYPES)
    if media is None:
        raise ApiError(406, f"available types: {', '.join(_PAGE_TYPES)}")
    return _PAGE_TYPES[media]


@router.get("/", include_in_schema=False)
async def index() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html")


@router.get("/static/{name}", include_in_schema=False)
async def static(name: str) -> FileResponse:
    path = (STATIC / name).resolve()
    if path.parent != STATIC or not path.is_file():
        raise ApiError(404, f"no static file {name!r}")
    return FileResponse(path)


@router.get(
    "/ping",
    summary="Liveness of the web process (touches no data)",
    response_class=PlainTextResponse,
)
async def ping() -> str:
    return "ok"


@router.get("/health", summary="Liveness and size of the graph")
async def health(runner: Runner) -> dict[str, Any]:
    rows = await runner.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {"status": "ok", "quads": int(rows[0]["n"]["value"]), "restarts": runner.pool.restarts}


_ONTOLOGY_CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?ontology { ?s ?p ?o } }"


@router.get("/ontology", summary="The ontology: HTML for browsers, RDF by content negotiation")
async def ontology(request: Request, runner: Runner) -> Response:
    fmt = _wanted(request)
    bindings = {"ontology": ox.NamedNode(ONTOLOGY_IRI)}
    if fmt != "html":
        return await _rdf_response(runner, _ONTOLOGY_CONSTRUCT, fmt, bindings)
    rows = await runner.select(TERMS_QUERY, bindings)
    intro = (
        "<h1>mlopskg ontology</h1><p>IRI <code>https://w3id.org/mlopskg/ontology</code>. Also as "
        "Turtle, JSON-LD and RDF/XML by content negotiation "
        "(<code>curl -H 'Accept: text/turtle' …/ontology</code>).</p>"
    )
    plain = [{k: v["value"] for k, v in row.items()} for row in rows]
    body = render_terms(plain, lambda iri: local_href(iri) or iri, intro)
    return HTMLResponse(page("Ontology", body))


_DESCRIBE = "CONSTRUCT { ?resource ?p ?o } WHERE { ?resource ?p ?o }"
_OUTGOING = (
    _P
    + """SELECT ?p ?pLabel ?o ?oLabel ?finding ?status ?source WHERE {
  GRAPH ?finding { ?resource ?p ?o }
  FILTER(?finding != <https://w3id.org/mlopskg/resource/finding/inferred>)
  OPTIONAL { ?p rdfs:label ?pLabel FILTER(LANGMATCHES(LANG(?pLabel), "en")) }
  OPTIONAL { ?o rdfs:label ?oLabel FILTER(LANGMATCHES(LANG(?oLabel), "en")) }
  OPTIONAL { ?finding mlo:evidenceStatus/rdfs:label ?status }
  OPTIONAL { ?finding mlo:fromSource ?source }
} ORDER BY ?p"""
)
_INCOMING = (
    _P
    + """SELECT DISTINCT ?s ?sLabel ?p ?pLabel WHERE {
  GRAPH ?g { ?s ?p ?resource } FILTER(?g != <https://w3id.org/mlopskg/resource/finding/inferred>)
  OPTIONAL { ?s rdfs:label ?sLabel FILTER(LANGMATCHES(LANG(?sLabel), "en")) }
  OPTIONAL { ?p rdfs:label ?pLabel FILTER(LANGMATCHES(LANG(?pLabel), "en")) }
} ORDER BY ?p LIMIT 500"""
)


@router.get(
    "/resource/{path:path}", summary="A resource of the graph: HTML or RDF by content negotiation"
)
async def resource(request: Request, path: str, runner: Runner) -> Response:
    if not _SLUG.match(path):
        raise ApiError(
            404, f"no resource {path!r}: resource paths are lowercase slugs such as tool/mlflow"
        )
    iri = RESOURCE_NS + path
    bindings = {"resource": ox.NamedNode(iri)}
    fmt = _wanted(request)
    outgoing = await runner.select(_OUTGOING, bindings)
    if not outgoing:
        raise ApiError(404, f"the graph says nothing about <{iri}>")
    if fmt != "html":
        return await _rdf_response(runner, _DESCRIBE, fmt, bindings)
    incoming = await runner.select(_INCOMING, bindings)
    labels = {r["o"]["value"]: r["oLabel"]["value"] for r in outgoing if "oLabel" in r}
    labels.update({r["p"]["value"]: r["pLabel"]["value"] for r in outgoing if "pLabel" in r})
    labels.update({r["s"]["value"]: r["sLabel"]["value"] for r in incoming if "sLabel" in r})
    labels.update({r["p"]["value"]: r["pLabel"]["value"] for r in incoming if "pLabel" in r})
    title = next(
        (
            r["o"]["value"]
            for r in outgoing
            if r["p"]["value"] == "http://www.w3.org/2000/01/rdf-schema#label"
        ),
        compact(iri),
    )
    rows_html = []
    for r in outgoing:
        provenance = ""
        if "status" in r:
            src = term_html(r["source"], labels) if "source" in r else ""
            provenance = f'<span class="prov">{escape(r["status"]["value"])}{" · " + src if src else ""}</span>'
        href = escape(why_href({"type": "uri", "value": iri}, r["p"], r["o"]))
        provenance += (
            f' <a class="why" href="{href}" title="where this statement comes from">why?</a>'
        )
        rows_html.append(
            f"<tr><th>{term_html(r['p'], labels)}</th><td>{term_html(r['o'], labels)}</td><td>{provenance}</td></tr>"
        )
    inc_html = "".join(
        f"<tr><td>{term_html(r['s'], labels)}</td><th>{term_html(r['p'], labels)}</th></tr>"
        for r in incoming
    )
    body = (
        f"<h1>{escape(title)}</h1><p><code>{escape(iri)}</code> · also as Turtle, JSON-LD, RDF/XML by content negotiation</p>"
        f"<h2>Statements</h2><table class='props'><tr><th>property</th><th>value</th><th>evidence · source</th></tr>{''.join(rows_html)}</table>"
        + (f"<h2>Referred to by</h2><table class='props'>{inc_html}</table>" if inc_html else "")
    )
    return HTMLResponse(page(title, body))


@router.get("/diagram/{path:path}.svg", summary="An architecture drawn from the graph, as SVG")
async def diagram(path: str, runner: Runner) -> Response:
    """Draw an architecture (e.g. ``/diagram/architecture/kumara-2025.svg``): its views, blocks,
    components and flows, each element linked to its page."""
    if not _SLUG.match(path):
        raise ApiError(404, f"no architecture {path!r}")
    iri = RESOURCE_NS + path
    bindings = {"architecture": ox.NamedNode(iri)}

    def plain(rows: list[Row]) -> list[dict[str, str]]:
        return [{k: v["value"] for k, v in row.items()} for row in rows]

    rows = plain(await runner.select(ARCHITECTURE_QUERY, bindings))
    if not rows:
        raise ApiError(404, f"<{iri}> is not an architecture with views in the graph")
    flows = plain(await runner.select(FLOWS_QUERY, bindings))
    model = build_model(rows, flows)
    svg = render_svg(model, link=lambda i: local_href(i) or i)
    return Response(svg, media_type="image/svg+xml")

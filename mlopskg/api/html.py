"""Small HTML page rendering for the linked-data pages (escaped, no template engine)."""

from __future__ import annotations

from html import escape

from mlopskg.namespaces import compact
from mlopskg.ontology_tools.documentation import ONTOLOGY_NS

RESOURCE_NS = "https://w3id.org/mlopskg/resource/"


def local_href(iri: str) -> str | None:
    """The server's own page for an mlopskg IRI (so IRIs resolve against the server)."""
    if iri.startswith(ONTOLOGY_NS):
        return "/ontology#" + iri[len(ONTOLOGY_NS) :]
    if iri == ONTOLOGY_NS[:-1]:
        return "/ontology"
    if iri.startswith(RESOURCE_NS):
        return "/resource/" + iri[len(RESOURCE_NS) :]
    return None


def term_html(term: dict[str, str], labels: dict[str, str]) -> str:
    """A SPARQL JSON term as HTML: linked IRIs with their labels, literals escaped."""
    if term["type"] == "uri":
        iri = term["value"]
        href = local_href(iri) or (iri if iri.startswith(("http://", "https://")) else None)
        text = escape(labels.get(iri) or compact(iri))
        title = escape(iri)
        return (
            f'<a href="{escape(href)}" title="{title}">{text}</a>'
            if href
            else f'<span title="{title}">{text}</span>'
        )
    value = escape(term["value"])
    if term.get("xml:lang"):
        return f'{value} <span class="lang">@{escape(term["xml:lang"])}</span>'
    return value


def page(title: str, body: str) -> str:
    """A complete page in the site's frame."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · mlopskg</title>
<link rel="stylesheet" href="/static/app.css">
</head><body>
<header><a class="brand" href="/">mlopskg</a>
<nav><a href="/#query">Query</a><a href="/#architecture">Reference architecture</a><a href="/ontology">Ontology</a><a href="/docs">API</a></nav></header>
<main class="doc">{body}</main>
<footer>mlopskg · ontology and data CC BY 4.0 · <a href="/sparql">SPARQL endpoint</a></footer>
</body></html>"""

"""The ontology as a human-readable HTML page: served at /ontology and written by
``mlopskg release`` into docs/ontology/index.html (self-contained, nothing fetched)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from html import escape
from typing import Any

from mlopskg.namespaces import compact

ONTOLOGY_NS = "https://w3id.org/mlopskg/ontology#"

#: Rows of (term, type, label, definition, parent, parentLabel); ?ontology is bound to the
#: graph that holds the ontology.
TERMS_QUERY = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?ontology ?term ?type ?label ?definition ?parent ?parentLabel WHERE {
  GRAPH ?ontology { ?term a ?type . FILTER(STRSTARTS(STR(?term), "https://w3id.org/mlopskg/ontology#"))
    VALUES ?type { owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty owl:NamedIndividual } }
  OPTIONAL { ?term rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en")) }
  OPTIONAL { ?term skos:definition ?definition }
  OPTIONAL { GRAPH ?ontology { ?term rdfs:subClassOf|rdfs:subPropertyOf ?parent } ?parent rdfs:label ?parentLabel }
} ORDER BY ?type ?label"""

_TITLES = {
    "Class": "Classes",
    "ObjectProperty": "Object properties",
    "DatatypeProperty": "Datatype properties",
    "AnnotationProperty": "Annotation properties",
    "NamedIndividual": "Individuals",
}


def render_terms(rows: Iterable[Mapping[str, str]], link: Callable[[str], str], intro: str) -> str:
    """The page body: every mlo: term with its label, definition and parents.

    ``rows`` hold plain strings (missing values absent); ``link`` gives the href of a term.
    """
    sections: dict[str, dict[str, dict[str, Any]]] = {}
    for row in rows:
        kind = row["type"].rsplit("#", 1)[-1]
        iri = row["term"]
        entry = sections.setdefault(kind, {}).setdefault(
            iri,
            {
                "label": row.get("label", compact(iri)),
                "definition": row.get("definition", ""),
                "parents": set(),
            },
        )
        if row.get("parent") and row.get("parentLabel"):
            entry["parents"].add((row["parent"], row["parentLabel"]))
    body = [intro]
    for kind, title in _TITLES.items():
        terms = sections.get(kind, {})
        if not terms:
            continue
        body.append(f"<h2>{title} ({len(terms)})</h2><dl class='terms'>")
        for iri, entry in sorted(terms.items(), key=lambda kv: kv[1]["label"].lower()):
            anchor = iri[len(ONTOLOGY_NS) :]
            parents = ", ".join(
                f'<a href="{escape(link(p))}">{escape(label)}</a>'
                for p, label in sorted(entry["parents"])
                if p != iri
            )
            under = f" <span class=parents>under {parents}</span>" if parents else ""
            body.append(
                f'<dt id="{escape(anchor)}">{escape(entry["label"])} <code>mlo:{escape(anchor)}</code></dt>'
                f"<dd>{escape(entry['definition'])}{under}</dd>"
            )
        body.append("</dl>")
    return "".join(body)


def standalone_page(title: str, body: str) -> str:
    """A complete, self-contained HTML document (inline style, no external resources)."""
    style = (
        "body{font:15px/1.5 system-ui,sans-serif;color:#1f2d3d;max-width:1000px;margin:2rem auto;padding:0 1rem}"
        "dt{font-weight:600;margin-top:.8rem}dd{margin-left:1rem}code{background:#eef2f6;padding:0 .25rem}"
        ".parents{color:#5f6f81;font-size:.85rem}"
    )
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{style}</style></head><body>{body}</body></html>\n"
    )

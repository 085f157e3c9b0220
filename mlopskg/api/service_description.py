"""The SPARQL 1.1 Service Description returned by GET /sparql without a query."""

from __future__ import annotations

import pyoxigraph as ox

from mlopskg.queries.results import GRAPH_FORMATS

_TEMPLATE = """@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .
@prefix dcterms: <http://purl.org/dc/terms/> .

[] a sd:Service ;
    sd:endpoint <{endpoint}> ;
    dcterms:title "mlopskg SPARQL endpoint" ;
    dcterms:description "The mlopskg knowledge graph of MLOps requirements, reference architectures and tools. Read-only; the default graph is the union of the named graphs." ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:feature sd:UnionDefaultGraph ;
    sd:resultFormat formats:SPARQL_Results_JSON , formats:SPARQL_Results_XML , formats:SPARQL_Results_CSV ,
        formats:SPARQL_Results_TSV , formats:Turtle , formats:N-Triples , formats:RDF_XML , formats:JSON-LD .
"""


def service_description(endpoint: str, fmt: str) -> bytes:
    """The description in one of the graph formats (ttl, nt, xml, jsonld)."""
    text = _TEMPLATE.replace("{endpoint}", endpoint)
    if fmt == "ttl":
        return text.encode()
    triples = [q.triple for q in ox.parse(text.encode(), format=ox.RdfFormat.TURTLE)]
    return ox.serialize(triples, format=GRAPH_FORMATS[fmt]) or b""

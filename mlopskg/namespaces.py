"""The namespaces of mlopskg and the prefixes it writes and reads.

The terms are checked against the ontology by ``tests/test_namespaces.py``.
"""

from __future__ import annotations

from rdflib import Namespace

ONTOLOGY_IRI = "https://w3id.org/mlopskg/ontology"
MLO = Namespace("https://w3id.org/mlopskg/ontology#")
MLR = Namespace("https://w3id.org/mlopskg/resource/")
MLSH = Namespace("https://w3id.org/mlopskg/shapes#")
TOOL = Namespace("https://w3id.org/mlopskg/resource/tool/")
SRC = Namespace("https://w3id.org/mlopskg/resource/source/")
FINDING = Namespace("https://w3id.org/mlopskg/resource/finding/")

#: The named graph that holds what the build infers from the other graphs.
INFERRED_GRAPH = "https://w3id.org/mlopskg/resource/finding/inferred"

#: Prefixes used when reading parameters and writing compact output. Order matters for
#: compaction: the longest namespace that matches wins.
PREFIXES: dict[str, str] = {
    "mlo": str(MLO),
    "mlsh": str(MLSH),
    "mlr": str(MLR),
    "tool": str(TOOL),
    "src": str(SRC),
    "finding": str(FINDING),
    "comp": "https://w3id.org/mlopskg/resource/component/",
    "element": "https://w3id.org/mlopskg/resource/element/",
    "arch": "https://w3id.org/mlopskg/resource/architecture/",
    "view": "https://w3id.org/mlopskg/resource/view/",
    "block": "https://w3id.org/mlopskg/resource/block/",
    "flow": "https://w3id.org/mlopskg/resource/flow/",
    "role": "https://w3id.org/mlopskg/resource/role/",
    "req": "https://w3id.org/mlopskg/resource/requirement/",
    "practice": "https://w3id.org/mlopskg/resource/practice/",
    "principle": "https://w3id.org/mlopskg/resource/principle/",
    "concern": "https://w3id.org/mlopskg/resource/concern/",
    "stage": "https://w3id.org/mlopskg/resource/stage/",
    "model": "https://w3id.org/mlopskg/resource/maturity-model/",
    "level": "https://w3id.org/mlopskg/resource/maturity-level/",
    "licence": "https://w3id.org/mlopskg/resource/licence/",
    "cloud": "https://w3id.org/mlopskg/resource/cloud/",
    "sig": "https://w3id.org/mlopskg/resource/signature/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "fabio": "http://purl.org/spar/fabio/",
    "bibo": "http://purl.org/ontology/bibo/",
    "sh": "http://www.w3.org/ns/shacl#",
}


def compact(iri: str) -> str:
    """Write an IRI as a prefixed name where a known prefix fits, else in angle brackets.

    >>> compact("https://w3id.org/mlopskg/resource/tool/mlflow")
    'tool:mlflow'
    >>> compact("https://example.org/x")
    '<https://example.org/x>'
    """
    best = ""
    best_prefix = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            local = iri[len(namespace) :]
            if local and all(c.isalnum() or c in "-_." for c in local):
                best, best_prefix = namespace, prefix
    if best:
        return f"{best_prefix}:{iri[len(best) :]}"
    return f"<{iri}>"


def expand(name: str) -> str | None:
    """Expand a prefixed name with a known prefix; None if the prefix is unknown.

    >>> expand("mlo:FeatureStore")
    'https://w3id.org/mlopskg/ontology#FeatureStore'
    """
    prefix, sep, local = name.partition(":")
    if not sep or prefix not in PREFIXES:
        return None
    return PREFIXES[prefix] + local


def sparql_prefixes(*names: str) -> str:
    """PREFIX declarations for SPARQL, from :data:`PREFIXES` (the one place they are
    written), a line each, in the order given.

    >>> print(sparql_prefixes("rdfs", "mlo"), end="")
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    PREFIX mlo: <https://w3id.org/mlopskg/ontology#>
    """
    return "".join(f"PREFIX {name}: <{PREFIXES[name]}>\n" for name in names)

"""The tool catalogue's quality gates (issue 12): its size, kinds, signatures checked against
the package registry, dated licences, no duplicates."""

from __future__ import annotations

from mlopskg.stores.embedded import EmbeddedStore
from tests.conftest import rows

SNAPSHOT = "<https://w3id.org/mlopskg/resource/finding/catalogue-pypi-snapshot>"


def count(graph: EmbeddedStore, sparql: str) -> int:
    return int(rows(graph, sparql)[0]["n"])


def test_at_least_300_tools(graph: EmbeddedStore) -> None:
    assert count(graph, "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a mlo:Tool }") >= 300


def test_at_least_95_percent_of_tools_realise_a_kind(graph: EmbeddedStore) -> None:
    tools = count(graph, "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a mlo:Tool }")
    realising = count(
        graph,
        "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a mlo:Tool ; mlo:realizes ?k . "
        "?k rdfs:subClassOf mlo:Component }",
    )
    assert realising / tools >= 0.95


def test_at_least_80_percent_of_open_source_tools_have_a_signature(graph: EmbeddedStore) -> None:
    """Open source: an open-source licence, or a public source repository and no cloud."""
    found = rows(
        graph,
        """PREFIX schema: <https://schema.org/>
           SELECT ?t (COUNT(?p) AS ?signatures) WHERE {
             ?t a mlo:Tool .
             { ?t mlo:licenceStatement/mlo:licenceKind mlo:openSource } UNION { ?t schema:codeRepository ?r }
             FILTER NOT EXISTS { ?t mlo:cloudPlatform ?c }
             OPTIONAL { ?t mlo:signaturePattern ?p }
           } GROUP BY ?t""",
    )
    assert len(found) >= 200
    assert sum(1 for r in found if int(r["signatures"]) > 0) / len(found) >= 0.80


def test_every_python_package_is_known_to_the_registry(graph: EmbeddedStore) -> None:
    """The registry snapshot restates every package it found, under PyPI's normalised name;
    a role signature's package is one its tool has."""
    unchecked = rows(
        graph,
        f"""SELECT ?t ?package WHERE {{
              VALUES ?p {{ mlo:pythonPackage mlo:clientPackage }}
              GRAPH ?g {{ ?on ?p ?package }} FILTER(?g != {SNAPSHOT})
              {{ ?on a mlo:Tool BIND(?on AS ?t) }} UNION {{ ?on mlo:signatureOf ?t }}
              FILTER NOT EXISTS {{
                VALUES ?q {{ mlo:pythonPackage mlo:clientPackage }}
                GRAPH {SNAPSHOT} {{ ?t ?q ?package }}
              }}
            }}""",
    )
    assert unchecked == []


def test_no_licence_without_a_source_and_a_date(graph: EmbeddedStore) -> None:
    undated = rows(
        graph,
        """PREFIX schema: <https://schema.org/>
           SELECT ?s WHERE { ?t mlo:licenceStatement ?s .
             FILTER(NOT EXISTS { ?s mlo:checkedOn ?d } || NOT EXISTS { ?s schema:url ?u }) }""",
    )
    assert undated == []


def test_a_client_sdk_never_makes_a_service_open_source(graph: EmbeddedStore) -> None:
    """A tool whose only Python package is a client has no open-source statement from PyPI."""
    wrong = rows(
        graph,
        f"""SELECT ?t WHERE {{
              GRAPH {SNAPSHOT} {{ ?t mlo:licenceStatement ?s }}
              ?s mlo:licenceKind mlo:openSource .
              ?t mlo:clientPackage ?c FILTER NOT EXISTS {{ ?t mlo:pythonPackage ?p }}
            }}""",
    )
    assert wrong == []


def test_the_snapshot_restates_only_packages_the_signatures_give(graph: EmbeddedStore) -> None:
    extra = rows(
        graph,
        f"""SELECT ?t ?package WHERE {{
              VALUES ?p {{ mlo:pythonPackage mlo:clientPackage }}
              GRAPH {SNAPSHOT} {{ ?t ?p ?package }}
              FILTER NOT EXISTS {{
                GRAPH ?g {{ ?on ?q ?package }} FILTER(?g != {SNAPSHOT})
                FILTER(?on = ?t || EXISTS {{ ?on mlo:signatureOf ?t }})
              }}
            }}""",
    )
    assert extra == []

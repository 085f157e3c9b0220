"""Materialise the entailments the curated queries rely on, into their own named graph.

The rules are the RDFS subclass and subproperty closures (rdfs5, rdfs7, rdfs9, rdfs11 and
rdfs10 for named OWL classes) and OWL 2 property chains of length two. Each rule is a
SPARQL update over all named graphs, repeated until nothing new is entailed, so the same
rules run on any SPARQL 1.1 store.
"""

from __future__ import annotations

from mlopskg.namespaces import INFERRED_GRAPH, sparql_prefixes
from mlopskg.stores.embedded import EmbeddedStore

_PREFIXES = sparql_prefixes("rdf", "rdfs", "owl")

_INF = f"<{INFERRED_GRAPH}>"


def _absent(s: str, p: str, o: str) -> str:
    return f"FILTER NOT EXISTS {{ GRAPH ?g_absent {{ {s} {p} {o} }} }}"


_SCHEMA_RULES = [
    # rdfs11: subClassOf is transitive
    f"""INSERT {{ GRAPH {_INF} {{ ?a rdfs:subClassOf ?c }} }} WHERE {{
      GRAPH ?g1 {{ ?a rdfs:subClassOf ?b }} GRAPH ?g2 {{ ?b rdfs:subClassOf ?c }}
      FILTER(isIRI(?a) && isIRI(?c)) {_absent("?a", "rdfs:subClassOf", "?c")} }}""",
    # rdfs5: subPropertyOf is transitive
    f"""INSERT {{ GRAPH {_INF} {{ ?a rdfs:subPropertyOf ?c }} }} WHERE {{
      GRAPH ?g1 {{ ?a rdfs:subPropertyOf ?b }} GRAPH ?g2 {{ ?b rdfs:subPropertyOf ?c }}
      FILTER(isIRI(?a) && isIRI(?c)) {_absent("?a", "rdfs:subPropertyOf", "?c")} }}""",
]

_REFLEXIVE_RULE = f"""INSERT {{ GRAPH {_INF} {{ ?c rdfs:subClassOf ?c }} }} WHERE {{
  GRAPH ?g1 {{ ?c a owl:Class }} FILTER(isIRI(?c)) {_absent("?c", "rdfs:subClassOf", "?c")} }}"""

_INSTANCE_RULES = [
    # rdfs9: instances of a class are instances of its superclasses
    f"""INSERT {{ GRAPH {_INF} {{ ?x a ?d }} }} WHERE {{
      GRAPH ?g1 {{ ?x a ?c }} GRAPH ?g2 {{ ?c rdfs:subClassOf ?d }}
      FILTER(?c != ?d && isIRI(?d)) {_absent("?x", "a", "?d")} }}""",
    # rdfs7: statements with a subproperty hold for its superproperties
    f"""INSERT {{ GRAPH {_INF} {{ ?s ?q ?o }} }} WHERE {{
      GRAPH ?g1 {{ ?p rdfs:subPropertyOf ?q }} GRAPH ?g2 {{ ?s ?p ?o }}
      FILTER(?p != ?q && isIRI(?q)) {_absent("?s", "?q", "?o")} }}""",
]

_CHAINS = """SELECT ?p ?p1 ?p2 WHERE {
  ?p owl:propertyChainAxiom ?list .
  ?list rdf:first ?p1 ; rdf:rest ?rest .
  ?rest rdf:first ?p2 ; rdf:rest rdf:nil .
  FILTER(isIRI(?p) && isIRI(?p1) && isIRI(?p2)) }"""


def _chain_rule(p: str, p1: str, p2: str) -> str:
    return f"""INSERT {{ GRAPH {_INF} {{ ?x <{p}> ?z }} }} WHERE {{
      GRAPH ?g1 {{ ?x <{p1}> ?y }} GRAPH ?g2 {{ ?y <{p2}> ?z }} {_absent("?x", f"<{p}>", "?z")} }}"""


def _run_to_fixpoint(store: EmbeddedStore, rules: list[str]) -> None:
    while True:
        before = len(store)
        for rule in rules:
            store.update(_PREFIXES + rule)
        if len(store) == before:
            return


def materialise(store: EmbeddedStore) -> int:
    """Add the entailments to the inferred graph; return how many quads were added."""
    before = len(store)
    _run_to_fixpoint(store, _SCHEMA_RULES)
    store.update(_PREFIXES + _REFLEXIVE_RULE)
    # Chain IRIs come from the store's own parsed data (NamedNode values), not from users.
    chains = [
        _chain_rule(row["p"].value, row["p1"].value, row["p2"].value)
        for row in store.query(_PREFIXES + _CHAINS)  # type: ignore[union-attr]
    ]
    _run_to_fixpoint(store, _INSTANCE_RULES + chains)
    return len(store) - before

"""Materialise the entailments the curated queries rely on, into their own named graph.

The rules are the RDFS subclass and subproperty closures (rdfs5, rdfs7, rdfs9, rdfs11 and
rdfs10 for named OWL classes) and OWL 2 property chains of length two. Each rule is a
SPARQL update over all named graphs, repeated until nothing new is entailed, so the same
rules run on any SPARQL 1.1 store.

Every inferred statement is explained in the same graph (decision 0017): an
``mlo:Inference`` node names the statement it concludes (``mlo:inferredStatement``), the
rule (``mlo:byRule``), its premises (``mlo:hasPremise``, reified ``rdf:Statement`` nodes)
and the findings the premises were matched in (``mlo:fromFinding``). A premise matched in
the inferred graph has its own inference, so the explanation goes down to asserted facts.
The graph's own finding declares ``mlo:evidenceStatus mlo:inferred``.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlopskg.namespaces import INFERRED_GRAPH, sparql_prefixes
from mlopskg.stores.embedded import EmbeddedStore

_PREFIXES = sparql_prefixes("rdf", "rdfs", "owl", "mlo", "prov")

_INF = f"<{INFERRED_GRAPH}>"

PROVENANCE_NODES = "https://w3id.org/mlopskg/resource/inference/"
"""Where inference and premise-statement nodes live (statements under ``statement/``)."""

_STATEMENT_NODES = PROVENANCE_NODES + "statement/"


@dataclass(frozen=True)
class _Pattern:
    """A triple pattern of a rule: subject, predicate and object as SPARQL terms."""

    s: str
    p: str
    o: str

    def text(self) -> str:
        return f"{self.s} {self.p} {self.o}"

    def key(self) -> str:
        """A SPARQL expression naming the statement exactly (term, datatype and language)."""
        o = f"CONCAT(STR({self.o}), '^', COALESCE(STR(DATATYPE({self.o})), ''), '@', COALESCE(LANG({self.o}), ''))"
        return f"CONCAT(COALESCE(STR({self.s}), STRUUID()), ' ', STR({self.p}), ' ', {o})"


def _absent(c: _Pattern) -> str:
    return f"FILTER NOT EXISTS {{ GRAPH ?g_absent {{ {c.text()} }} }}"


def _reified(node: str, c: _Pattern) -> str:
    return f"{node} a rdf:Statement ; rdf:subject {c.s} ; rdf:predicate {c.p} ; rdf:object {c.o} ."


def _rule(rule: str, conclusion: _Pattern, premises: list[_Pattern], condition: str) -> str:
    """An INSERT adding ``conclusion`` and its explanation wherever ``premises`` match."""
    n = range(1, len(premises) + 1)
    matches = " ".join(f"GRAPH ?g{i} {{ {p.text()} }}" for i, p in zip(n, premises, strict=True))
    keys = " ".join(f"BIND({p.key()} AS ?k{i})" for i, p in zip(n, premises, strict=True))
    nodes = " ".join(f"BIND(IRI(CONCAT('{_STATEMENT_NODES}', SHA1(?k{i}))) AS ?st{i})" for i in n)
    derivation = " , ".join(f"?k{i}, STR(?g{i})" for i in n)
    template = "\n".join(
        [
            f"{conclusion.text()} .",
            "?inf a mlo:Inference ; mlo:inferredStatement ?st ; "
            f"mlo:byRule {rule} ; "
            + " ; ".join(f"mlo:fromFinding ?g{i} ; mlo:hasPremise ?st{i}" for i in n)
            + " .",
            _reified("?st", conclusion),
            *(_reified(f"?st{i}", p) for i, p in zip(n, premises, strict=True)),
        ]
    )
    return f"""INSERT {{ GRAPH {_INF} {{ {template} }} }} WHERE {{
      {matches}
      FILTER({condition} && !STRSTARTS(STR({conclusion.s}), '{PROVENANCE_NODES}'))
      {_absent(conclusion)}
      BIND({conclusion.key()} AS ?k) {keys} {nodes}
      BIND(IRI(CONCAT('{_STATEMENT_NODES}', SHA1(?k))) AS ?st)
      BIND(IRI(CONCAT('{PROVENANCE_NODES}', SHA1(CONCAT(STR({rule}), ?k, {derivation})))) AS ?inf) }}"""


_SCHEMA_RULES = [
    # rdfs11: subClassOf is transitive
    _rule(
        "mlo:subClassTransitivityRule",
        _Pattern("?a", "rdfs:subClassOf", "?c"),
        [_Pattern("?a", "rdfs:subClassOf", "?b"), _Pattern("?b", "rdfs:subClassOf", "?c")],
        "isIRI(?a) && isIRI(?c)",
    ),
    # rdfs5: subPropertyOf is transitive
    _rule(
        "mlo:subPropertyTransitivityRule",
        _Pattern("?a", "rdfs:subPropertyOf", "?c"),
        [_Pattern("?a", "rdfs:subPropertyOf", "?b"), _Pattern("?b", "rdfs:subPropertyOf", "?c")],
        "isIRI(?a) && isIRI(?c)",
    ),
]

# rdfs10 for named OWL classes
_REFLEXIVE_RULE = _rule(
    "mlo:subClassReflexivityRule",
    _Pattern("?c", "rdfs:subClassOf", "?c"),
    [_Pattern("?c", "rdf:type", "owl:Class")],
    "isIRI(?c)",
)

_INSTANCE_RULES = [
    # rdfs9: instances of a class are instances of its superclasses
    _rule(
        "mlo:subClassRule",
        _Pattern("?x", "rdf:type", "?d"),
        [_Pattern("?x", "rdf:type", "?c"), _Pattern("?c", "rdfs:subClassOf", "?d")],
        "?c != ?d && isIRI(?d)",
    ),
    # rdfs7: statements with a subproperty hold for its superproperties
    _rule(
        "mlo:subPropertyRule",
        _Pattern("?s", "?q", "?o"),
        [_Pattern("?p", "rdfs:subPropertyOf", "?q"), _Pattern("?s", "?p", "?o")],
        "?p != ?q && isIRI(?q)",
    ),
]

_CHAINS = """SELECT ?p ?p1 ?p2 WHERE {
  ?p owl:propertyChainAxiom ?list .
  ?list rdf:first ?p1 ; rdf:rest ?rest .
  ?rest rdf:first ?p2 ; rdf:rest rdf:nil .
  FILTER(isIRI(?p) && isIRI(?p1) && isIRI(?p2)) }"""


def _chain_rule(p: str, p1: str, p2: str) -> str:
    return _rule(
        "mlo:propertyChainRule",
        _Pattern("?x", f"<{p}>", "?z"),
        [_Pattern("?x", f"<{p1}>", "?y"), _Pattern("?y", f"<{p2}>", "?z")],
        "true",
    )


# Not typed mlo:Finding: the integrity shapes ask a finding for mlo:fromSource, and the
# inferred graph's sources are those of its premises' findings, given per inference by
# mlo:fromFinding (decision 0017).
_FINDING = f"""INSERT DATA {{ GRAPH {_INF} {{ {_INF} a prov:Entity ;
  rdfs:label "statements inferred by the build"@en ;
  mlo:evidenceStatus mlo:inferred ;
  mlo:locator "the build's inference rules; each statement's mlo:Inference names its rule, premises and their findings" }} }}"""


def _run_to_fixpoint(store: EmbeddedStore, rules: list[str]) -> None:
    while True:
        before = len(store)
        for rule in rules:
            store.update(_PREFIXES + rule)
        if len(store) == before:
            return


def materialise(store: EmbeddedStore) -> int:
    """Add the entailments and their explanations to the inferred graph; return quads added."""
    before = len(store)
    _run_to_fixpoint(store, _SCHEMA_RULES)
    store.update(_PREFIXES + _REFLEXIVE_RULE)
    # Chain IRIs come from the store's own parsed data (NamedNode values), not from users.
    chains = [
        _chain_rule(row["p"].value, row["p1"].value, row["p2"].value)
        for row in store.query(_PREFIXES + _CHAINS)  # type: ignore[union-attr]
    ]
    _run_to_fixpoint(store, _INSTANCE_RULES + chains)
    store.update(_PREFIXES + _FINDING)
    return len(store) - before

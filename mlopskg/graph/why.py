"""Where a statement comes from: ``mlopskg why S [P [O]]`` and ``GET /why``.

For each matching statement: the findings (named graphs) that hold it, with their label,
evidence status, sources, locator and the copies they were checked against; for a
statement of the inferred graph, each :data:`~mlopskg.namespaces.INFERRED_GRAPH`
``mlo:Inference`` that concludes it (its rule and premises), and each premise explained
the same way, down to asserted facts.

The explanation is computed with a handful of SELECT queries through a ``select``
callable, so the same code runs on the embedded store, a remote store and the server's
query workers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import pyoxigraph as ox

from mlopskg.graph.why_terms import Term, term_text
from mlopskg.namespaces import INFERRED_GRAPH, sparql_prefixes
from mlopskg.stores.interface import GraphStore

Select = Callable[[str, Mapping[str, Term]], list[dict[str, Term]]]
"""Runs a SELECT with variables pre-bound; returns its rows as RDF terms."""

INFERENCE_NODES = "https://w3id.org/mlopskg/resource/inference/"
MAX_STATEMENTS = 200
"""The most statements one answer lists (a resource with more says how many were left)."""
MAX_PREMISES = 400
"""The most premise explanations one answer holds, so a deep closure stays bounded."""

_P = sparql_prefixes("rdf", "rdfs", "mlo", "prov")
_STATEMENT_ROWS = MAX_STATEMENTS * 4

_STATEMENTS = (
    _P
    + f"""SELECT ?s ?p ?o ?g WHERE {{
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER(!STRSTARTS(STR(?s), "{INFERENCE_NODES}"))
}} ORDER BY ?p ?o ?g LIMIT {_STATEMENT_ROWS}"""
)
_FINDING = (
    _P
    + """SELECT ?p ?o ?oLabel WHERE {
  GRAPH ?g { ?g ?p ?o }
  VALUES ?p { rdfs:label mlo:evidenceStatus mlo:fromSource mlo:locator mlo:checkedAgainst
              prov:wasDerivedFrom }
  OPTIONAL { ?o rdfs:label ?oLabel FILTER(LANGMATCHES(LANG(?oLabel), "en") || LANG(?oLabel) = "") }
}"""
)
_INFERENCES = (
    _P
    + """SELECT ?inference ?rule ?ruleLabel ?ps ?pp ?po WHERE {
  GRAPH ?g {
    ?statement rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    ?inference mlo:inferredStatement ?statement ; mlo:byRule ?rule ; mlo:hasPremise ?premise .
    ?premise rdf:subject ?ps ; rdf:predicate ?pp ; rdf:object ?po .
  }
  OPTIONAL { ?rule rdfs:label ?ruleLabel FILTER(LANGMATCHES(LANG(?ruleLabel), "en")) }
} ORDER BY ?inference ?pp ?ps ?po"""
)


@dataclass(frozen=True)
class Source:
    iri: str
    label: str | None = None


@dataclass
class Inference:
    """One derivation of an inferred statement: the rule and its premises."""

    iri: str
    rule: str
    rule_label: str | None
    premises: list[Statement] = field(default_factory=list)


@dataclass
class Evidence:
    """A finding that holds a statement, with what it says about itself."""

    finding: str
    label: str | None = None
    status: str | None = None
    status_label: str | None = None
    sources: list[Source] = field(default_factory=list)
    derived_from: list[Source] = field(default_factory=list)
    locator: str | None = None
    checked_against: list[str] = field(default_factory=list)
    inferences: list[Inference] = field(default_factory=list)

    @property
    def inferred(self) -> bool:
        return self.finding == INFERRED_GRAPH


@dataclass
class Statement:
    subject: Term
    predicate: ox.NamedNode
    object: Term
    evidence: list[Evidence] = field(default_factory=list)
    cycle: bool = False
    """A premise already being explained further up (its explanation is not repeated)."""

    def text(self) -> str:
        return " ".join(term_text(t) for t in (self.subject, self.predicate, self.object))

    @property
    def asserted(self) -> bool:
        return any(not e.inferred for e in self.evidence)


@dataclass
class WhyAnswer:
    """The statements that matched and how each is known."""

    subject: Term
    predicate: ox.NamedNode | None
    object: Term | None
    statements: list[Statement]
    left_out: int = 0
    truncated: bool = False
    """True when a limit (:data:`MAX_STATEMENTS`, :data:`MAX_PREMISES`) cut the answer short."""

    @property
    def found(self) -> bool:
        return bool(self.statements)


def explain(
    select: Select,
    subject: Term,
    predicate: ox.NamedNode | None = None,
    obj: Term | None = None,
) -> WhyAnswer:
    """Explain every statement with this subject (and predicate, and object, when given)."""
    bindings: dict[str, Term] = {"s": subject}
    if predicate is not None:
        bindings["p"] = predicate
    if obj is not None:
        bindings["o"] = obj
    explainer = _Explainer(select)
    grouped = explainer.holders(bindings)
    keys = list(grouped)
    more = explainer.rows_cut
    statements = []
    for key in keys[:MAX_STATEMENTS]:
        (s, p, o), graphs = key, grouped[key]
        statements.append(explainer.statement(s, p, o, graphs, path=()))
    return WhyAnswer(
        subject,
        predicate,
        obj,
        statements,
        left_out=max(0, len(keys) - MAX_STATEMENTS),
        truncated=explainer.truncated or more,
    )


_Key = tuple[Term, ox.NamedNode, Term]


class _Explainer:
    def __init__(self, select: Select) -> None:
        self.select = select
        self.findings: dict[str, Evidence] = {}
        self.premises = 0
        self.truncated = False
        self.rows_cut = False

    def holders(self, bindings: Mapping[str, Term]) -> dict[_Key, list[str]]:
        """The matching statements, each with the graphs that hold it, in query order."""
        grouped: dict[_Key, list[str]] = {}
        rows = self.select(_STATEMENTS, bindings)
        self.rows_cut = self.rows_cut or len(rows) >= _STATEMENT_ROWS
        for row in rows:
            s = bindings.get("s", row.get("s"))
            p = bindings.get("p", row.get("p"))
            o = bindings.get("o", row.get("o"))
            assert s is not None and isinstance(p, ox.NamedNode) and o is not None
            grouped.setdefault((s, p, o), []).append(row["g"].value)
        return grouped

    def statement(
        self, s: Term, p: ox.NamedNode, o: Term, graphs: Sequence[str], path: tuple[_Key, ...]
    ) -> Statement:
        found = Statement(s, p, o)
        if (s, p, o) in path:
            found.cycle = True
            return found
        for graph in graphs:
            evidence = self._finding(graph)
            if graph == INFERRED_GRAPH:
                evidence.inferences = self._inferences(s, p, o, (*path, (s, p, o)))
            found.evidence.append(evidence)
        return found

    def _finding(self, graph: str) -> Evidence:
        if graph not in self.findings:
            evidence = Evidence(graph)
            for row in self.select(_FINDING, {"g": ox.NamedNode(graph)}):
                _fill(evidence, row)
            self.findings[graph] = evidence
        # A copy per statement: each gets its own inferences.
        return replace(self.findings[graph], inferences=[])

    def _inferences(
        self, s: Term, p: ox.NamedNode, o: Term, path: tuple[_Key, ...]
    ) -> list[Inference]:
        rows = self.select(_INFERENCES, {"s": s, "p": p, "o": o, "g": ox.NamedNode(INFERRED_GRAPH)})
        by_iri: dict[str, Inference] = {}
        for row in rows:
            iri = row["inference"].value
            label = row.get("ruleLabel")
            inference = by_iri.setdefault(
                iri, Inference(iri, row["rule"].value, label.value if label else None)
            )
            premise = (row["ps"], row["pp"], row["po"])
            if self.premises >= MAX_PREMISES:
                self.truncated = True
                continue
            self.premises += 1
            ps, pp, po = premise
            assert isinstance(pp, ox.NamedNode)
            graphs = self.holders({"s": ps, "p": pp, "o": po}).get((ps, pp, po), [])
            inference.premises.append(self.statement(ps, pp, po, graphs, path))
        return list(by_iri.values())


def _fill(evidence: Evidence, row: Mapping[str, Term]) -> None:
    prop, value = row["p"].value, row["o"]
    label = row["oLabel"].value if "oLabel" in row else None
    if prop.endswith("#label") and evidence.label is None:
        evidence.label = value.value
    elif prop.endswith("#evidenceStatus"):
        evidence.status, evidence.status_label = value.value, label
    elif prop.endswith("#fromSource") and value.value not in {x.iri for x in evidence.sources}:
        evidence.sources.append(Source(value.value, label))
    elif prop.endswith("#wasDerivedFrom") and value.value not in {
        x.iri for x in evidence.derived_from + evidence.sources
    }:
        evidence.derived_from.append(Source(value.value, label))
    elif prop.endswith("#locator"):
        evidence.locator = value.value
    elif prop.endswith("#checkedAgainst") and value.value not in evidence.checked_against:
        evidence.checked_against.append(value.value)


def store_select(store: GraphStore) -> Select:
    """A :data:`Select` over a store of the :class:`~mlopskg.stores.interface.GraphStore`
    interface (embedded or remote)."""

    def select(sparql: str, bindings: Mapping[str, Term]) -> list[dict[str, Term]]:
        result = store.query(sparql, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise TypeError("why: expected SELECT results")
        names = [v.value for v in result.variables]
        rows = []
        for solution in result:
            row = {}
            for name in names:
                value = solution[name]
                if value is not None:
                    row[name] = value
            rows.append(row)
        return rows

    return select

"""Headline figures of the graph: counts by class, by source and by evidence status."""

from __future__ import annotations

from dataclasses import dataclass, field

from mlopskg.namespaces import expand, sparql_prefixes
from mlopskg.stores.interface import GraphStore

_PREFIXES = sparql_prefixes("rdfs", "mlo")

_CLASSES = [
    ("sources", "mlo:Source"),
    ("findings", "mlo:Finding"),
    ("tools", "mlo:Tool"),
    ("requirements", "mlo:Requirement"),
    ("principles", "mlo:Principle"),
    ("reference architectures", "mlo:ReferenceArchitecture"),
    ("components", "mlo:Component"),
    ("flows", "mlo:Flow"),
    ("roles", "mlo:Role"),
    ("maturity levels", "mlo:MaturityLevel"),
    ("workflow stages", "mlo:WorkflowStage"),
    ("architectural concerns", "mlo:ArchitecturalConcern"),
    ("licence statements", "mlo:LicenceStatement"),
]

_COUNT_INSTANCES = (
    _PREFIXES
    + """SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?class }
  GROUP BY ?class"""
)
_COUNT_KINDS = (
    _PREFIXES
    + """SELECT (COUNT(DISTINCT ?k) AS ?n) WHERE {
  ?k rdfs:subClassOf mlo:Component FILTER(?k != mlo:Component) }"""
)
_TOOLS_WITH_KINDS = (
    _PREFIXES + """SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a mlo:Tool ; mlo:realizes ?k }"""
)
_BY_SOURCE = (
    _PREFIXES
    + """SELECT ?label (COUNT(*) AS ?n) WHERE {
  ?f a mlo:Finding ; mlo:fromSource ?s . ?s rdfs:label ?label . GRAPH ?f { ?a ?b ?c } }
  GROUP BY ?label ORDER BY DESC(?n) ?label"""
)
_BY_STATUS = (
    _PREFIXES
    + """SELECT ?label (COUNT(*) AS ?n) WHERE {
  ?f a mlo:Finding ; mlo:evidenceStatus/rdfs:label ?label . GRAPH ?f { ?a ?b ?c } }
  GROUP BY ?label ORDER BY DESC(?n)"""
)
_SEED_REQUIREMENTS = (
    _PREFIXES
    + """SELECT ?stated (COUNT(DISTINCT ?r) AS ?loaded) WHERE {
  <https://w3id.org/mlopskg/resource/source/kumara-2025> mlo:requirementCount ?stated .
  OPTIONAL { GRAPH <https://w3id.org/mlopskg/resource/finding/kumara-2025-requirements-table> { ?r a mlo:Requirement } }
} GROUP BY ?stated"""
)


@dataclass(frozen=True)
class GraphStats:
    """Counts that describe the graph."""

    quads: int
    graphs: int
    by_class: dict[str, int]
    component_kinds: int
    tools_with_kinds: int
    statements_by_source: dict[str, int]
    statements_by_status: dict[str, int]
    seed_requirements_stated: int
    seed_requirement_texts_loaded: int

    def sections(self) -> list[StatsSection]:
        """The figures as ``mlopskg stats`` prints them: sentences and titled tables."""

        def table(title: str, columns: list[str], counts: dict[str, int]) -> StatsSection:
            rows = [[key, str(count)] for key, count in counts.items()]
            return StatsSection(title=title, columns=columns, rows=rows)

        by_class = table("By class", ["class", "instances"], self.by_class)
        by_source = table("By source", ["source", "statements"], self.statements_by_source)
        by_status = table("By status", ["evidence status", "statements"], self.statements_by_status)
        return [
            StatsSection(f"{self.quads} quads in {self.graphs} named graphs"),
            by_class,
            StatsSection(
                f"component kinds: {self.component_kinds}; tools with at least one component"
                f" kind: {self.tools_with_kinds} of {self.by_class['tools']}"
            ),
            StatsSection(
                f"requirements of Kumara et al. (2025): the paper states"
                f" {self.seed_requirements_stated}; texts loaded from"
                f" data/kumara-2025/requirements.csv: {self.seed_requirement_texts_loaded}"
            ),
            by_source,
            by_status,
        ]


@dataclass
class StatsSection:
    """A sentence, or a titled table (``columns`` and ``rows``)."""

    text: str = ""
    title: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def _number(store: GraphStore, query: str, **bindings: str) -> int:
    import pyoxigraph as ox

    terms = {k: ox.NamedNode(v) for k, v in bindings.items()}
    rows = list(store.query(query, terms))  # type: ignore[arg-type]
    return int(rows[0]["n"].value) if rows and rows[0]["n"] is not None else 0


def _pairs(store: GraphStore, query: str) -> dict[str, int]:
    return {row["label"].value: int(row["n"].value) for row in store.query(query)}  # type: ignore[union-attr]


def graph_stats(store: GraphStore) -> GraphStats:
    """Compute the headline figures."""

    by_class = {
        name: _number(store, _COUNT_INSTANCES, **{"class": expand(iri) or iri})
        for name, iri in _CLASSES
    }
    seed = list(store.query(_SEED_REQUIREMENTS))  # type: ignore[arg-type]
    return GraphStats(
        quads=len(store),
        graphs=len(store.named_graphs()),
        by_class=by_class,
        component_kinds=_number(store, _COUNT_KINDS),
        tools_with_kinds=_number(store, _TOOLS_WITH_KINDS),
        statements_by_source=_pairs(store, _BY_SOURCE),
        statements_by_status=_pairs(store, _BY_STATUS),
        seed_requirements_stated=int(seed[0]["stated"].value) if seed else 0,
        seed_requirement_texts_loaded=int(seed[0]["loaded"].value) if seed else 0,
    )

"""What an architecture description is checked for, read from the knowledge graph.

The rules are data, not code: which component kinds the reference architectures include
(and so how severe their absence is), the flows of the seed's pipelines view, which
requirements each kind addresses, and which tools the graph knows to realise each kind.

Severity of a missing component kind (documented in ``docs/validation.md``):

- **Violation** when at least two reference architectures in the graph include the kind
  (a component of that kind or of a narrower one);
- **Info** when the kind is an external actor (a data source, a model consumer): outside
  the platform, and often left out of a description;
- **Warning** for every other kind that a reference architecture includes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from mlopskg.namespaces import INFERRED_GRAPH, MLO
from mlopskg.store import GraphStore
from mlopskg.validation.terms import local_name, rows

SEED_ARCHITECTURE = "https://w3id.org/mlopskg/resource/architecture/kumara-2025"
SEED_PIPELINES_VIEW = "https://w3id.org/mlopskg/resource/view/kumara-2025-pipelines"
EXTERNAL_ACTOR = str(MLO.ExternalActor)


_PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX mlo: <https://w3id.org/mlopskg/ontology#>
"""

#: The component kinds asserted (not inferred) on the components of each reference architecture.
ASSERTED_KINDS_QUERY = (
    _PREFIXES
    + f"""SELECT DISTINCT ?architecture ?component ?kind WHERE {{
  ?architecture a mlo:ReferenceArchitecture ; mlo:hasComponent ?component .
  GRAPH ?g {{ ?component a ?kind }}
  FILTER(?g != <{INFERRED_GRAPH}>)
  ?kind rdfs:subClassOf mlo:Component .
  FILTER(?kind != mlo:Component)
}}"""
)

#: Every component kind with its label, definition and broader kinds (closure, below Component).
KINDS_QUERY = (
    _PREFIXES
    + """SELECT ?kind ?label ?definition ?broader WHERE {
  ?kind rdfs:subClassOf mlo:Component ; rdfs:label ?label .
  FILTER(?kind != mlo:Component)
  OPTIONAL { ?kind skos:definition ?definition }
  OPTIONAL { ?kind rdfs:subClassOf ?broader . ?broader rdfs:subClassOf mlo:Component .
             FILTER(?broader != ?kind && ?broader != mlo:Component) }
}"""
)

ARCHITECTURES_QUERY = (
    _PREFIXES
    + """SELECT ?architecture ?label ?source WHERE {
  ?architecture a mlo:ReferenceArchitecture ; rdfs:label ?label .
  OPTIONAL { ?architecture dcterms:source ?source }
}"""
)

#: The qualified flows of the seed's pipelines view, from and to components or zones.
FLOWS_QUERY = (
    _PREFIXES
    + """SELECT DISTINCT ?flow ?from ?to ?label ?arrow ?flowKind ?uncertain WHERE {
  ?view mlo:hasBlock ?zone .
  { ?from mlo:qualifiedFlow ?flow . ?zone mlo:containsElement ?from }
  UNION { ?view mlo:showsElement ?from . ?from mlo:qualifiedFlow ?flow }
  UNION { ?zone mlo:qualifiedFlow ?flow . BIND(?zone AS ?from) }
  ?flow mlo:flowTarget ?to ; rdfs:label ?label .
  OPTIONAL { ?flow mlo:arrowLabel ?arrow }
  OPTIONAL { ?flow mlo:flowKind/rdfs:label ?flowKind }
  OPTIONAL { ?flow mlo:directionUncertain ?uncertain }
}"""
)

#: The kinds asserted on a flow's end: a component's own kinds, or those of a zone's members.
ENDPOINT_KINDS_QUERY = (
    _PREFIXES
    + f"""SELECT DISTINCT ?end ?kind WHERE {{
  {{ GRAPH ?g {{ ?end a ?kind }} }}
  UNION {{ ?end mlo:containsElement ?member . GRAPH ?g {{ ?member a ?kind }} }}
  FILTER(?g != <{INFERRED_GRAPH}>)
  ?kind rdfs:subClassOf mlo:Component .
  FILTER(?kind != mlo:Component)
}}"""
)

REQUIREMENTS_QUERY = (
    _PREFIXES
    + """SELECT ?requirement ?label ?source ?kind WHERE {
  ?requirement a mlo:Requirement ; rdfs:label ?label .
  OPTIONAL { ?requirement dcterms:source ?source }
  OPTIONAL { ?kind mlo:addresses ?requirement ; rdfs:subClassOf mlo:Component . FILTER(?kind != mlo:Component) }
}"""
)

LEVELS_QUERY = (
    _PREFIXES
    + """SELECT ?model ?modelLabel ?level ?number ?label ?kind ?source WHERE {
  ?model a mlo:MaturityModel ; rdfs:label ?modelLabel ; mlo:hasLevel ?level .
  ?level mlo:levelNumber ?number ; rdfs:label ?label .
  OPTIONAL { ?level mlo:introducesComponentKind ?kind }
  OPTIONAL { ?model dcterms:source ?source }
}"""
)

TOOLS_QUERY = (
    _PREFIXES
    + """SELECT ?tool ?label ?kind WHERE {
  ?tool a mlo:Tool ; rdfs:label ?label .
  OPTIONAL { ?tool mlo:realizes ?kind }
}"""
)

SOURCES_QUERY = (
    _PREFIXES + """SELECT ?source ?label WHERE { ?source a mlo:Source ; rdfs:label ?label }"""
)

#: Tools per kind with the number of sources that name them (for suggestions).
TOOL_SOURCES_QUERY = (
    _PREFIXES
    + """SELECT ?tool (COUNT(DISTINCT ?source) AS ?sources) WHERE {
  ?tool a mlo:Tool .
  OPTIONAL { ?source mlo:namesTool ?tool }
} GROUP BY ?tool"""
)


@dataclass(frozen=True)
class KindRule:
    """A component kind that a reference architecture includes, and how its absence is rated."""

    kind: str
    label: str
    definition: str
    severity: str
    reason: str
    architectures: tuple[str, ...]
    sources: tuple[str, ...]
    requirements: tuple[str, ...]


@dataclass(frozen=True)
class FlowRule:
    """A flow of the seed's pipelines view, between component kinds."""

    flow: str
    label: str
    from_kinds: tuple[str, ...]
    to_kinds: tuple[str, ...]
    either_direction: bool
    sources: tuple[str, ...]


@dataclass(frozen=True)
class RequirementRule:
    """A requirement or principle and the component kinds (or components) that address it."""

    requirement: str
    label: str
    kinds: tuple[str, ...]
    sources: tuple[str, ...]
    components: tuple[str, ...] = ()
    user_added: bool = False


@dataclass(frozen=True)
class LevelRule:
    """A level of a maturity model and the component kinds it introduces."""

    model: str
    model_label: str
    level: str
    number: int
    label: str
    introduces: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ToolFitRule:
    """The tools accepted for components of a kind: those known for it, a broader or a narrower kind."""

    kind: str
    accepted: tuple[str, ...]


@dataclass
class Rules:
    """Everything the shapes and the report need from the knowledge graph."""

    levels: list[LevelRule]
    kinds: list[KindRule]
    flows: list[FlowRule]
    requirements: list[RequirementRule]
    unchecked_requirements: list[str]
    tool_fits: list[ToolFitRule]
    labels: dict[str, str]
    definitions: dict[str, str]
    broader: dict[str, frozenset[str]]
    tool_kinds: dict[str, tuple[str, ...]]
    tool_source_counts: dict[str, int]
    architecture_sources: dict[str, tuple[str, ...]]
    suggestions: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def known_tools(self) -> list[str]:
        return sorted(self.tool_kinds)

    def kind_rule(self, kind: str) -> KindRule | None:
        return next((rule for rule in self.kinds if rule.kind == kind), None)

    def narrower(self, kind: str) -> set[str]:
        return {other for other, up in self.broader.items() if kind in up}

    def suggested_tools(self, kind: str) -> tuple[str, ...]:
        """Tools known to realise the kind or a narrower one, most-cited first."""
        if kind not in self.suggestions:
            family = {kind} | self.narrower(kind)
            tools = [tool for tool, kinds in self.tool_kinds.items() if family & set(kinds)]
            tools.sort(key=lambda tool: (-self.tool_source_counts.get(tool, 0), self.label(tool)))
            self.suggestions[kind] = tuple(tools)
        return self.suggestions[kind]

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or local_name(iri)


def _mid_sentence(label: str) -> str:
    """'Reference architecture of X' as it reads inside a sentence: 'the reference architecture of X'."""
    return "the " + label[:1].lower() + label[1:]


def read_rules(store: GraphStore) -> Rules:
    """Read the validation rules from a built knowledge graph."""
    labels: dict[str, str] = {}
    definitions: dict[str, str] = {}
    broader: dict[str, set[str]] = defaultdict(set)
    for kind, label, definition, up in rows(store, KINDS_QUERY):
        labels.setdefault(kind, label)
        if definition:
            definitions.setdefault(kind, definition)
        broader[kind]
        if up:
            broader[kind].add(up)

    architecture_sources: dict[str, set[str]] = defaultdict(set)
    for architecture, label, source in rows(store, ARCHITECTURES_QUERY):
        labels.setdefault(architecture, label)
        architecture_sources[architecture]
        if source:
            architecture_sources[architecture].add(source)

    asserted: dict[str, set[str]] = defaultdict(set)  # architecture -> asserted kinds
    for architecture, _component, kind in rows(store, ASSERTED_KINDS_QUERY):
        asserted[architecture].add(kind)

    requirements_of: dict[str, set[str]] = defaultdict(set)
    requirement_rows: dict[str, tuple[str, set[str], set[str]]] = {}
    for requirement, label, source, kind in rows(store, REQUIREMENTS_QUERY):
        labels.setdefault(requirement, label)
        _, sources, addressing = requirement_rows.setdefault(requirement, (label, set(), set()))
        if source:
            sources.add(source)
        if kind:
            addressing.add(kind)
            requirements_of[kind].add(requirement)

    kinds = _kind_rules(
        asserted, broader, labels, definitions, architecture_sources, requirements_of
    )
    flows = _flow_rules(store, labels, architecture_sources.get(SEED_ARCHITECTURE, set()))
    requirements = [
        RequirementRule(requirement, label, tuple(sorted(kinds_)), tuple(sorted(sources)))
        for requirement, (label, sources, kinds_) in sorted(requirement_rows.items())
        if kinds_
    ]
    unchecked = sorted(req for req, (_, _, kinds_) in requirement_rows.items() if not kinds_)

    tool_kinds: dict[str, set[str]] = defaultdict(set)
    for tool, label, kind in rows(store, TOOLS_QUERY):
        labels.setdefault(tool, label)
        tool_kinds[tool]
        if kind:
            tool_kinds[tool].add(kind)
    counts = {tool: int(count) for tool, count in rows(store, TOOL_SOURCES_QUERY)}
    for source, label in rows(store, SOURCES_QUERY):
        labels.setdefault(source, label)

    levels = _level_rules(store, labels)
    frozen_broader = {kind: frozenset(up) for kind, up in broader.items()}
    tool_fits = _tool_fit_rules(frozen_broader, tool_kinds)
    return Rules(
        levels=levels,
        kinds=kinds,
        flows=flows,
        requirements=requirements,
        unchecked_requirements=unchecked,
        tool_fits=tool_fits,
        labels=labels,
        definitions=definitions,
        broader=frozen_broader,
        tool_kinds={tool: tuple(sorted(k)) for tool, k in tool_kinds.items()},
        tool_source_counts=counts,
        architecture_sources={a: tuple(sorted(s)) for a, s in architecture_sources.items()},
    )


def _kind_rules(
    asserted: dict[str, set[str]],
    broader: dict[str, set[str]],
    labels: dict[str, str],
    definitions: dict[str, str],
    architecture_sources: dict[str, set[str]],
    requirements_of: dict[str, set[str]],
) -> list[KindRule]:
    checked = sorted(set().union(*asserted.values())) if asserted else []
    rules = []
    for kind in checked:
        including = sorted(
            architecture
            for architecture, kinds in asserted.items()
            if any(k == kind or kind in broader.get(k, ()) for k in kinds)
        )
        names = " and ".join(_mid_sentence(labels.get(a, a)) for a in including)
        if len(including) >= 2:
            severity = "Violation"
            reason = f"{len(including)} reference architectures include it ({names})"
        elif EXTERNAL_ACTOR in broader.get(kind, ()):
            severity = "Info"
            reason = f"an external actor of {names}, outside the platform itself"
        else:
            severity = "Warning"
            reason = f"only {names} includes it"
        sources = sorted({s for a in including for s in architecture_sources.get(a, ())})
        rules.append(
            KindRule(
                kind=kind,
                label=labels.get(kind, local_name(kind)),
                definition=definitions.get(kind, ""),
                severity=severity,
                reason=reason,
                architectures=tuple(including),
                sources=tuple(sources),
                requirements=tuple(sorted(requirements_of.get(kind, ()))),
            )
        )
    return rules


def _flow_rules(
    store: GraphStore, labels: dict[str, str], seed_sources: set[str]
) -> list[FlowRule]:
    view = f"<{SEED_PIPELINES_VIEW}>"
    end_kinds: dict[str, set[str]] = defaultdict(set)
    for end, kind in rows(store, ENDPOINT_KINDS_QUERY):
        end_kinds[end].add(kind)
    rules: dict[str, FlowRule] = {}
    for flow, source, target, label, arrow, flow_kind, uncertain in rows(
        store, FLOWS_QUERY.replace("?view mlo:", f"{view} mlo:").replace("?view ", f"{view} ")
    ):
        from_kinds = tuple(sorted(end_kinds.get(source, ())))
        to_kinds = tuple(sorted(end_kinds.get(target, ())))
        if not from_kinds or not to_kinds or flow in rules:
            continue
        description = arrow or flow_kind
        rules[flow] = FlowRule(
            flow=flow,
            label=f"{label} ({description})" if description and description not in label else label,
            from_kinds=from_kinds,
            to_kinds=to_kinds,
            either_direction=uncertain in ("true", "1"),  # "1": Virtuoso's lexical form
            sources=tuple(sorted(seed_sources)),
        )
    return sorted(rules.values(), key=lambda rule: rule.flow)


def _tool_fit_rules(
    broader: dict[str, frozenset[str]], tool_kinds: dict[str, set[str]]
) -> list[ToolFitRule]:
    rules = []
    for kind in sorted(broader):
        family = {kind} | broader[kind] | {k for k, up in broader.items() if kind in up}
        accepted = sorted(tool for tool, kinds in tool_kinds.items() if family & kinds)
        if accepted:
            rules.append(ToolFitRule(kind, tuple(accepted)))
    return rules


def _level_rules(store: GraphStore, labels: dict[str, str]) -> list[LevelRule]:
    found: dict[str, dict[str, object]] = {}
    for model, model_label, level, number, label, kind, source in rows(store, LEVELS_QUERY):
        labels.setdefault(model, model_label)
        labels.setdefault(level, label)
        entry = found.setdefault(
            level,
            {"model": model, "number": int(number), "kinds": set(), "sources": set()},
        )
        if kind:
            entry["kinds"].add(kind)  # type: ignore[attr-defined]
        if source:
            entry["sources"].add(source)  # type: ignore[attr-defined]
    rules = [
        LevelRule(
            model=str(entry["model"]),
            model_label=labels[str(entry["model"])],
            level=level,
            number=int(entry["number"]),  # type: ignore[call-overload]
            label=labels[level],
            introduces=tuple(sorted(entry["kinds"])),  # type: ignore[call-overload]
            sources=tuple(sorted(entry["sources"])),  # type: ignore[call-overload]
        )
        for level, entry in found.items()
    ]
    return sorted(rules, key=lambda rule: (rule.model, rule.number))

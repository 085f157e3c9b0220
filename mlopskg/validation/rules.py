"""What an architecture description is checked for, read from the knowledge graph.

The rules are data, not code: which component kinds the reference architectures include
(and so how severe their absence is, by :mod:`mlopskg.validation.policy`), the flows of the
seed's pipelines view, which requirements each kind addresses, and which tools the graph
knows to realise each kind. The SPARQL that reads them is the ``.rq`` files of
``shapes/architecture/rules/``, read at run time; every one of them is run, and its rows
are kept by file name (:attr:`Rules.rows`) for checks that read their own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from mlopskg.errors import Location, MissingFileError, QuerySyntaxError
from mlopskg.namespaces import MLO
from mlopskg.resources import ProjectFiles, project_files
from mlopskg.validation.policy import ARCHITECTURES_FOR_VIOLATION, missing_kind_severity
from mlopskg.validation.terms import Queryable, local_name, rows

SEED_ARCHITECTURE = "https://w3id.org/mlopskg/resource/architecture/kumara-2025"
EXTERNAL_ACTOR = str(MLO.ExternalActor)

#: Where the rules' queries live, under the project's shapes/ folder.
RULES_FOLDER = Path("architecture") / "rules"


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
    #: The kinds of the flow's source (a zone's: several) and of its target.
    from_kinds: tuple[str, ...]
    to_kinds: tuple[str, ...]
    #: The figure leaves the direction uncertain: either direction counts.
    either_direction: bool
    sources: tuple[str, ...]


@dataclass(frozen=True)
class RequirementRule:
    """A requirement or principle and the component kinds (or components) that address it."""

    requirement: str
    label: str
    #: The component kinds that address it.
    kinds: tuple[str, ...]
    sources: tuple[str, ...]
    #: The components of a description that address it (a description's own requirement).
    components: tuple[str, ...] = ()
    #: Declared by the description, not by the knowledge graph.
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
    #: each tool's latest release date (ISO), where the registry snapshot gives one
    tool_releases: dict[str, str]
    architecture_sources: dict[str, tuple[str, ...]]
    #: The rows of every query of shapes/architecture/rules/, by file name without ``.rq``.
    rows: dict[str, list[list[str]]] = field(default_factory=dict)
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


def rule_queries(project: ProjectFiles | None = None) -> dict[str, Path]:
    """The rules' query files, by name (the file name without ``.rq``)."""
    folder = (project or project_files()).shapes_dir / RULES_FOLDER
    found = {path.stem: path for path in sorted(folder.glob("*.rq"))}
    if not found:
        raise MissingFileError(Location(folder), "no rules queries (*.rq) in this folder")
    return found


def run_rule_queries(
    store: Queryable, project: ProjectFiles | None = None
) -> dict[str, list[list[str]]]:
    """Every rules query's rows over the graph, by name."""
    results = {}
    for name, path in rule_queries(project).items():
        try:
            results[name] = rows(store, path.read_text(encoding="utf-8"))
        except SyntaxError as error:  # pyoxigraph's parse error
            raise QuerySyntaxError(str(path), str(error)) from error
    return results


def _rows(found: dict[str, list[list[str]]], name: str) -> list[list[str]]:
    if name not in found:
        path = Path("shapes") / RULES_FOLDER / f"{name}.rq"
        raise MissingFileError(Location(path), "missing: the validation rules need it")
    return found[name]


def read_rules(store: Queryable, project: ProjectFiles | None = None) -> Rules:
    """Read the validation rules from a built knowledge graph."""
    found = run_rule_queries(store, project)
    labels: dict[str, str] = {}
    definitions: dict[str, str] = {}
    broader: dict[str, set[str]] = defaultdict(set)
    for kind, label, definition, up in _rows(found, "component-kinds"):
        labels.setdefault(kind, label)
        if definition:
            definitions.setdefault(kind, definition)
        broader[kind]
        if up:
            broader[kind].add(up)

    architecture_sources: dict[str, set[str]] = defaultdict(set)
    for architecture, label, source in _rows(found, "reference-architectures"):
        labels.setdefault(architecture, label)
        architecture_sources[architecture]
        if source:
            architecture_sources[architecture].add(source)

    asserted: dict[str, set[str]] = defaultdict(set)  # architecture -> asserted kinds
    for architecture, _component, kind in _rows(found, "asserted-kinds"):
        asserted[architecture].add(kind)

    requirements_of: dict[str, set[str]] = defaultdict(set)
    requirement_rows: dict[str, tuple[str, set[str], set[str]]] = {}
    for requirement, label, source, kind in _rows(found, "requirements"):
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
    flows = _flow_rules(found, architecture_sources.get(SEED_ARCHITECTURE, set()))
    requirements = [
        RequirementRule(requirement, label, tuple(sorted(kinds_)), tuple(sorted(sources)))
        for requirement, (label, sources, kinds_) in sorted(requirement_rows.items())
        if kinds_
    ]
    unchecked = sorted(req for req, (_, _, kinds_) in requirement_rows.items() if not kinds_)

    tool_kinds: dict[str, set[str]] = defaultdict(set)
    for tool, label, kind in _rows(found, "tools"):
        labels.setdefault(tool, label)
        tool_kinds[tool]
        if kind:
            tool_kinds[tool].add(kind)
    counts = {tool: int(count) for tool, count in _rows(found, "tool-source-counts")}
    releases = {tool: day[:10] for tool, day in _rows(found, "tool-releases")}
    for source, label in _rows(found, "sources"):
        labels.setdefault(source, label)

    levels = _level_rules(_rows(found, "maturity-levels"), labels)
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
        tool_releases=releases,
        architecture_sources={a: tuple(sorted(s)) for a, s in architecture_sources.items()},
        rows=found,
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
        external = EXTERNAL_ACTOR in broader.get(kind, ())
        if len(including) >= ARCHITECTURES_FOR_VIOLATION:
            reason = f"{len(including)} reference architectures include it ({names})"
        elif external:
            reason = f"an external actor of {names}, outside the platform itself"
        else:
            reason = f"only {names} includes it"
        sources = sorted({s for a in including for s in architecture_sources.get(a, ())})
        rules.append(
            KindRule(
                kind=kind,
                label=labels.get(kind, local_name(kind)),
                definition=definitions.get(kind, ""),
                severity=missing_kind_severity(len(including), external),
                reason=reason,
                architectures=tuple(including),
                sources=tuple(sources),
                requirements=tuple(sorted(requirements_of.get(kind, ()))),
            )
        )
    return rules


def _flow_rules(found: dict[str, list[list[str]]], seed_sources: set[str]) -> list[FlowRule]:
    end_kinds: dict[str, set[str]] = defaultdict(set)
    for end, kind in _rows(found, "flow-end-kinds"):
        end_kinds[end].add(kind)
    rules: dict[str, FlowRule] = {}
    for flow, source, target, label, arrow, flow_kind, uncertain in _rows(found, "seed-flows"):
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


def _level_rules(level_rows: list[list[str]], labels: dict[str, str]) -> list[LevelRule]:
    found: dict[str, dict[str, object]] = {}
    for model, model_label, level, number, label, kind, source in level_rows:
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

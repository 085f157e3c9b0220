"""Validate architecture descriptions: read them, run the shapes, write the reports.

Usage: ``Validator.for_project(project, store).validate(read_files([...]))`` gives a
:class:`~mlopskg.validation.report.ValidationOutcome` with one report per
``mlo:ArchitectureDescription`` in the files; :func:`~mlopskg.validation.render.render`
writes it as text, JSON, Turtle or HTML.
"""

from __future__ import annotations

import datetime
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from mlopskg.errors import DescriptionError
from mlopskg.namespaces import MLO
from mlopskg.resources import ProjectFiles
from mlopskg.stores.interface import GraphStore
from mlopskg.validation.blocks import architecture_layout
from mlopskg.validation.catalog import ShapeInfo, read_catalog
from mlopskg.validation.categories import FLOW, REQUIREMENT
from mlopskg.validation.checks.flows import per_component
from mlopskg.validation.checks.requirements import requirement_shape
from mlopskg.validation.derived import COMPONENT_KIND, ontology_subclass_edges, with_derived
from mlopskg.validation.engine import RawResult, ShapeEngine, shapes_text
from mlopskg.validation.inputs import Description
from mlopskg.validation.maturity import estimate_maturity
from mlopskg.validation.recommendations import recommendation_lists, standings
from mlopskg.validation.report import (
    ArchitectureReport,
    Component,
    Result,
    ValidationOutcome,
    drop_broader_tool_results,
    make_result,
    sort_results,
    unmaintained_tools,
)
from mlopskg.validation.rules import RequirementRule, Rules, read_rules
from mlopskg.validation.shapes import PREFIX_LINES
from mlopskg.validation.terms import local_name, node, rows, text
from mlopskg.validation.wording import flow_names

FLOWS_TO = ox.NamedNode(str(MLO.flowsTo))

_PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX mlo: <https://w3id.org/mlopskg/ontology#>
"""

ARCHITECTURES = (
    _PREFIXES
    + """SELECT DISTINCT ?architecture ?label WHERE {
  ?architecture a/rdfs:subClassOf* ?type .
  VALUES ?type { mlo:ArchitectureDescription mlo:ReferenceArchitecture }
  OPTIONAL { ?architecture rdfs:label ?label }
} ORDER BY ?architecture"""
)

COMPONENTS = (
    _PREFIXES
    + """SELECT ?architecture ?component ?label ?type ?tool WHERE {
  ?architecture mlo:hasComponent ?component .
  OPTIONAL { ?component rdfs:label ?label }
  OPTIONAL { ?component a ?type }
  OPTIONAL { ?component mlo:usesTool ?tool }
}"""
)

FLOW_SUBPROPERTIES = (
    _PREFIXES
    + "SELECT ?s ?o WHERE { ?p rdfs:subPropertyOf+ mlo:flowsTo . ?s ?p ?o . FILTER(?p != mlo:flowsTo) }"
)

USER_REQUIREMENTS = (
    _PREFIXES
    + """SELECT ?requirement ?label ?by ?byIsComponent WHERE {
  ?requirement a/rdfs:subClassOf* ?type .
  VALUES ?type { mlo:Requirement mlo:Principle }
  OPTIONAL { ?requirement rdfs:label ?label }
  OPTIONAL { ?by mlo:addresses ?requirement .
             BIND(EXISTS { ?anyArchitecture mlo:hasComponent ?by } AS ?byIsComponent) }
}"""
)


@dataclass
class _Analysis:
    architectures: dict[str, str]
    components: dict[str, dict[str, Component]]
    user_requirements: list[RequirementRule]
    labels: dict[str, str]
    extra_triples: list[ox.Triple]


class Validator:
    """The rules, shapes and engine; one per process, shared by every validation."""

    def __init__(self, rules: Rules, shape_files: list[Path], ontology_file: Path) -> None:
        self.rules = rules
        self.shape_files = shape_files
        self.ontology_file = ontology_file
        self.shapes = shapes_text(shape_files)
        self.catalog = read_catalog(self.shapes)
        self._subclass_edges = ontology_subclass_edges(ontology_file)
        self._architecture_flows = [f for f in rules.flows if not per_component(f, rules)]
        self._engine: ShapeEngine | None = None
        self.layout = architecture_layout(rules)
        self.recommendation_lists = recommendation_lists(rules)
        self._lock = threading.Lock()

    @classmethod
    def for_project(cls, project: ProjectFiles, store: GraphStore) -> Validator:
        """The validator for a built graph and the project's shapes and ontology."""
        files = sorted((project.shapes_dir / "architecture").glob("*.ttl"))
        return cls(read_rules(store), files, project.ontology_dir / "mlopskg.nt")

    @property
    def engine(self) -> ShapeEngine:
        with self._lock:
            if self._engine is None:
                self._engine = ShapeEngine(self.ontology_file, self.shapes)
            return self._engine

    def validate(self, description: Description, fail_on: str = "violation") -> ValidationOutcome:
        """Validate every architecture description in the merged input files."""
        analysis = self._analyse(description)
        triples = self._data(description, analysis)
        present: dict[str, set[str]] = defaultdict(set)
        for triple in triples:
            if triple.predicate == COMPONENT_KIND:
                present[text(triple.subject)].add(text(triple.object))
        if analysis.user_requirements:
            extra = "\n".join(
                requirement_shape(rule, self.rules) for rule in analysis.user_requirements
            )
            shapes = self.shapes + "\n" + PREFIX_LINES + extra
            catalog = {**self.catalog, **read_catalog(PREFIX_LINES + extra)}
            raw = ShapeEngine(self.ontology_file, shapes).run(triples)
        else:
            catalog = self.catalog
            raw = self.engine.run(triples)
        labels = {**self.rules.labels, **flow_names(self.rules), **analysis.labels}
        reports = [
            self._report(
                architecture, analysis, present[architecture], raw, catalog, labels, fail_on
            )
            for architecture in analysis.architectures
        ]
        return ValidationOutcome(
            reports,
            description.names,
            labels,
            dict(self.rules.tool_source_counts),
            unmaintained_tools(self.rules.tool_releases, datetime.date.today()),
            self.layout,
        )

    def data_triples(self, description: Description) -> list[ox.Triple]:
        """What the engine validates: the description, its flows written with sub-properties
        of ``mlo:flowsTo`` as ``mlo:flowsTo``, and what is derived (validation/derived.py)."""
        return self._data(description, self._analyse(description))

    def _data(self, description: Description, analysis: _Analysis) -> list[ox.Triple]:
        triples = description.triples + analysis.extra_triples
        return with_derived(triples, self._subclass_edges, self._architecture_flows)

    def _analyse(self, description: Description) -> _Analysis:
        store = ox.Store()
        store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in description.triples)
        architectures = {a: label for a, label in rows(store, ARCHITECTURES)}
        if not architectures:
            names = ", ".join(description.names) or "the input"
            raise DescriptionError(
                f"{names}: no mlo:ArchitectureDescription found; describe the platform as "
                "`ex:platform a mlo:ArchitectureDescription ; mlo:hasComponent ...` "
                "(see examples/)"
            )
        labels = {a: label for a, label in architectures.items() if label}
        components: dict[str, dict[str, Component]] = defaultdict(dict)
        for architecture, iri, label, type_, tool in rows(store, COMPONENTS):
            component = components[architecture].setdefault(
                iri, Component(iri, label or local_name(iri), [], [])
            )
            if type_ and type_ not in component.kinds:
                component.kinds.append(type_)
            if tool and tool not in component.tools:
                component.tools.append(tool)
            if label:
                labels[iri] = label
        extra = [ox.Triple(node(s), FLOWS_TO, node(o)) for s, o in rows(store, FLOW_SUBPROPERTIES)]
        return _Analysis(
            architectures=architectures,
            components=components,
            user_requirements=self._user_requirements(store, labels),
            labels=labels,
            extra_triples=extra,
        )

    def _user_requirements(self, store: ox.Store, labels: dict[str, str]) -> list[RequirementRule]:
        known = {rule.requirement for rule in self.rules.requirements}
        known |= set(self.rules.unchecked_requirements)
        found: dict[str, tuple[str, set[str], set[str]]] = {}
        for requirement, label, by, by_is_component in rows(store, USER_REQUIREMENTS):
            if requirement in known or requirement.startswith("_:"):
                continue
            _, kinds, components = found.setdefault(requirement, (label, set(), set()))
            if by and by_is_component == "true":
                components.add(by)
            elif by:
                kinds.add(by)
            if label:
                labels[requirement] = label
        return [
            RequirementRule(
                requirement=requirement,
                label=label or local_name(requirement),
                kinds=tuple(sorted(kinds)),
                sources=(),
                components=tuple(sorted(components)),
                user_added=True,
            )
            for requirement, (label, kinds, components) in sorted(found.items())
        ]

    def _report(
        self,
        architecture: str,
        analysis: _Analysis,
        present: set[str],
        raw: list[RawResult],
        catalog: dict[str, ShapeInfo],
        labels: dict[str, str],
        fail_on: str,
    ) -> ArchitectureReport:
        components = analysis.components.get(architecture, {})
        mine = {architecture} | set(components)
        mine |= {tool for component in components.values() for tool in component.tools}
        results: list[Result] = [
            make_result(entry, catalog.get(entry.source_shape), self.rules, labels)
            for entry in raw
            if entry.focus_node in mine
        ]
        for result in results:
            result.architecture = architecture
        results = sort_results(drop_broader_tool_results(results, self.rules))
        missing_flows = {r.flow for r in results if r.category == FLOW.key and r.flow}
        return ArchitectureReport(
            architecture=architecture,
            label=analysis.architectures.get(architecture) or local_name(architecture),
            results=results,
            components=sorted(components.values(), key=lambda c: c.label.lower()),
            present_kinds=present,
            coverage=self._coverage(
                present, missing_flows, results, len(analysis.user_requirements)
            ),
            maturity=estimate_maturity(self.rules, present, missing_flows),
            fail_on=fail_on,
            recommendations=standings(self.recommendation_lists, present),
        )

    def _coverage(
        self, present: set[str], missing_flows: set[str], results: list[Result], user_added: int
    ) -> dict[str, dict[str, int]]:
        expected = [rule.kind for rule in self.rules.kinds]
        applicable = [
            flow
            for flow in self.rules.flows
            if present & set(flow.from_kinds) and present & set(flow.to_kinds)
        ]
        unaddressed = sum(1 for r in results if r.category == REQUIREMENT.key)
        total = len(self.rules.requirements) + user_added
        return {
            "components": {
                "present": sum(1 for kind in expected if kind in present),
                "expected": len(expected),
            },
            "flows": {
                "present": sum(1 for flow in applicable if flow.flow not in missing_flows),
                "expected": len(applicable),
            },
            "requirements": {"addressed": max(total - unaddressed, 0), "checked": total},
        }

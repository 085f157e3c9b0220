"""The literature's lists of tests and practices in the validation report (issue 14 item 10).

The expected answers are computed here from the knowledge graph (``mlo:enables`` and the
ontology's ``rdfs:subClassOf``), not written down: the report must give exactly the
recommendations whose enabling kinds are all present, and the lists must leave the
requirement counts of every example as they are without them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest

from mlopskg.graph.build import BuildResult, build_graph
from mlopskg.graph.loading import LoadedFile
from mlopskg.namespaces import MLO
from mlopskg.resources import ProjectFiles
from mlopskg.stores.embedded import EmbeddedStore
from mlopskg.validation.recommendations import ListStanding
from mlopskg.validation.render import render_json, render_text
from mlopskg.validation.report import ArchitectureReport
from mlopskg.validation.rules import read_rules
from mlopskg.validation.validator import Validator
from tests.conftest import rows
from tests.validation.conftest import example, run

#: the kinds of the small description below: a few, from different blocks
KINDS = ("DataValidation", "BuildPipeline", "ModelEvaluation", "ServingMonitoringPipeline")
RECOMMENDATION_TYPES = {
    ox.NamedNode(str(MLO[name]))
    for name in ("Recommendation", "Practice", "ProductionReadinessTest")
}
ENABLES = ox.NamedNode(str(MLO.enables))
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
EXAMPLES = sorted(p.stem for p in (Path(__file__).parents[2] / "examples").glob("*.ttl"))


def _description(kinds: tuple[str, ...]) -> str:
    parts = [f'ex:c{n} a mlo:{kind} ; rdfs:label "{kind}" .' for n, kind in enumerate(kinds)]
    members = " , ".join(f"ex:c{n}" for n in range(len(kinds)))
    return (
        'ex:platform a mlo:ArchitectureDescription ; rdfs:label "A few kinds" ;\n'
        f"    mlo:hasComponent {members} .\n" + "\n".join(parts)
    )


def _expected(graph: EmbeddedStore, kinds: tuple[str, ...]) -> dict[str, dict[str, set[str]]]:
    """Per list (source): each enabled recommendation and the kinds it lacks, from the graph."""
    present: set[str] = set()
    for kind in kinds:
        found = rows(graph, f"SELECT ?up WHERE {{ mlo:{kind} rdfs:subClassOf* ?up }}")
        present |= {row["up"] for row in found}
    enabling: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows(
        graph,
        "SELECT ?r ?kind ?source WHERE { ?kind mlo:enables ?r . ?r dcterms:source ?source }",
    ):
        enabling[row["source"]][row["r"]].add(row["kind"])
    return {
        source: {r: needed - present for r, needed in found.items()}
        for source, found in enabling.items()
    }


def _by_source(report: ArchitectureReport) -> dict[str, ListStanding]:
    return {standing.listing.source: standing for standing in report.recommendations}


@pytest.mark.parametrize("kinds", [KINDS, ("DevelopmentTools",), ("FeatureStore", "ModelRegistry")])
def test_a_few_kinds_get_exactly_what_those_kinds_enable(
    kinds: tuple[str, ...], validator: Validator, graph: EmbeddedStore
) -> None:
    report = run(validator, _description(kinds)).reports[0]
    expected = _expected(graph, kinds)
    assert expected, "the graph has no mlo:enables links"
    standings = _by_source(report)
    assert set(standings) >= set(expected)
    for source, needs in expected.items():
        standing = standings[source]
        possible = {r for r, missing in needs.items() if not missing}
        assert {item.iri for item in standing.possible} == possible, source
        not_yet = {entry.recommendation.iri: set(entry.missing_kinds) for entry in standing.not_yet}
        assert not_yet == {r: missing for r, missing in needs.items() if missing}, source
        assert not {item.iri for item in standing.no_kind} & set(needs)
        assert standing.total == len(possible) + len(not_yet) + len(standing.no_kind)


def test_the_small_description_falls_on_both_sides(
    validator: Validator, graph: EmbeddedStore
) -> None:
    """The kinds above make some recommendations possible and leave others short."""
    expected = _expected(graph, KINDS)
    needs = [missing for found in expected.values() for missing in found.values()]
    assert any(not missing for missing in needs)
    assert any(missing for missing in needs)


def test_the_lists_are_not_requirements(validator: Validator, graph: EmbeddedStore) -> None:
    listed = {item.iri for lst in validator.recommendation_lists for item in lst.items}
    assert listed, "no list of tests or practices in the graph"
    requirements = {rule.requirement for rule in validator.rules.requirements}
    assert not listed & (requirements | set(validator.rules.unchecked_requirements))
    typed = rows(
        graph,
        "SELECT ?r WHERE { ?r a mlo:Requirement . ?r a/rdfs:subClassOf* mlo:Recommendation }",
    )
    assert typed == []


def _declares_recommendations(loaded: LoadedFile) -> bool:
    return any(
        t.predicate == ENABLES or (t.predicate == RDF_TYPE and t.object in RECOMMENDATION_TYPES)
        for t in loaded.triples
    )


@pytest.fixture(scope="module")
def without_lists(project: ProjectFiles, built: BuildResult) -> Validator:
    """A validator over the graph built without the files that declare the lists."""
    data = set(project.data_files())
    dropped = [f for f in built.files if f.path in data and _declares_recommendations(f)]
    assert dropped, "no data file declares tests or practices"
    kept = [f.path for f in built.files if f.path in data and f not in dropped]
    store = build_graph(project, data_files=kept, check=False).store
    return Validator.for_project(project, store)


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_lists_leave_the_examples_requirement_counts_as_they_were(
    name: str, project: ProjectFiles, validator: Validator, without_lists: Validator
) -> None:
    description = example(project, name)
    with_them = validator.validate(description).reports
    without = without_lists.validate(description).reports
    assert [r.coverage for r in with_them] == [r.coverage for r in without]
    assert [{s: r.count(s) for s in ("Violation", "Warning", "Info")} for r in with_them] == [
        {s: r.count(s) for s in ("Violation", "Warning", "Info")} for r in without
    ]
    assert [[x.message for x in r.results] for r in with_them] == [
        [x.message for x in r.results] for r in without
    ]
    assert all(r.recommendations for r in with_them)
    assert not any(r.recommendations for r in without)


def test_read_rules_requirements_do_not_change_with_the_lists(
    validator: Validator, without_lists: Validator
) -> None:
    assert validator.rules.requirements == without_lists.rules.requirements
    assert validator.rules.unchecked_requirements == without_lists.rules.unchecked_requirements


def test_json_adds_the_lists_counts_first(validator: Validator) -> None:
    outcome = run(validator, _description(KINDS))
    data = json.loads(render_json(outcome))
    for key in ("conforms", "architecture", "results", "coverage", "counts"):
        assert key in data
    assert data["recommendations"]
    for found, standing in zip(
        data["recommendations"], outcome.reports[0].recommendations, strict=True
    ):
        counts = found["counts"]
        assert counts["total"] == standing.total
        assert counts["possible"] == len(found["possible"]) == len(standing.possible)
        assert counts["notYetSupported"] == len(found["notYetSupported"])
        assert counts["noComponentKind"] == len(found["noComponentKind"])
        assert (
            counts["possible"] + counts["notYetSupported"] + counts["noComponentKind"]
            == (counts["total"])
        )
        assert all(entry["missingKinds"] for entry in found["notYetSupported"])


def test_text_gives_the_counts_in_the_summary_and_the_lists_in_the_details(
    validator: Validator,
) -> None:
    outcome = run(validator, _description(KINDS))
    standing = outcome.reports[0].recommendations[0]
    short = render_text(outcome, "summary")
    full = render_text(outcome, "full")
    counts = f"{standing.listing.label}: {len(standing.possible)} of {standing.total}"
    assert counts in short and counts in full
    assert "Tests and practices of the literature, by list" in full
    assert "Tests and practices of the literature, by list" not in short
    first = standing.possible[0] if standing.possible else standing.not_yet[0].recommendation
    assert first.label[:40] in " ".join(full.split())


def test_rules_read_the_lists_from_the_rules_queries(graph: EmbeddedStore) -> None:
    rules = read_rules(graph)
    assert rules.rows["recommendations"]

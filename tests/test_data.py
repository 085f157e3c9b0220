"""The knowledge graph's data against the literature notes it was built from.

The notes live in ../shared/literature/ beside a checkout (CI has them); where they are
missing, the tests that read them say so and skip.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from mlopskg.stores.embedded import EmbeddedStore
from tests.conftest import SHARED, rows

TOOLS_MD = SHARED / "literature" / "tools.md"
needs_notes = pytest.mark.skipif(
    not TOOLS_MD.exists(), reason=f"literature notes not found at {TOOLS_MD}"
)


def tool_rows_of_the_notes() -> list[tuple[int, str]]:
    table = re.findall(r"^\| (\d+) \| ([^|]+) \|", TOOLS_MD.read_text(), re.M)
    return [(int(n), name.strip()) for n, name in table]


@needs_notes
def test_every_tool_of_the_notes_is_a_labelled_tool(graph: EmbeddedStore) -> None:
    notes = tool_rows_of_the_notes()
    assert len(notes) == 78
    labels = {
        r["label"]
        for r in rows(
            graph, "SELECT ?label WHERE { ?t a mlo:Tool ; rdfs:label|skos:altLabel ?label }"
        )
    }
    assert {name for _, name in notes} <= labels


def test_nearly_all_tools_realise_a_component_kind(graph: EmbeddedStore) -> None:
    tools = rows(
        graph,
        "SELECT ?t (COUNT(?k) AS ?n) WHERE { ?t a mlo:Tool OPTIONAL { ?t mlo:realizes ?k } } GROUP BY ?t",
    )
    with_kind = [r for r in tools if int(r["n"]) > 0]
    assert len(with_kind) / len(tools) >= 0.85


def test_every_realizes_link_has_a_finding_with_a_source(graph: EmbeddedStore) -> None:
    unsourced = rows(
        graph,
        """SELECT ?t ?k WHERE { ?t mlo:realizes ?k
             FILTER NOT EXISTS { GRAPH ?g { ?t mlo:realizes ?k } ?g mlo:fromSource ?s } }""",
    )
    assert unsourced == []


def test_seed_paper_counts_are_stated_facts_of_the_paper(graph: EmbeddedStore) -> None:
    found = rows(
        graph,
        """SELECT ?articles ?experts ?requirements ?status WHERE {
             GRAPH ?g { <https://w3id.org/mlopskg/resource/source/kumara-2025>
                 mlo:reviewedArticleCount ?articles ; mlo:interviewedExpertCount ?experts ;
                 mlo:requirementCount ?requirements }
             ?g mlo:evidenceStatus ?status }""",
    )
    assert found == [
        {
            "articles": "59",
            "experts": "6",
            "requirements": "32",
            "status": "https://w3id.org/mlopskg/ontology#stated",
        }
    ]


def test_no_invented_seed_requirements(graph: EmbeddedStore) -> None:
    """The 32 requirement texts are not available: nothing claims to be one of them."""
    stated = rows(
        graph,
        """SELECT ?r WHERE { GRAPH ?g { ?r a mlo:Requirement ; dcterms:source
             <https://w3id.org/mlopskg/resource/source/kumara-2025> } ?g mlo:evidenceStatus mlo:stated }""",
    )
    assert stated == []


def test_the_seed_figures_are_read_from_figures(graph: EmbeddedStore) -> None:
    found = rows(
        graph,
        """SELECT ?status WHERE { GRAPH ?g { ?a mlo:qualifiedFlow ?f } ?g mlo:evidenceStatus ?status
             FILTER(STRSTARTS(STR(?f), "https://w3id.org/mlopskg/resource/flow/kumara-2025")) }""",
    )
    assert found and {r["status"] for r in found} == {
        "https://w3id.org/mlopskg/ontology#readFromFigure"
    }


@pytest.mark.parametrize(
    ("subject", "predicate", "obj", "why"),
    [
        (
            "src:kreuzberger-2023",
            "mlo:namesTool",
            "tool:amazon-cloudwatch",
            "tools.md marks K C9 for CloudWatch [R][?]",
        ),
        (
            "src:google-mlops-cd-ct",
            "mlo:namesTool",
            "tool:google-cloud-build",
            "tools.md marks G for Cloud Build [R][?]",
        ),
        ("tool:pachyderm", "mlo:licenceStatement", "?x", "Pachyderm's licence is [?]"),
        ("tool:elk-stack", "mlo:licenceStatement", "?x", "the ELK stack's licence is [?]"),
        (
            "?x",
            "mlo:namesTool",
            "tool:torchserve FILTER(?x != src:ethicalml-awesome-production-ml)",
            "no source of the literature notes names TorchServe (EthicalML's list, read at a pinned commit, does); its archival is [?]",
        ),
        ("src:amershi-2019", "bibo:doi", "?x", "Amershi et al.'s DOI is [R][?]"),
        ("src:john-2021", "mlo:hasLevel", "?x", "John et al.'s stage names are [R][?]"),
        ("src:heck-2025", "mlo:namesTool", "?x", "the tools of Heck et al. are unknown"),
    ],
)
def test_uncertain_items_are_not_loaded(
    graph: EmbeddedStore, subject: str, predicate: str, obj: str, why: str
) -> None:
    prefixes = (
        "PREFIX mlo: <https://w3id.org/mlopskg/ontology#>\nPREFIX bibo: <http://purl.org/ontology/bibo/>\n"
        "PREFIX src: <https://w3id.org/mlopskg/resource/source/>\nPREFIX tool: <https://w3id.org/mlopskg/resource/tool/>\n"
    )
    assert not graph.query(prefixes + f"ASK {{ {subject} {predicate} {obj} }}"), why


def test_kreuzberger_components_are_aligned_to_seed_kinds(graph: EmbeddedStore) -> None:
    found = rows(
        graph,
        """SELECT DISTINCT ?c WHERE { <https://w3id.org/mlopskg/resource/architecture/kreuzberger-2023> mlo:hasComponent ?c .
             ?c skos:exactMatch|skos:closeMatch|skos:broadMatch|skos:narrowMatch ?kind .
             ?kind rdfs:subClassOf mlo:Component }""",
    )
    assert len(found) == 9


def test_every_seed_component_kind_has_an_individual_in_the_reference_architecture(
    graph: EmbeddedStore,
) -> None:
    missing = rows(
        graph,
        """SELECT ?kind WHERE { ?kind rdfs:subClassOf mlo:Component ; rdfs:isDefinedBy ?o .
             FILTER NOT EXISTS { ?kind skos:scopeNote ?grouping }
             FILTER NOT EXISTS { ?kind rdfs:subClassOf mlo:AdditionalCapability }
             FILTER NOT EXISTS { <https://w3id.org/mlopskg/resource/architecture/kumara-2025> mlo:hasComponent ?c . ?c a ?kind } }""",
    )
    assert missing == []


def test_data_readme_lists_every_data_file() -> None:
    from tests.conftest import ROOT

    readme = (ROOT / "data" / "README.md").read_text()
    for path in sorted((ROOT / "data").rglob("*.ttl")):
        rel = path.relative_to(ROOT / "data")
        assert f"`{rel}`" in readme, f"data/README.md does not list {rel}"
        assert any(line.startswith("# Source: ") for line in path.read_text().splitlines()[:8]), (
            f"{rel} has no '# Source:' header line"
        )


def test_licence_statements_checked_on_pypi_are_dated_and_sourced(graph: EmbeddedStore) -> None:
    found = rows(
        graph,
        """PREFIX schema: <https://schema.org/>
           SELECT ?tool ?date ?url WHERE {
             GRAPH <https://w3id.org/mlopskg/resource/finding/catalogue-pypi-snapshot> { ?tool mlo:licenceStatement ?s }
             ?s mlo:checkedOn ?date ; schema:url ?url ; mlo:licenceKind ?kind }""",
    )
    assert len(found) >= 30
    assert all(r["url"].startswith("https://pypi.org/project/") for r in found)
    assert all(len(r["date"]) == 10 for r in found)


# --- Issue 14, items 2-4, 6 and 8: provenance kept apart, statuses as the notes tag them ---

KUMARA_MD = SHARED / "literature" / "kumara-2025.md"
OPEN_MD = SHARED / "literature" / "open-literature.md"
needs_kumara_notes = pytest.mark.skipif(
    not KUMARA_MD.exists(), reason=f"literature notes not found at {KUMARA_MD}"
)
needs_open_notes = pytest.mark.skipif(
    not OPEN_MD.exists(), reason=f"literature notes not found at {OPEN_MD}"
)
MLO = "https://w3id.org/mlopskg/ontology#"
FIGURE_PREDICATES = {
    f"{MLO}{name}"
    for name in (
        "hasView",
        "hasBlock",
        "containsElement",
        "showsElement",
        "qualifiedFlow",
        "flowTarget",
        "arrowLabel",
        "responsibleFor",
        "hasComponent",
    )
}


def notes_section(path: Path, heading: str) -> str:
    """The text of a notes section, from its heading to the next heading of any level."""
    text = path.read_text()
    start = text.index(heading)
    following = re.search(r"^#{2,3} ", text[start + len(heading) :], re.M)
    return text[start : start + len(heading) + following.start()] if following else text[start:]


def test_the_2025_paper_holds_no_reading_of_the_preprint_figures(graph: EmbeddedStore) -> None:
    """What the 2025 paper contains (its findings) is its record, not the 2022 figures."""
    predicates = {
        r["p"]
        for r in rows(
            graph,
            """SELECT DISTINCT ?p WHERE { GRAPH ?g { ?s ?p ?o }
                 ?g mlo:fromSource <https://w3id.org/mlopskg/resource/source/kumara-2025> }""",
        )
    }
    assert predicates, "no finding cites the 2025 paper"
    assert predicates & FIGURE_PREDICATES == set()
    figure_sources = rows(
        graph,
        """SELECT DISTINCT ?source WHERE { ?g mlo:evidenceStatus mlo:readFromFigure ;
             mlo:locator ?where ; mlo:fromSource ?source FILTER(CONTAINS(?where, "2022 preprint")) }""",
    )
    assert [r["source"] for r in figure_sources] == [
        "https://w3id.org/mlopskg/resource/source/kumara-2022"
    ]


@needs_kumara_notes
def test_arrow_labels_are_those_the_notes_quote(graph: EmbeddedStore) -> None:
    """A label goes on the arrows the figure labels, not on secondary ones '(also ...)'."""
    section = notes_section(KUMARA_MD, "## Reference architecture, pipelines view")
    quoted: Counter[str] = Counter()
    for relation, targets in re.findall(
        r'^\| [^|]+ \| ([^|]*"[^|]*) \| ([^|]+) \|$', section, re.M
    ):
        label = re.search(r'"([^"]+)"', relation)
        assert label
        primary = re.sub(r"\(.*?\)", "", targets)
        quoted[label.group(1)] += len([t for t in primary.split(";") if t.strip()])
    assert quoted["prediction requests"] == 1 and quoted["alerts"] == 2
    found = rows(
        graph,
        """SELECT ?label (COUNT(DISTINCT ?flow) AS ?n) WHERE { ?from mlo:qualifiedFlow ?flow .
             ?flow mlo:arrowLabel ?label
             FILTER(STRSTARTS(STR(?flow), "https://w3id.org/mlopskg/resource/flow/kumara-2025")) }
           GROUP BY ?label""",
    )
    assert Counter({r["label"]: int(r["n"]) for r in found}) == quoted


@needs_kumara_notes
def test_flows_the_notes_call_hard_to_read_are_marked_uncertain(graph: EmbeddedStore) -> None:
    notes = " ".join(KUMARA_MD.read_text().split())
    assert "feature engineering pipeline and training pipeline against the feature store" in notes
    found = rows(
        graph,
        """SELECT ?flow ?uncertain WHERE {
             VALUES ?pipeline { <https://w3id.org/mlopskg/resource/component/kumara-2025-feature-engineering-pipeline>
                                <https://w3id.org/mlopskg/resource/component/kumara-2025-training-pipeline> }
             BIND(<https://w3id.org/mlopskg/resource/component/kumara-2025-feature-store> AS ?store)
             { ?pipeline mlo:qualifiedFlow ?flow . ?flow mlo:flowTarget ?store }
             UNION { ?store mlo:qualifiedFlow ?flow . ?flow mlo:flowTarget ?pipeline }
             OPTIONAL { ?flow mlo:directionUncertain ?uncertain } }""",
    )
    assert len(found) == 2
    assert {r["uncertain"] for r in found} == {"true"}


def test_the_editors_mapping_of_the_two_figures_is_derived(graph: EmbeddedStore) -> None:
    """Figure 2's 'model experimentation' as figure 1's experimentation pipeline is an interpretation."""
    found = rows(
        graph,
        """SELECT DISTINCT ?status WHERE {
             BIND(<https://w3id.org/mlopskg/resource/component/kumara-2025-experimentation-pipeline> AS ?c)
             { GRAPH ?g { ?c skos:altLabel "model experimentation"@en } }
             UNION { GRAPH ?g { ?zone mlo:containsElement ?c . ?zone a mlo:Zone } }
             ?g mlo:evidenceStatus ?status }""",
    )
    assert [r["status"] for r in found] == [f"{MLO}derived"]


@needs_open_notes
def test_kreuzberger_flows_are_the_editors_reading(graph: EmbeddedStore) -> None:
    """The notes tag the workflow's step contents [R]; flows drawn from them are derived."""
    assert "Step contents: [R]" in notes_section(OPEN_MD, "### 1.6 End-to-end architecture")
    found = rows(
        graph,
        """SELECT DISTINCT ?status WHERE { GRAPH ?g { ?c mlo:qualifiedFlow ?flow }
             ?g mlo:evidenceStatus ?status
             FILTER(STRSTARTS(STR(?flow), "https://w3id.org/mlopskg/resource/flow/kreuzberger-2023")) }""",
    )
    assert [r["status"] for r in found] == [f"{MLO}derived"]


@needs_open_notes
def test_google_levels_are_not_stated(graph: EmbeddedStore) -> None:
    """The notes give the levels through secondary summaries and recall: not 'stated'."""
    levels = notes_section(OPEN_MD, "### 3.2 Levels")
    assert "[V secondary; R]" in levels
    stated = rows(
        graph,
        """SELECT ?s ?p WHERE { GRAPH ?g { ?s ?p ?o } ?g mlo:evidenceStatus mlo:stated
             FILTER(STRSTARTS(STR(?s), "https://w3id.org/mlopskg/resource/maturity-level/google-")
                    || ?s = <https://w3id.org/mlopskg/resource/maturity-model/google-mlops-levels>) }""",
    )
    assert stated == []


@needs_open_notes
def test_google_level_0_adds_what_the_notes_say(graph: EmbeddedStore) -> None:
    row = re.search(r"^\| 0 \| Manual process \|.*\| ([^|]+) \|$", OPEN_MD.read_text(), re.M)
    assert row and row.group(1).startswith("None")
    found = rows(
        graph,
        """SELECT ?c WHERE { <https://w3id.org/mlopskg/resource/maturity-level/google-0>
             mlo:characteristic ?c }""",
    )
    assert [r["c"] for r in found] == [f"Adds: {row.group(1).strip()}."]


@needs_notes
def test_google_names_no_tool_the_notes_mark_uncertain(graph: EmbeddedStore) -> None:
    legend = re.search(r"^  - G = .*$", TOOLS_MD.read_text(), re.M)
    assert legend and "[?]" in legend.group(0)
    named = rows(
        graph,
        "SELECT ?t WHERE { <https://w3id.org/mlopskg/resource/source/google-mlops-cd-ct> mlo:namesTool ?t }",
    )
    assert named == []


@needs_notes
def test_tool_homepages_are_those_of_the_notes(graph: EmbeddedStore) -> None:
    homepages = {
        cell.strip()
        for cell in re.findall(
            r"^\| \d+ \|[^|]*\|[^|]*\|[^|]*\| ([^|]+) \|", TOOLS_MD.read_text(), re.M
        )
    }
    assert len(homepages) == 78
    found = rows(
        graph,
        """SELECT ?tool ?url WHERE { GRAPH <https://w3id.org/mlopskg/resource/finding/tools-catalogue> {
             ?tool <https://schema.org/url> ?url } }""",
    )
    assert found and [r for r in found if r["url"] not in homepages] == []


def test_every_realizes_link_follows_a_mapping_rule_of_its_finding(graph: EmbeddedStore) -> None:
    """tools-realizes is the editors' mapping by stated rules: a kind no rule gives is a guess."""
    note = rows(
        graph,
        """SELECT ?note WHERE { <https://w3id.org/mlopskg/resource/finding/tools-realizes> skos:note ?note
             FILTER(STRSTARTS(?note, "Mapping rules:")) }""",
    )
    assert len(note) == 1
    rules = note[0]["note"].removeprefix("Mapping rules:").split(".")[0].split(";")
    given = {
        kind.strip().lower()
        for rule in rules
        for kind in re.split(r",| and ", rule.split("->")[1])
        if kind.strip()
    }
    found = rows(
        graph,
        """SELECT DISTINCT ?tool ?kindLabel WHERE {
             GRAPH <https://w3id.org/mlopskg/resource/finding/tools-realizes> { ?tool mlo:realizes ?kind }
             ?kind rdfs:label ?kindLabel }""",
    )
    assert found
    assert [r for r in found if r["kindLabel"].lower() not in given] == []


def test_architecture_flows_gives_one_row_per_flow(graph: EmbeddedStore) -> None:
    from mlopskg.queries.library import load_queries, run_query
    from tests.conftest import ROOT

    query = load_queries(ROOT / "queries")["architecture-flows"]
    result = run_query(graph, query)
    assert isinstance(result, ox.QuerySolutions)
    answers = list(result)
    flows = rows(
        graph,
        """SELECT (COUNT(DISTINCT ?flow) AS ?n) WHERE { ?from mlo:qualifiedFlow ?flow
             FILTER(STRSTARTS(STR(?flow), "https://w3id.org/mlopskg/resource/flow/kumara-2025")) }""",
    )
    assert len(answers) == int(flows[0]["n"]) == 35


def test_no_curated_query_answers_with_a_boolean(graph: EmbeddedStore) -> None:
    """Stores write booleans differently (Virtuoso 1, Oxigraph true): project strings instead."""
    from mlopskg.queries.library import load_queries, run_query
    from tests.conftest import ROOT

    boolean = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
    offending = set()
    for name, query in load_queries(ROOT / "queries").items():
        result = run_query(graph, query)
        assert isinstance(result, ox.QuerySolutions)
        for solution in result:
            for value in solution:
                if isinstance(value, ox.Literal) and value.datatype == boolean:
                    offending.add(name)
    assert offending == set()


def test_the_literatures_tests_and_practices_are_recommendations_with_a_source(
    graph: EmbeddedStore,
) -> None:
    """Every recommended test or practice has a label, a definition and its source, is no
    requirement, and is enabled only by component kinds, each link in a derived finding."""
    found = rows(
        graph,
        """SELECT ?r ?label ?definition ?source WHERE {
  ?r a/rdfs:subClassOf* mlo:Recommendation .
  OPTIONAL { ?r rdfs:label ?label } OPTIONAL { ?r skos:definition ?definition }
  OPTIONAL { ?r dcterms:source ?source } }""",
    )
    assert found
    assert all(row["label"] and row["definition"] and row["source"] for row in found)
    assert not rows(graph, "SELECT ?r WHERE { ?r a mlo:Requirement , mlo:Recommendation }")
    links = rows(
        graph,
        """SELECT ?kind ?r ?isKind ?isRecommendation ?status WHERE {
  GRAPH ?finding { ?kind mlo:enables ?r }
  OPTIONAL { ?finding mlo:evidenceStatus ?status }
  BIND(EXISTS { ?kind rdfs:subClassOf+ mlo:Component } AS ?isKind)
  BIND(EXISTS { ?r a/rdfs:subClassOf* mlo:Recommendation } AS ?isRecommendation) }""",
    )
    assert links
    for link in links:
        assert link["isKind"] == "true" and link["isRecommendation"] == "true", link
        assert link["status"] == "https://w3id.org/mlopskg/ontology#derived", link

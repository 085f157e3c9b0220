"""The knowledge graph's data against the literature notes it was built from.

The notes live in ../shared/literature/ beside a checkout (CI has them); where they are
missing, the tests that read them say so and skip.
"""

from __future__ import annotations

import re

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

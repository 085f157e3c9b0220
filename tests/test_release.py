"""`mlopskg release` and the editors' extension workflow (ontology/README-editors.md)."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from mlopskg.graph.build import build_graph
from mlopskg.ontology_tools.files import release_files, write_release_files
from mlopskg.ontology_tools.release import ReleaseRefused, current_version, documentation, release
from mlopskg.queries.library import load_queries, run_query
from mlopskg.resources import ProjectFiles, project_files
from mlopskg.validation.inputs import Description, parse_description
from mlopskg.validation.rules import read_rules
from mlopskg.validation.shapes import reference_shapes
from mlopskg.validation.validator import Validator
from tests.conftest import ROOT

NEW_KIND = """
mlo:LLMGateway a owl:Class ;
    rdfs:subClassOf mlo:PlatformService ;
    rdfs:label "LLM gateway"@en ;
    skos:definition "A service that routes requests to large language models."@en ;
    rdfs:isDefinedBy <https://w3id.org/mlopskg/ontology> .
"""
NEW_DATA = """@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix mlo: <https://w3id.org/mlopskg/ontology#> .
@prefix src: <https://w3id.org/mlopskg/resource/source/> .
@prefix tool: <https://w3id.org/mlopskg/resource/tool/> .
@prefix req: <https://w3id.org/mlopskg/resource/requirement/> .
# Source: an editor's example of the extension workflow.
<https://w3id.org/mlopskg/resource/finding/example-llm-gateway> a mlo:Finding ;
    rdfs:label "Example: an LLM gateway"@en ; mlo:fromSource src:kumara-2025 ;
    mlo:evidenceStatus mlo:derived ; mlo:locator "example" .
tool:example-gateway a mlo:Tool ; rdfs:label "Example gateway"@en ; mlo:realizes mlo:LLMGateway .
req:example-route-llm-requests a mlo:Requirement ; rdfs:label "Route LLM requests"@en ;
    skos:definition "Requests to language models go through one gateway."@en ; dcterms:source src:kumara-2025 .
mlo:LLMGateway mlo:addresses req:example-route-llm-requests .
"""


@pytest.fixture
def copy(tmp_path: Path) -> ProjectFiles:
    for name in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "CHANGELOG.md", tmp_path / "CHANGELOG.md")
    return project_files(tmp_path)


@pytest.mark.parametrize(
    ("version", "message"), [("1.0", "X.Y.Z"), ("v1.0.0", "X.Y.Z"), ("0.0.9", "older")]
)
def test_bad_versions_are_refused(copy: ProjectFiles, version: str, message: str) -> None:
    with pytest.raises(ReleaseRefused, match=message):
        release(copy, version)


@pytest.mark.slow
def test_release_stamps_writes_documents_and_records_changes(copy: ProjectFiles) -> None:
    copy.ontology_source.write_text(copy.ontology_source.read_text() + NEW_KIND)
    changes = release(copy, "0.2.0", datetime.date(2027, 1, 15))
    source = copy.ontology_source.read_text()
    assert "owl:versionIRI <https://w3id.org/mlopskg/ontology/0.2.0>" in source
    assert 'owl:versionInfo "0.2.0"' in source and 'dcterms:modified "2027-01-15"' in source
    assert current_version(copy.ontology_source) == "0.2.0"
    assert all(f.up_to_date for f in release_files(copy))
    assert (copy.ontology_dir / "mlopskg.nt").exists()
    assert "LLM gateway" in (copy.root / "docs" / "ontology" / "index.html").read_text()
    assert changes.added == {"https://w3id.org/mlopskg/ontology#LLMGateway": "LLM gateway"}
    changelog = (copy.root / "CHANGELOG.md").read_text()
    assert (
        "## Ontology 0.2.0 (2027-01-15)" in changelog
        and "`mlo:LLMGateway` (LLM gateway)" in changelog
    )


@pytest.mark.slow
def test_deprecating_a_term_still_in_use_is_refused(copy: ProjectFiles) -> None:
    copy.ontology_source.write_text(
        copy.ontology_source.read_text()
        + "\nmlo:LogStore owl:deprecated true ; dcterms:isReplacedBy mlo:DataStore .\n"
    )
    # The data still uses mlo:LogStore, so the quality checks refuse the release...
    with pytest.raises(ReleaseRefused, match="deprecated-in-use"):
        release(copy, "0.2.0")
    assert 'owl:versionInfo "0.1.0"' in copy.ontology_source.read_text()


@pytest.mark.slow
def test_release_is_refused_when_checks_fail(copy: ProjectFiles) -> None:
    copy.ontology_source.write_text(
        copy.ontology_source.read_text() + "\nmlo:Unlabelled a owl:Class .\n"
    )
    before = {f.path.name: f.path.read_bytes() for f in release_files(copy)}
    with pytest.raises(ReleaseRefused, match="missing-label"):
        release(copy, "0.2.0")
    assert {name: (copy.ontology_dir / name).read_bytes() for name in before} == before
    assert 'owl:versionInfo "0.1.0"' in copy.ontology_source.read_text()


def test_committed_documentation_is_current(project: ProjectFiles) -> None:
    version = current_version(project.ontology_source)
    assert (ROOT / "docs" / "ontology" / "index.html").read_text() == documentation(
        project, version
    )


def test_extension_workflow_new_kind_tool_and_requirement(copy: ProjectFiles) -> None:
    """README-editors.md: a new component kind, a tool that realises it and a requirement it
    addresses show up in the curated queries after a rebuild, with subclass reasoning."""
    copy.ontology_source.write_text(copy.ontology_source.read_text() + NEW_KIND)
    (copy.data_dir / "example-llm-gateway.ttl").write_text(NEW_DATA)
    store = build_graph(copy).store
    queries = load_queries(copy.queries_dir)

    def values(name: str, column: str, **params: str) -> set[str]:
        return {row[column].value for row in run_query(store, queries[name], params)}  # type: ignore[union-attr]

    assert values("tools-for-component", "tool", kind="mlo:LLMGateway") == {
        "https://w3id.org/mlopskg/resource/tool/example-gateway"
    }
    # Subclass reasoning: the tool is also a tool for a platform service.
    assert "https://w3id.org/mlopskg/resource/tool/example-gateway" in values(
        "tools-for-component", "tool", kind="mlo:PlatformService"
    )
    assert "https://w3id.org/mlopskg/ontology#PlatformService" in values(
        "component-kinds", "parent", kind="mlo:LLMGateway"
    )
    assert "https://w3id.org/mlopskg/resource/requirement/example-route-llm-requests" not in values(
        "unaddressed-requirements", "requirement"
    )

    # Regenerate the release files and the shapes: an architecture using the new kind validates,
    # its tool fits, and the new requirement is checked (and met by the new kind).
    write_release_files(copy)
    shapes = copy.shapes_dir / "architecture" / "reference.ttl"
    shapes.write_text(reference_shapes(read_rules(store)))
    assert "mlsh:RequirementShape-example-route-llm-requests" in shapes.read_text()
    description = (
        "@prefix mlo: <https://w3id.org/mlopskg/ontology#> .\n"
        "@prefix tool: <https://w3id.org/mlopskg/resource/tool/> .\n"
        "<https://example.org/x#p> a mlo:ArchitectureDescription ; mlo:hasComponent <https://example.org/x#g> .\n"
        "<https://example.org/x#g> a mlo:LLMGateway ; mlo:usesTool tool:example-gateway .\n"
    )
    triples = parse_description(description.encode(), "llm.ttl", ox.RdfFormat.TURTLE)
    report = (
        Validator.for_project(copy, store).validate(Description(triples, ("llm.ttl",))).reports[0]
    )
    assert "https://w3id.org/mlopskg/ontology#PlatformService" in report.present_kinds
    focused = [r for r in report.results if r.focus_node == "https://example.org/x#g"]
    assert focused == []  # a known kind, and a tool known for it
    shapes_hit = {r.shape for r in report.results}
    assert (
        "https://w3id.org/mlopskg/shapes#RequirementShape-example-route-llm-requests"
        not in shapes_hit
    )
    assert "https://w3id.org/mlopskg/shapes#ModelRegistryPresentShape" in shapes_hit


@pytest.mark.slow
def test_deprecation_is_recorded(copy: ProjectFiles) -> None:
    copy.ontology_source.write_text(copy.ontology_source.read_text() + NEW_KIND)
    release(copy, "0.2.0")
    copy.ontology_source.write_text(
        copy.ontology_source.read_text()
        + "\nmlo:LLMGateway owl:deprecated true ; dcterms:isReplacedBy mlo:PredictionService .\n"
    )
    changes = release(copy, "0.3.0")
    assert changes.deprecated == {"https://w3id.org/mlopskg/ontology#LLMGateway": "LLM gateway"}
    assert changes.added == {} and changes.removed == {}
    assert (
        "- deprecated: `mlo:LLMGateway` (LLM gateway)" in (copy.root / "CHANGELOG.md").read_text()
    )

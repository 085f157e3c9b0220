"""The ontology's release files: generated from the source, committed up to date."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from mlopskg.graph.loading import parse_triples
from mlopskg.graph.serialization import FORMATS
from mlopskg.ontology_tools.files import RELEASE_FORMATS, release_files
from mlopskg.resources import ProjectFiles


def test_committed_release_files_are_the_ones_the_source_produces(project: ProjectFiles) -> None:
    stale = [f.path.name for f in release_files(project) if not f.up_to_date]
    assert not stale, f"run `make ontology` to regenerate {stale}"


@pytest.mark.parametrize("name", sorted(RELEASE_FORMATS))
def test_release_file_holds_the_same_graph_as_the_source(project: ProjectFiles, name: str) -> None:
    fmt = FORMATS[RELEASE_FORMATS[name]]
    source = ox.Dataset(
        ox.Quad(t.subject, t.predicate, t.object) for t in parse_triples(project.ontology_source)
    )
    release = ox.Dataset(ox.parse(path=str(project.ontology_dir / name), format=fmt))
    source.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    release.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    assert source == release


def test_release_files_say_they_are_generated(project: ProjectFiles) -> None:
    for name in ("mlopskg.ttl", "mlopskg.owl"):
        head = (project.ontology_dir / name).read_text()[:400]
        assert "do not edit" in head


def test_catalog_maps_the_ontology_iri_to_a_local_file(project: ProjectFiles) -> None:
    import xml.etree.ElementTree as ET

    catalog = ET.parse(project.ontology_dir / "catalog-v001.xml").getroot()
    entries = {e.get("name"): e.get("uri") for e in catalog}
    assert entries["https://w3id.org/mlopskg/ontology"] == "mlopskg.owl"
    assert all((project.ontology_dir / uri).exists() for uri in entries.values() if uri)

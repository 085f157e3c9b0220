"""The ontology's generated release files, written from the hand-edited source.

``ontology/mlopskg-edit.ttl`` is the only file people edit (in Protégé or by hand). From
it come ``mlopskg.ttl`` (Turtle), ``mlopskg.owl`` (RDF/XML, for tools that cannot read
Turtle), ``mlopskg.jsonld`` (JSON-LD) and ``mlopskg.nt`` (N-Triples), deterministically, so a test can check that the
committed files are the ones the source produces.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mlopskg.graph.loading import parse_triples
from mlopskg.graph.serialization import serialize_triples
from mlopskg.resources import ProjectFiles

RELEASE_FORMATS = {
    "mlopskg.ttl": "ttl",
    "mlopskg.owl": "owl",
    "mlopskg.jsonld": "jsonld",
    "mlopskg.nt": "nt",
}
GENERATED_NOTE = (
    "Generated from mlopskg-edit.ttl by `mlopskg ontology`; do not edit: edit mlopskg-edit.ttl."
)


@dataclass(frozen=True)
class ReleaseFile:
    """One generated file and whether the committed copy matches the source."""

    path: Path
    content: bytes
    up_to_date: bool


def release_files(project: ProjectFiles) -> list[ReleaseFile]:
    """The release files the source produces, compared with those on disk."""
    triples = parse_triples(project.ontology_source)
    files = []
    for name, format_name in RELEASE_FORMATS.items():
        path = project.ontology_dir / name
        content = serialize_triples(triples, format_name, header=GENERATED_NOTE)
        current = path.read_bytes() if path.is_file() else None
        files.append(ReleaseFile(path, content, current == content))
    return files


def write_release_files(project: ProjectFiles) -> list[ReleaseFile]:
    """Write the release files that are out of date; return all of them."""
    files = release_files(project)
    for release in files:
        if not release.up_to_date:
            release.path.write_bytes(release.content)
    return files

"""``mlopskg release X.Y.Z``: stamp the version, write the release files, the documentation
page and the term changes, after the checks pass.

The version stamps are edited in place in ``ontology/mlopskg-edit.ttl`` (only the
``owl:versionIRI``, ``owl:versionInfo`` and ``dcterms:modified`` lines), so the hand-edited
file keeps its comments and layout.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from mlopskg.errors import MlopsKGError
from mlopskg.graph.build import build_graph
from mlopskg.graph.loading import parse_triples
from mlopskg.namespaces import ONTOLOGY_IRI
from mlopskg.ontology_tools.documentation import (
    ONTOLOGY_NS,
    TERMS_QUERY,
    render_terms,
    standalone_page,
)
from mlopskg.ontology_tools.files import write_release_files
from mlopskg.ontology_tools.quality import run_checks
from mlopskg.ontology_tools.reasoning import java_available
from mlopskg.resources import ProjectFiles

_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_DEPRECATED = "http://www.w3.org/2002/07/owl#deprecated"
_DECLARATIONS = {
    "http://www.w3.org/2002/07/owl#" + t
    for t in (
        "Class",
        "ObjectProperty",
        "DatatypeProperty",
        "AnnotationProperty",
        "NamedIndividual",
    )
}


class ReleaseRefused(MlopsKGError):
    """The release was refused: a bad version number, or checks that fail."""


@dataclass
class TermChanges:
    """Ontology terms added, deprecated and removed since the previous release, with labels."""

    added: dict[str, str] = field(default_factory=dict)
    deprecated: dict[str, str] = field(default_factory=dict)
    removed: dict[str, str] = field(default_factory=dict)

    def markdown(self) -> str:
        def listing(terms: dict[str, str]) -> str:
            return (
                ", ".join(
                    f"`mlo:{iri[len(ONTOLOGY_NS) :]}` ({label})"
                    for iri, label in sorted(terms.items())
                )
                or "none"
            )

        return f"- added: {listing(self.added)}\n- deprecated: {listing(self.deprecated)}\n- removed: {listing(self.removed)}\n"


def parse_version(text: str) -> tuple[int, int, int]:
    match = _VERSION.match(text)
    if not match:
        raise ReleaseRefused(f"version {text!r} is not of the form X.Y.Z")
    major, minor, patch = (int(g) for g in match.groups())
    return major, minor, patch


def _value(term: object) -> str:
    return str(getattr(term, "value", term))


def terms(path: Path) -> tuple[dict[str, str], set[str]]:
    """The declared mlo: terms of an ontology file with their labels, and the deprecated ones."""
    triples = [
        (_value(t.subject), t.predicate.value, _value(t.object)) for t in parse_triples(path)
    ]
    mine = {
        s
        for s, p, o in triples
        if p == _RDF_TYPE and o in _DECLARATIONS and s.startswith(ONTOLOGY_NS)
    }
    labels = {s: o for s, p, o in triples if p == _RDFS_LABEL and s in mine}
    deprecated = {s for s, p, o in triples if p == _DEPRECATED and o == "true"}
    return {iri: labels.get(iri, "") for iri in mine}, deprecated & mine


def term_changes(previous: Path, current: Path) -> TermChanges:
    before, before_deprecated = terms(previous) if previous.exists() else ({}, set())
    after, after_deprecated = terms(current)
    return TermChanges(
        added={iri: label for iri, label in after.items() if iri not in before},
        deprecated={iri: after[iri] for iri in after_deprecated - before_deprecated},
        removed={iri: label for iri, label in before.items() if iri not in after},
    )


def current_version(source: Path) -> str:
    match = re.search(r'owl:versionInfo\s+"([^"]+)"', source.read_text(encoding="utf-8"))
    return match.group(1) if match else "0.0.0"


def stamp(source: Path, version: str, day: datetime.date) -> None:
    """Write the version IRI, version info and modified date into the source, in place."""
    text = source.read_text(encoding="utf-8")
    replacements = [
        (
            r"owl:versionIRI\s+<https://w3id\.org/mlopskg/ontology/[^>]*>",
            f"owl:versionIRI <https://w3id.org/mlopskg/ontology/{version}>",
        ),
        (r'owl:versionInfo\s+"[^"]*"', f'owl:versionInfo "{version}"'),
        (r'dcterms:modified\s+"[^"]*"', f'dcterms:modified "{day.isoformat()}"'),
    ]
    for pattern, replacement in replacements:
        text, count = re.subn(pattern, replacement, text, count=1)
        if count != 1:
            raise ReleaseRefused(
                f"{source}: no {pattern.split(chr(92))[0]} line to stamp in the ontology header"
            )
    source.write_text(text, encoding="utf-8")


def documentation(project: ProjectFiles, version: str) -> str:
    """The self-contained HTML page of the ontology source."""
    store = ox.Store()
    graph = ox.NamedNode(ONTOLOGY_IRI)
    store.extend(
        ox.Quad(t.subject, t.predicate, t.object, graph)
        for t in parse_triples(project.ontology_source)
    )
    result = store.query(
        TERMS_QUERY, use_default_graph_as_union=True, substitutions={ox.Variable("ontology"): graph}
    )
    names = [v.value for v in result.variables]  # type: ignore[union-attr]
    rows = [{n: _value(row[n]) for n in names if row[n] is not None} for row in result]  # type: ignore[union-attr]
    intro = (
        f"<h1>mlopskg ontology {version}</h1><p>IRI <code>{ONTOLOGY_IRI}</code>, version "
        f"<code>{ONTOLOGY_IRI}/{version}</code>. Licence CC BY 4.0. Release files: mlopskg.ttl, mlopskg.owl "
        "(RDF/XML), mlopskg.jsonld, mlopskg.nt.</p>"
    )
    return standalone_page(
        f"mlopskg ontology {version}",
        render_terms(rows, lambda iri: "#" + iri.split("#", 1)[-1], intro),
    )


def release(project: ProjectFiles, version: str, day: datetime.date | None = None) -> TermChanges:
    """Check, stamp and write a release; raise ReleaseRefused (and write nothing) on failure."""
    day = day or datetime.date.today()
    wanted = parse_version(version)
    current = current_version(project.ontology_source)
    if wanted < parse_version(current):
        raise ReleaseRefused(
            f"version {version} is older than the ontology's current version {current}"
        )
    report = run_checks(project, build_graph(project, check=False).store, reasoner=java_available())
    if not report.ok:
        problems = [f"{v.check}: {v.term}: {v.problem}" for v in report.qc_violations]
        problems += [
            f"integrity: {p.focus_node}: {p.message}"
            for p in report.integrity_problems
            if p.severity == "Violation"
        ]
        if report.reasoner is not None and not report.reasoner.ok:
            problems.append(
                f"HermiT: consistent={report.reasoner.consistent}, unsatisfiable={report.reasoner.unsatisfiable_classes}"
            )
        raise ReleaseRefused(f"checks fail, nothing released: {'; '.join(problems[:5])}")
    changes = term_changes(project.ontology_dir / "mlopskg.ttl", project.ontology_source)
    stamp(project.ontology_source, version, day)
    write_release_files(project)
    docs = project.root / "docs" / "ontology"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.html").write_text(documentation(project, version), encoding="utf-8")
    changelog = project.root / "CHANGELOG.md"
    entry = f"## Ontology {version} ({day.isoformat()})\n\nTerm changes since the previous release files:\n\n{changes.markdown()}\n"
    text = changelog.read_text(encoding="utf-8") if changelog.exists() else "# Changelog\n\n"
    marker = "\n## "
    position = text.find(marker)
    text = (
        text[: position + 1] + entry + text[position + 1 :]
        if position >= 0
        else text + "\n" + entry
    )
    changelog.write_text(text, encoding="utf-8")
    return changes

"""Fixtures of the scan tests: a signature index built from a small fixture graph, and a
helper that writes a repository tree from a dict of texts."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from mlopskg.graph.build import build_graph
from mlopskg.resources import ProjectFiles
from mlopskg.scan import ScanResult, SignatureIndex, load_signatures, scan
from mlopskg.scan.model import Evidence

HERE = Path(__file__).resolve().parent
TOOL = "https://w3id.org/mlopskg/resource/tool/"
MLO = "https://w3id.org/mlopskg/ontology#"


@pytest.fixture(scope="session")
def index(project: ProjectFiles) -> SignatureIndex:
    store = build_graph(project, data_files=[HERE / "signatures.ttl"], check=False).store
    return load_signatures(store, project.queries_dir)


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Write files (paths relative to root, texts dedented) and return the root."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def scan_files(tmp_path: Path, index: SignatureIndex, files: dict[str, str]) -> ScanResult:
    root = write_tree(tmp_path / "repo", files)
    return scan([root], index)


def all_evidence(result: ScanResult) -> list[Evidence]:
    found = [e for c in result.components for e in c.evidence]
    found += [e for s in result.sightings for e in s.evidence]
    return found


def tools_found(result: ScanResult) -> set[str]:
    """Tool slugs of components and sightings."""
    tools = {c.tool for c in result.components} | {s.tool for s in result.sightings}
    return {t.removeprefix(TOOL) for t in tools}


def kinds_of(result: ScanResult, tool: str) -> set[str]:
    """Kind local names assigned to a tool (slug)."""
    return {c.kind.removeprefix(MLO) for c in result.components if c.tool == TOOL + tool}


def hits(result: ScanResult, tool: str) -> set[tuple[str, int | None, str, str]]:
    """(file, line, matched text, detector) of every piece of evidence for a tool."""
    return {
        (e.file, e.line, e.matched_text, e.detector)
        for e in all_evidence(result)
        if e.tool == TOOL + tool
    }

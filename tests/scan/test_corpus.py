"""Every fixture of the labelled corpus (benchmarks/scan-corpus/) scans to its labelled tools
and kinds, except the differences listed here, each with the reason (benchmarks/README.md
has the same per fixture)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlopskg.scan import SignatureIndex, load_signatures, scan
from mlopskg.stores.embedded import EmbeddedStore
from tests.conftest import ROOT, rows

CORPUS = ROOT / "benchmarks" / "scan-corpus"
LABELS = json.loads((CORPUS / "labels.json").read_text())["fixtures"]
MLO = "https://w3id.org/mlopskg/ontology#"
TOOL = "https://w3id.org/mlopskg/resource/tool/"

#: (fixture, "tool" or "kind", "missed" or "extra", slug or kind) -> why
KNOWN = {
    ("azure-ml", "tool", "missed", "azure-blob-storage"): "only azurerm_storage_account shows it, "
    "which also holds files, queues and tables: no signature of Blob Storage alone",
    ("azure-ml", "kind", "missed", "DataStore"): "the same storage account",
    ("feast-feature-repo", "kind", "extra", "DataStore"): "Redis serves as Feast's online store; "
    "the catalogue knows Redis only as a data store",
    ("monorepo", "kind", "extra", "DataStore"): "Amazon RDS behind MLflow: the catalogue knows "
    "RDS only as a data store, the labels give a database behind a tool no kind",
}


@pytest.fixture(scope="module")
def signatures(graph: EmbeddedStore) -> SignatureIndex:
    return load_signatures(graph)


@pytest.fixture(scope="module")
def ancestors(graph: EmbeddedStore) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for row in rows(
        graph, "SELECT ?k ?up WHERE { ?k rdfs:subClassOf ?up . ?up rdfs:subClassOf mlo:Component }"
    ):
        found.setdefault(row["k"], set()).add(row["up"])
    return found


def differences(
    expected: set[str], found: set[str], fixture: str, what: str
) -> set[tuple[str, ...]]:
    return {(fixture, what, "missed", x) for x in expected - found} | {
        (fixture, what, "extra", x) for x in found - expected
    }


@pytest.mark.parametrize("fixture", sorted(LABELS))
def test_fixture_scans_to_its_labels(
    fixture: str, signatures: SignatureIndex, ancestors: dict[str, set[str]]
) -> None:
    label = LABELS[fixture]
    result = scan([CORPUS / fixture], signatures)
    optional = set(label.get("optional_tools", {}))
    tools = {c.tool for c in result.components} | {s.tool for s in result.sightings}
    found_tools = {t.removeprefix(TOOL) for t in tools} - optional
    expected_kinds = {k for t in label["tools"].values() for k in t["kinds"]}
    found_kinds = set()
    for component in result.components:
        if component.tool.removeprefix(TOOL) in optional:
            continue
        lifted = {component.kind} | ancestors.get(component.kind, set())
        named = {k.removeprefix(MLO) for k in lifted}
        found_kinds |= (named & expected_kinds) or {component.kind.removeprefix(MLO)}
    found = differences(set(label["tools"]), found_tools, fixture, "tool") | differences(
        expected_kinds, found_kinds, fixture, "kind"
    )
    assert found == {key for key in KNOWN if key[0] == fixture}


def test_every_known_difference_names_a_fixture() -> None:
    assert {key[0] for key in KNOWN} <= set(LABELS)
    assert all(Path(CORPUS / key[0]).is_dir() for key in KNOWN)

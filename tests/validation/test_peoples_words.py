"""No internal identifier in the human reports (issue 17, item 2): every example of
examples/ and a scanned fixture, rendered as text and HTML, name things by label and source."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from mlopskg.resources import ProjectFiles
from mlopskg.scan import load_signatures, scan
from mlopskg.scan.gaps import validate_scan
from mlopskg.stores.embedded import EmbeddedStore
from mlopskg.validation.render import render
from mlopskg.validation.report import ValidationOutcome
from mlopskg.validation.validator import Validator
from tests.conftest import ROOT
from tests.validation.conftest import example

EXAMPLES = sorted(path.stem for path in (ROOT / "examples").glob("*.ttl"))
SCANNED = ROOT / "benchmarks" / "scan-corpus" / "mlflow-dvc-github-actions"
SLUG = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b")
IRI = re.compile(r"\bhttps?://\S+")
WORD = re.compile(r"\b[A-Za-z][A-Za-z0-9]*\b")


class _VisibleText(HTMLParser):
    """The text a reader sees: no tags, attributes (links), styles or diagrams."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"style", "svg", "script"}:
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"style", "svg", "script"}:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible(page: str) -> str:
    parser = _VisibleText()
    parser.feed(page)
    return "\n".join(parser.parts)


def identifiers(outcome: ValidationOutcome) -> tuple[set[str], set[str]]:
    """The hyphenated slugs of IRIs the report links to, and the local names of mlo: IRIs."""
    iris = set(outcome.labels)
    for report in outcome.reports:
        for result in report.results:
            iris |= {result.focus_node, result.shape, result.flow or "", result.value or ""}
            iris |= {*result.requirements, *result.sources, *result.suggested_tools}
            iris |= {*result.flow_from, *result.flow_to, *result.addressed_by}
        for estimate in report.maturity:
            iris |= {estimate.level_iri, estimate.next_level or "", *estimate.missing_flows}
            iris |= set(estimate.missing_kinds)
        for component in report.components:
            iris |= {component.iri, *component.kinds, *component.tools}
    names = {re.split(r"[/#]", iri)[-1] for iri in iris if iri}
    slugs = {name for name in names if SLUG.fullmatch(name)}
    mlo = {
        re.split(r"[/#]", iri)[-1]
        for iri in iris
        if iri.startswith("https://w3id.org/mlopskg/ontology#")
    }
    # a local name that is also a plain English word is not a leak ("Flow", "Tool")
    camel = {name for name in mlo if re.search(r"[a-z][A-Z]", name)}
    return slugs, camel


def leaks(text: str, outcome: ValidationOutcome) -> list[str]:
    slugs, camel = identifiers(outcome)
    found = [f"slug {s}" for s in SLUG.findall(text) if s in slugs]
    found += [f"ontology name {w}" for w in WORD.findall(text) if w in camel]
    found += [f"IRI {iri}" for iri in IRI.findall(text)]
    return sorted(set(found))


@pytest.fixture(scope="module")
def scanned(graph: EmbeddedStore, validator: Validator):  # type: ignore[no-untyped-def]
    return validate_scan(scan([SCANNED], load_signatures(graph)), validator)


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_reports_name_things_in_peoples_words(
    name: str, project: ProjectFiles, graph: EmbeddedStore, validator: Validator
) -> None:
    outcome = validator.validate(example(project, name))
    assert leaks(render(outcome, "text"), outcome) == []
    assert leaks(visible(render(outcome, "html", store=graph)), outcome) == []


def test_scanned_report_names_things_in_peoples_words(scanned, graph: EmbeddedStore) -> None:  # type: ignore[no-untyped-def]
    assert leaks(scanned.render("text"), scanned.outcome) == []
    assert leaks(visible(scanned.render("html", store=graph)), scanned.outcome) == []


def test_the_check_finds_a_leak(project: ProjectFiles, validator: Validator) -> None:
    """The check itself bites: a slug, a CamelCase ontology name and an IRI are caught."""
    outcome = validator.validate(example(project, EXAMPLES[0]))
    flow = "https://w3id.org/mlopskg/resource/flow/kumara-2025-training-pipeline-to-metadata-store"
    outcome.labels.setdefault(flow, "training pipeline writes metadata to metadata store")
    outcome.labels.setdefault("https://w3id.org/mlopskg/ontology#ModelRegistry", "model registry")
    text = f"connect kumara-2025-training-pipeline-to-metadata-store; add ModelRegistry <{flow}>"
    assert len(leaks(text, outcome)) == 3


def test_visible_text_skips_links_and_diagrams() -> None:
    page = '<p><a href="https://x.org/a-b-c">A</a><svg><text>a-b-c</text></svg></p>'
    assert visible(page).strip() == "A"

"""Markdown output (issue 17, item 4): summary first, details in collapsible sections, read
back by a Markdown parser: headings, tables and balanced <details> blocks."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from mlopskg.resources import ProjectFiles
from mlopskg.scan import load_signatures, scan
from mlopskg.scan.gaps import validate_scan
from mlopskg.stores.embedded import EmbeddedStore
from mlopskg.validation.markdown_report import md
from mlopskg.validation.render import render
from mlopskg.validation.validator import Validator
from tests.conftest import ROOT
from tests.validation.conftest import example

EXAMPLES = sorted(path.stem for path in (ROOT / "examples").glob("*.ttl"))
SCANNED = ROOT / "benchmarks" / "scan-corpus" / "mlflow-dvc-github-actions"


def parse(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(text)


def headings(tokens: list[Token]) -> list[tuple[str, str]]:
    return [
        (token.tag, tokens[i + 1].content)
        for i, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


def details_balance(tokens: list[Token]) -> list[str]:
    """The <details> and </details> tags, in order, found in the parsed HTML blocks."""
    tags = []
    for token in tokens:
        if token.type in {"html_block", "html_inline"}:
            for line in token.content.splitlines():
                if line.strip() in {"<details>", "</details>"}:
                    tags.append(line.strip())
                elif line.strip().startswith("<summary>"):
                    assert line.strip().endswith("</summary>"), line
                    tags.append("<summary>")
    return tags


def check_well_formed(text: str) -> list[Token]:
    tokens = parse(text)
    found = headings(tokens)
    assert found[0][0] == "h2"
    assert ("h3", "Maturity (estimated from the components and flows present)") in found
    tables = [t for t in tokens if t.type == "table_open"]
    assert tables, "the coverage table"
    header = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "th_open"]
    assert header[:3] == ["coverage", "present", "expected"]
    tags = details_balance(tokens)
    depth = 0
    for position, tag in enumerate(tags):
        if tag == "<details>":
            depth += 1
            assert depth == 1, "details are not nested"
            assert tags[position + 1] == "<summary>"
        elif tag == "</details>":
            depth -= 1
            assert depth == 0
    assert depth == 0
    return tokens


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_renders_as_well_formed_markdown(
    name: str, project: ProjectFiles, validator: Validator
) -> None:
    outcome = validator.validate(example(project, name))
    text = render(outcome, "markdown")
    tokens = check_well_formed(text)
    report = outcome.reports[0]
    found = headings(tokens)
    assert found[0] == ("h2", report.label)
    if report.results:
        assert text.count("<details>") >= 1
        moves = text.index("### Next moves")
        assert moves < text.index("<details>")  # summary first
    summary = render(outcome, "markdown", detail="summary")
    assert "<details>" not in summary and summary.strip() in text


def test_scanned_report_renders_as_markdown(graph: EmbeddedStore, validator: Validator) -> None:
    report = validate_scan(scan([SCANNED], load_signatures(graph)), validator)
    text = report.render("markdown")
    tokens = check_well_formed(text)
    assert "<summary>Found in the files (" in text
    rows = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "td_open"]
    assert "MLflow" in rows


def test_markup_in_labels_is_escaped() -> None:
    tokens = parse("- " + md("a | b_c_ *d* <e>"))
    inline = next(t for t in tokens if t.type == "inline")
    assert [child.type for child in inline.children or []] == ["text"]
    assert inline.children and inline.children[0].content == "a | b_c_ *d* <e>"

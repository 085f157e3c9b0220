"""``mlopskg scan``: a repository's MLOps architecture, read from its files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from mlopskg.cli.context import (
    EXIT_OK,
    EXIT_VIOLATIONS,
    open_knowledge_graph,
    output_option,
    project,
    remote_options,
    write_text,
)
from mlopskg.cli.planning import constraint_options, constraints_from, plan_section
from mlopskg.errors import InputFileError, Location

DESCRIPTION_FORMATS = ("turtle", "jsonld", "json", "text")
REPORT_FORMATS = ("text", "json", "turtle", "html", "sarif")


def _baseline(path: Path) -> dict[str, Any] | list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputFileError(
            Location(path), f"cannot read the baseline: {error.strerror or error}"
        ) from None
    except json.JSONDecodeError as error:
        raise InputFileError(
            Location(path, error.lineno, error.colno), f"not JSON: {error.msg}"
        ) from None
    if not isinstance(data, dict | list):
        raise InputFileError(Location(path), "not a JSON report (an object or a list of them)")
    return data


@click.command("scan")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted({*DESCRIPTION_FORMATS, *REPORT_FORMATS})),
    help="Without --validate: the description as turtle (default), jsonld, json or text. "
    "With --validate: the gap report as text (default), json, turtle, html or sarif "
    "(sarif implies --validate).",
)
@click.option(
    "--validate", "validate_", is_flag=True, help="Validate what was found: the gap report."
)
@click.option(
    "--plan",
    "with_plan",
    is_flag=True,
    help="With --validate: add the tool plan that fills the gaps.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["violation", "warning"]),
    default="violation",
    show_default=True,
    help="With --validate: exit 1 when a result is at least this severe.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A JSON report of an earlier scan: exit 1 only for findings it does not hold.",
)
@click.option("--base-iri", help="The IRI the description's resources are named under.")
@constraint_options
@output_option("File to write the result to (default: stdout).")
@remote_options
@click.pass_context
def scan_command(
    ctx: click.Context,
    /,
    paths: tuple[Path, ...],
    fmt: str | None,
    validate_: bool,
    with_plan: bool,
    fail_on: str,
    baseline: Path | None,
    base_iri: str | None,
    output: Path | None,
    **constraints: object,
) -> None:
    """Read the MLOps architecture of repositories (PATHS: folders, .zip or .tar.gz archives;
    several merge into one architecture) from their files: dependencies, imports, container,
    Kubernetes, Helm, Terraform, CloudFormation, CI and ML tool configuration. Nothing is
    run and nothing is fetched. Exit 0; with --validate, 1 when the result does not conform
    (with --baseline: when it has findings the baseline does not hold), 2 on bad input."""
    from mlopskg.scan import load_signatures, scan
    from mlopskg.scan.baseline import new_findings
    from mlopskg.scan.gaps import validate_scan
    from mlopskg.validation.validator import Validator

    validate_ = validate_ or fmt == "sarif" or with_plan or baseline is not None
    if not validate_ and fmt in {"html", "sarif"}:
        raise click.UsageError(f"--format {fmt} needs --validate")
    if validate_ and fmt in {"jsonld"}:
        raise click.UsageError("--format jsonld is a description format: drop --validate")
    store = open_knowledge_graph(ctx)
    result = scan(list(paths), load_signatures(store))
    if not validate_:
        chosen = fmt or "turtle"
        text = {
            "turtle": lambda: result.to_turtle(base_iri),
            "jsonld": lambda: result.to_jsonld(base_iri),
            "json": result.to_json_text,
            "text": result.to_text,
        }[chosen]()
        write_text(text, output)
        ctx.exit(EXIT_OK)
    report = validate_scan(result, Validator.for_project(project(ctx), store), fail_on=fail_on)
    chosen = fmt or "text"
    text = report.render(chosen, store=store)
    if with_plan and chosen in {"text", "html", "json"}:
        data = report.report_json()
        text = plan_section(store, data, constraints_from(constraints), chosen, text)
    write_text(text, output)
    if baseline is not None:
        wanted = {"Violation"} if fail_on == "violation" else {"Violation", "Warning"}
        fresh = [
            r
            for r in new_findings(report.report_json(), _baseline(baseline))
            if r.get("severity") in wanted
        ]
        ctx.exit(EXIT_VIOLATIONS if fresh else EXIT_OK)
    ctx.exit(EXIT_OK if report.conforms else EXIT_VIOLATIONS)

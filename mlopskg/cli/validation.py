"""Commands on architecture descriptions: validate them; generate the reference shapes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mlopskg.cli.context import (
    EXIT_OK,
    EXIT_VIOLATIONS,
    check_option,
    fail_on_option,
    open_knowledge_graph,
    output_option,
    project,
    remote_options,
    report_generated,
    write_text,
)


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "turtle", "html"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@fail_on_option()
@output_option("File to write the report to (default: stdout).")
@remote_options
@click.pass_context
def validate(
    ctx: click.Context,
    files: tuple[str, ...],
    fmt: str,
    fail_on: str,
    output: Path | None,
) -> None:
    """Validate architecture descriptions (FILES: Turtle, N-Triples, RDF/XML or JSON-LD;
    - for Turtle on standard input) against the reference architecture. The files are
    merged; each mlo:ArchitectureDescription in them gets a report. Exit 0 if every
    description conforms, 1 if not, 2 on unreadable input."""
    from mlopskg.validation.inputs import read_files
    from mlopskg.validation.render import render
    from mlopskg.validation.validator import Validator

    stdin = sys.stdin.buffer.read() if "-" in files else None
    description = read_files(files, stdin=stdin)
    store = open_knowledge_graph(ctx)
    outcome = Validator.for_project(project(ctx), store).validate(description, fail_on=fail_on)
    write_text(render(outcome, fmt, store=store), output)
    ctx.exit(EXIT_OK if outcome.conforms else EXIT_VIOLATIONS)


@click.command("shapes")
@check_option("shapes/architecture/reference.ttl is")
@click.pass_context
def shapes_command(ctx: click.Context, check_only: bool) -> None:
    """Generate shapes/architecture/reference.ttl from the knowledge graph's data."""
    from mlopskg.validation.rules import read_rules
    from mlopskg.validation.shapes import reference_shapes

    target = project(ctx).shapes_dir / "architecture" / "reference.ttl"
    text = reference_shapes(read_rules(open_knowledge_graph(ctx)))
    current = target.read_text(encoding="utf-8") if target.is_file() else ""
    if check_only:
        report_generated(ctx, [(target, current == text)], stale="OUT OF DATE")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    shapes = text.count(" a sh:NodeShape") + text.count(" a sh:PropertyShape")
    click.echo(f"wrote {target} ({shapes} shapes)")

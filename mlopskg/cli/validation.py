"""Commands on architecture descriptions: validate them; generate the reference shapes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mlopskg.cli.context import (
    EXIT_OK,
    EXIT_VIOLATIONS,
    OptionDecorator,
    check_option,
    fail_on_option,
    open_knowledge_graph,
    output_option,
    project,
    remote_options,
    report_generated,
    write_text,
)


def policy_option(prefix: str = "") -> OptionDecorator:
    """``--policy NAME|FILE``: an organisation's policy over the default severities."""
    return click.option(
        "--policy",
        "policy_name",
        metavar="NAME|FILE",
        default=None,
        help=f"{prefix}The organisation's policy: a built-in profile of policies/ "
        "(batch-only, online-serving, regulated) or a .ttl or .yaml policy file.",
    )


def load_policy(ctx: click.Context, policy_name: str | None) -> Policy | None:
    """The policy the option names (None without the option); an unreadable one exits 2."""
    if policy_name is None:
        return None
    from mlopskg.validation.org_policy import find_policy

    return find_policy(project(ctx).root, policy_name)


if TYPE_CHECKING:
    from mlopskg.validation.org_policy import Policy


detail_option = click.option(
    "--detail",
    type=click.Choice(["summary", "full"]),
    default=None,
    help="Text, HTML and Markdown: the one-screen summary alone, or followed by the details "
    "by block of the reference architecture (default: summary on a terminal, full otherwise "
    "and in files).",
)


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "turtle", "html", "markdown"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@detail_option
@policy_option()
@fail_on_option()
@output_option("File to write the report to (default: stdout).")
@remote_options
@click.pass_context
def validate(
    ctx: click.Context,
    files: tuple[str, ...],
    fmt: str,
    detail: str | None,
    policy_name: str | None,
    fail_on: str,
    output: Path | None,
) -> None:
    """Validate architecture descriptions (FILES: Turtle, N-Triples, RDF/XML or JSON-LD;
    - for Turtle on standard input) against the reference architecture. The files are
    merged; each mlo:ArchitectureDescription in them gets a report. Exit 0 if every
    description conforms, 1 if not, 2 on unreadable input."""
    from mlopskg.validation.inputs import read_files
    from mlopskg.validation.policy_apply import apply_policy
    from mlopskg.validation.render import render
    from mlopskg.validation.validator import Validator

    policy = load_policy(ctx, policy_name)
    stdin = sys.stdin.buffer.read() if "-" in files else None
    description = read_files(files, stdin=stdin)
    store = open_knowledge_graph(ctx)
    outcome = Validator.for_project(project(ctx), store).validate(description, fail_on=fail_on)
    outcome = apply_policy(outcome, policy)
    chosen = detail or default_detail(output)
    write_text(render(outcome, fmt, store=store, detail=chosen), output)
    ctx.exit(EXIT_OK if outcome.conforms else EXIT_VIOLATIONS)


def default_detail(output: Path | None) -> str:
    """The summary alone when the report goes to a terminal; the full report otherwise."""
    return "summary" if output is None and sys.stdout.isatty() else "full"


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

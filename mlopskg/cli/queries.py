"""Commands on the curated queries: list them, run one."""

from __future__ import annotations

import json
import sys

import click

from mlopskg.cli.context import open_knowledge_graph, print_table, project, remote_options


@click.command("queries")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_context
def list_queries(ctx: click.Context, fmt: str) -> None:
    """List the curated queries with their parameters."""
    from mlopskg.queries.library import load_queries

    library = load_queries(project(ctx).queries_dir)
    if fmt == "json":
        click.echo(json.dumps([q.describe() for q in library.values()], indent=2))
        return
    rows = [q.summary_row() for q in library.values()]
    print_table(["name", "title", "parameters (default)"], rows)


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.UsageError(f"--param {item!r}: expected name=value")
        params[name.strip()] = value
    return params


@click.command()
@click.argument("name")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A query parameter (repeatable).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "tsv", "xml"]),
    default="table",
    show_default=True,
)
@remote_options
@click.pass_context
def query(ctx: click.Context, name: str, params: tuple[str, ...], fmt: str) -> None:
    """Run a curated query by NAME, or any SPARQL file NAME.rq."""
    from mlopskg.queries.library import find_query, run_query
    from mlopskg.queries.results import serialize, to_table

    curated = find_query(name, project(ctx).queries_dir)
    values = _parse_params(params)
    result = run_query(open_knowledge_graph(ctx), curated, values)
    if fmt == "table":
        table = to_table(result)
        print_table(table.variables, table.rows, title=curated.title)
        click.echo(f"{len(table.rows)} row(s)", err=True)
    else:
        sys.stdout.buffer.write(serialize(result, fmt))

"""Commands on the knowledge graph itself: build, stats, export, check."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from mlopskg.cli.context import (
    EXIT_OK,
    EXIT_VIOLATIONS,
    console,
    open_built_graph,
    open_knowledge_graph,
    output_option,
    print_table,
    project,
    status,
    store_path,
)


@click.command()
@click.option("--no-check", is_flag=True, help="Skip the integrity shapes (faster, for drafts).")
@click.pass_context
def build(ctx: click.Context, no_check: bool) -> None:
    """Build the graph: ontology and data into named graphs, inferences, integrity check."""
    from mlopskg.graph.build import build_graph, save_build

    files = project(ctx)
    path = store_path(ctx, files)
    with status("building the knowledge graph…"):
        result = build_graph(files, check=not no_check)
        save_build(result, path)
    click.echo(
        f"built {len(result.store)} quads in {result.graph_count} named graphs"
        f" ({result.inferred_quads} inferred) in {result.seconds:.2f} s -> {path}"
    )


@click.command()
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_context
def stats(ctx: click.Context, fmt: str) -> None:
    """Counts by class, by source and by evidence status."""
    from mlopskg.graph.stats import graph_stats

    figures = graph_stats(open_knowledge_graph(ctx))
    if fmt == "json":
        click.echo(json.dumps(asdict(figures), indent=2))
        return
    for section in figures.sections():
        if section.columns:
            print_table(section.columns, section.rows, title=section.title)
        else:
            console().print(section.text)


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ttl", "nt", "owl", "jsonld", "nq", "trig"]),
    default="ttl",
    show_default=True,
    help="owl is RDF/XML; nq and trig keep one named graph per finding.",
)
@output_option("File to write (default: stdout).")
@click.option("--no-inferred", is_flag=True, help="Leave out the inferred statements.")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None, no_inferred: bool) -> None:
    """Export the whole graph, ontology included."""
    from mlopskg.graph.export import export_graph, write_export

    write_export(export_graph(open_built_graph(ctx), fmt, inferred=not no_inferred), output)


@click.command()
@click.option("--no-reasoner", is_flag=True, help="Skip the HermiT reasoner (no Java needed).")
@click.pass_context
def check(ctx: click.Context, no_reasoner: bool) -> None:
    """Quality checks: *-violation.rq queries, integrity shapes, HermiT. Exit 1 on violations."""
    from mlopskg.graph.build import build_graph
    from mlopskg.ontology_tools.quality import run_checks

    files = project(ctx)
    store = build_graph(files, check=False).store
    with status("checking…"):
        report = run_checks(files, store, reasoner=not no_reasoner)
    for line in report.lines():
        click.echo(line)
    ctx.exit(EXIT_OK if report.ok else EXIT_VIOLATIONS)

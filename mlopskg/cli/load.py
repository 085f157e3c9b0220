"""``mlopskg load``: push the built graph to a remote SPARQL 1.1 store."""

from __future__ import annotations

import click

from mlopskg.cli.context import (
    console,
    count_option,
    project,
    remote_options,
    store_config,
    store_path,
)


@click.command("load")
@remote_options
@click.option(
    "--graph-prefix",
    help="Name the loaded graphs PREFIX<name> instead of the build's graph IRIs "
    "(the provenance queries expect the build's names).",
)
@click.option(
    "--protocol",
    type=click.Choice(["auto", "gsp", "update"]),
    default="auto",
    show_default=True,
    help="How the staging graphs are written: gsp, a PUT of each graph through the SPARQL "
    "1.1 Graph Store HTTP Protocol; update, SPARQL Update INSERT requests; auto, gsp where "
    "a probe finds the store's Graph Store endpoint, else update.",
)
@click.option(
    "--graph-store",
    metavar="URL",
    envvar="MLOPSKG_GRAPH_STORE",
    help="The store's Graph Store Protocol endpoint (default: the one beside the update "
    "endpoint on Virtuoso, /sparql-graph-crud-auth, and Oxigraph server, /store).",
)
@count_option(
    "--batch-size",
    1,
    4000,
    2000,
    "Triples per INSERT request with SPARQL Update (Virtuoso refuses requests of about 5,000).",
)
@count_option(
    "--parallel",
    1,
    16,
    1,
    "Requests sent at a time while staging (the swap runs one at a time).",
)
@click.pass_context
def load_command(
    ctx: click.Context,
    graph_prefix: str | None,
    protocol: str,
    graph_store: str | None,
    batch_size: int,
    parallel: int,
) -> None:
    """Push the built graph to a SPARQL 1.1 store (--endpoint, --update-endpoint), one named
    graph per source file, through staging graphs written with the Graph Store Protocol or
    SPARQL Update; loading again replaces, and the sizes are checked at the end."""
    from rich.progress import Progress

    from mlopskg.graph.opening import open_built
    from mlopskg.stores.config import StoreConfig, open_remote
    from mlopskg.stores.graph_store import choose_graph_store
    from mlopskg.stores.load import load, total_triples

    target = store_config(ctx)
    if not target.is_remote or not target.update_endpoint:
        raise click.UsageError("load needs --endpoint URL and --update-endpoint URL")
    files = project(ctx)
    built = open_built(StoreConfig(path=store_path(ctx, files)), files)
    remote = open_remote(target)
    choice = choose_graph_store(remote, protocol, graph_store)
    with Progress(console=console(stderr=True), transient=True) as progress:
        task = progress.add_task("loading", total=total_triples(built))
        report = load(
            built,
            remote,
            prefix=graph_prefix,
            batch_size=batch_size,
            parallel=parallel,
            progress=lambda n: progress.advance(task, n),
            graph_store=choice.graph_store,
        )
    replaced = len(report.graphs) - len(report.new)
    click.echo(
        f"loaded {sum(report.graphs.values())} triples in {len(report.graphs)} graphs "
        f"({len(report.new)} new, {replaced} replaced through staging graphs; "
        f"{report.batches} requests; {choice.reason}) into {remote.endpoint}; sizes checked"
        + (
            f"; dropped {len(report.dropped)} graph(s) no longer in the build"
            if report.dropped
            else ""
        )
    )

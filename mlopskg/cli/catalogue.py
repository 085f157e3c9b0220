"""``mlopskg catalogue``: maintaining the tool catalogue (reads the package registry)."""

from __future__ import annotations

from pathlib import Path

import click

from mlopskg.cli.context import EXIT_OK, EXIT_VIOLATIONS, project, status


@click.group("catalogue")
def catalogue() -> None:
    """Maintain the tool catalogue."""


@catalogue.command("refresh")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The snapshot to write (default: data/catalogue/pypi-snapshot.ttl).",
)
@click.option("--workers", type=click.IntRange(1, 32), default=8, show_default=True)
@click.pass_context
def refresh_command(ctx: click.Context, output: Path | None, workers: int) -> None:
    """Read each tool's Python packages from PyPI (latest release and its date, licence,
    homepage) and write them as a dated finding; the build stays offline and loads the
    committed snapshot. Exit 1 when the registry does not know a package."""
    from mlopskg.catalogue.refresh import (
        ADDRESSES_QUERY,
        PACKAGES_QUERY,
        refresh,
        tool_packages,
        write_snapshot,
    )
    from mlopskg.graph.build import build_graph
    from mlopskg.validation.terms import rows

    files = project(ctx)
    target = output or files.data_dir / "catalogue" / "pypi-snapshot.ttl"
    # The graph without the snapshot being replaced (which may be the reason for a refresh).
    sources = [f for f in files.data_files() if f.resolve() != target.resolve()]
    with status("building the graph without the old snapshot"):
        store = build_graph(files, data_files=sources, check=False).store
    names = ["tool", "label", "package", "client", "homepage", "commercial"]
    tools = tool_packages(dict(zip(names, row, strict=True)) for row in rows(store, PACKAGES_QUERY))
    with status(
        f"reading PyPI for {sum(len(t.products) + len(t.clients) for t in tools)} packages"
    ):
        result = refresh(tools, workers=workers)
    result.taken = {row[0] for row in rows(store, ADDRESSES_QUERY)}
    write_snapshot(result, target)
    click.echo(
        f"wrote {target}: {len(result.releases)} packages read, {len(result.failures)} unknown"
    )
    for package, why in sorted(result.failures.items()):
        click.echo(f"  {package}: {why}", err=True)
    ctx.exit(EXIT_VIOLATIONS if result.failures else EXIT_OK)

"""Commands on the ontology: its release files, and a release."""

from __future__ import annotations

import click

from mlopskg.cli.context import check_option, project, report_generated, status


@click.command()
@check_option("the release files are")
@click.pass_context
def ontology(ctx: click.Context, check_only: bool) -> None:
    """Write the ontology's release files (Turtle, RDF/XML, JSON-LD) from mlopskg-edit.ttl."""
    from mlopskg.ontology_tools.files import release_files, write_release_files

    if check_only:
        files = [(f.path, f.up_to_date) for f in release_files(project(ctx))]
        hint = "run `mlopskg ontology` (or `make ontology`) to regenerate them"
        report_generated(ctx, files, stale="out of date", hint=hint)
    for release in write_release_files(project(ctx)):
        click.echo(f"{release.path}: {'up to date' if release.up_to_date else 'written'}")


@click.command("release")
@click.argument("version")
@click.pass_context
def release_command(ctx: click.Context, version: str) -> None:
    """Release the ontology as VERSION (X.Y.Z): checks, version stamps, release files,
    docs/ontology/index.html and the term changes in CHANGELOG.md."""
    from mlopskg.ontology_tools.release import release

    with status("checking and releasing…"):
        changes = release(project(ctx), version)
    click.echo(
        f"released ontology {version}: {len(changes.added)} term(s) added, "
        f"{len(changes.deprecated)} deprecated, {len(changes.removed)} removed"
    )

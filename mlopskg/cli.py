"""The ``mlopskg`` command line: thin commands, each calling one library function.

Exit codes (see CONTRACT.md): 0 success, 1 a check found violations, 2 usage error,
unreadable or unparsable input, or an unreachable store. Errors are one line on stderr,
naming the file, line, query or URL; never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from mlopskg import __version__
from mlopskg.errors import MlopsKGError, OutputFileError

EXIT_OK, EXIT_VIOLATIONS, EXIT_USAGE = 0, 1, 2


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _project(ctx: click.Context) -> Any:
    from mlopskg.resources import project_files

    return project_files(ctx.obj.get("home"))


def _store_path(ctx: click.Context, project: Any) -> Path:
    from mlopskg.build import default_store_path

    path = ctx.obj.get("store")
    return Path(path) if path else default_store_path(project)


def _keep(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is not None and param.name:
        ctx.ensure_object(dict)[param.name] = value
    return value


def remote_options(command: Any) -> Any:
    """--endpoint and its credentials, on every command that can work on a remote store;
    the values land in ``ctx.obj`` (read by :func:`_remote`)."""
    options = [
        click.option(
            "--endpoint",
            envvar="MLOPSKG_ENDPOINT",
            expose_value=False,
            callback=_keep,
            help="A SPARQL 1.1 query endpoint to use instead of the embedded store.",
        ),
        click.option(
            "--update-endpoint",
            envvar="MLOPSKG_UPDATE_ENDPOINT",
            expose_value=False,
            callback=_keep,
            help="The store's SPARQL 1.1 update endpoint (for `load`).",
        ),
        click.option(
            "--user",
            envvar="MLOPSKG_USER",
            expose_value=False,
            callback=_keep,
            help="User name for the store.",
        ),
        click.option(
            "--password",
            envvar="MLOPSKG_PASSWORD",
            expose_value=False,
            callback=_keep,
            help="Password for the store (the token with --auth bearer).",
        ),
        click.option(
            "--auth",
            type=click.Choice(["basic", "digest", "bearer"]),
            envvar="MLOPSKG_AUTH",
            expose_value=False,
            callback=_keep,
            help="HTTP authentication scheme (default: basic).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _remote(ctx: click.Context) -> Any:
    """The remote store the options name, or None."""
    from mlopskg.remote import Credentials, RemoteStore

    endpoint = ctx.obj.get("endpoint")
    if not endpoint:
        return None
    scheme = ctx.obj.get("auth", "basic")
    password = ctx.obj.get("password")
    credentials = Credentials(
        user=ctx.obj.get("user"),
        password=password,
        scheme=scheme,
        token=password if scheme == "bearer" else None,
    )
    return RemoteStore(endpoint, ctx.obj.get("update_endpoint"), credentials)


def _open_store(ctx: click.Context) -> Any:
    """The remote store if --endpoint names one; else the built store if current, else a
    fresh in-memory build (saying so on stderr)."""
    from mlopskg.build import build_graph, is_current
    from mlopskg.store import EmbeddedStore

    remote = _remote(ctx)
    if remote is not None:
        return remote
    project = _project(ctx)
    path = _store_path(ctx, project)
    if path.exists() and is_current(path, project):
        return EmbeddedStore(path, read_only=True)
    note = "no built store" if not path.exists() else "the built store is out of date"
    with _console(stderr=True).status(f"{note}; building the graph in memory…"):
        return build_graph(project).store


def _table(
    variables: Sequence[str], rows: Sequence[Sequence[str]], title: str | None = None
) -> None:
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for variable in variables:
        table.add_column(variable, overflow="fold")
    for row in rows:
        table.add_row(*row)
    _console().print(table)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="mlopskg")
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="MLOPSKG_HOME",
    help="Folder with ontology/, data/, queries/ (default: this checkout or the installed copy).",
)
@click.option(
    "--store",
    type=click.Path(path_type=Path),
    envvar="MLOPSKG_STORE",
    help="Path of the embedded store (default: build/store in the project).",
)
@click.pass_context
def cli(ctx: click.Context, home: Path | None, store: Path | None) -> None:
    """mlopskg: a knowledge graph of MLOps requirements, reference architectures and tools."""
    ctx.ensure_object(dict)
    ctx.obj.update(home=home, store=store)


@cli.command()
@click.option("--no-check", is_flag=True, help="Skip the integrity shapes (faster, for drafts).")
@click.pass_context
def build(ctx: click.Context, no_check: bool) -> None:
    """Build the graph: ontology and data into named graphs, inferences, integrity check."""
    from mlopskg.build import build_graph, save_build

    project = _project(ctx)
    path = _store_path(ctx, project)
    with _console(stderr=True).status("building the knowledge graph…"):
        result = build_graph(project, check=not no_check)
        save_build(result, path)
    click.echo(
        f"built {len(result.store)} quads in {result.graph_count} named graphs"
        f" ({result.inferred_quads} inferred) in {result.seconds:.2f} s -> {path}"
    )


@cli.command("queries")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_context
def list_queries(ctx: click.Context, fmt: str) -> None:
    """List the curated queries with their parameters."""
    from mlopskg.queries import load_queries

    library = load_queries(_project(ctx).queries_dir)
    if fmt == "json":
        payload = [
            {
                "name": q.name,
                "title": q.title,
                "description": q.description,
                "parameters": [
                    {
                        "name": p.name,
                        "type": p.type,
                        "default": p.default,
                        "description": p.description,
                    }
                    for p in q.parameters
                ],
            }
            for q in library.values()
        ]
        click.echo(json.dumps(payload, indent=2))
        return
    rows = [
        [q.name, q.title, ", ".join(f"{p.name}={p.default or '?'}" for p in q.parameters)]
        for q in library.values()
    ]
    _table(["name", "title", "parameters (default)"], rows)


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.UsageError(f"--param {item!r}: expected name=value")
        params[name.strip()] = value
    return params


@cli.command()
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
    from mlopskg.queries import find_query, run_query
    from mlopskg.results import serialize, to_table

    curated = find_query(name, _project(ctx).queries_dir)
    values = _parse_params(params)
    store = _open_store(ctx)
    result = run_query(store, curated, values)
    if fmt == "table":
        table = to_table(result)
        _table(table.variables, table.rows, title=curated.title)
        click.echo(f"{len(table.rows)} row(s)", err=True)
    else:
        sys.stdout.buffer.write(serialize(result, fmt))


@cli.command()
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_context
def stats(ctx: click.Context, fmt: str) -> None:
    """Counts by class, by source and by evidence status."""
    from dataclasses import asdict

    from mlopskg.stats import graph_stats

    figures = graph_stats(_open_store(ctx))
    if fmt == "json":
        click.echo(json.dumps(asdict(figures), indent=2))
        return
    console = _console()
    console.print(f"[bold]{figures.quads}[/] quads in [bold]{figures.graphs}[/] named graphs")
    _table(
        ["class", "instances"], [[k, str(v)] for k, v in figures.by_class.items()], title="By class"
    )
    console.print(
        f"component kinds: {figures.component_kinds}; tools with at least one component kind:"
        f" {figures.tools_with_kinds} of {figures.by_class['tools']}"
    )
    console.print(
        f"requirements of Kumara et al. (2025): the paper states {figures.seed_requirements_stated};"
        f" texts loaded from data/kumara-2025/requirements.csv: {figures.seed_requirement_texts_loaded}"
    )
    _table(
        ["source", "statements"],
        [[k, str(v)] for k, v in figures.statements_by_source.items()],
        title="By source",
    )
    _table(
        ["evidence status", "statements"],
        [[k, str(v)] for k, v in figures.statements_by_status.items()],
        title="By status",
    )


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ttl", "nt", "owl", "jsonld", "nq", "trig"]),
    default="ttl",
    show_default=True,
    help="owl is RDF/XML; nq and trig keep one named graph per finding.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: stdout).",
)
@click.option("--no-inferred", is_flag=True, help="Leave out the inferred statements.")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None, no_inferred: bool) -> None:
    """Export the whole graph, ontology included."""
    from mlopskg.export import export_graph, write_export

    write_export(export_graph(_open_store(ctx), fmt, inferred=not no_inferred), output)


@cli.command()
@click.option("--no-reasoner", is_flag=True, help="Skip the HermiT reasoner (no Java needed).")
@click.pass_context
def check(ctx: click.Context, no_reasoner: bool) -> None:
    """Quality checks: *-violation.rq queries, integrity shapes, HermiT. Exit 1 on violations."""
    from mlopskg.build import build_graph
    from mlopskg.quality import run_checks

    project = _project(ctx)
    store = build_graph(project, check=False).store
    with _console(stderr=True).status("checking…"):
        report = run_checks(project, store, reasoner=not no_reasoner)
    for name in report.qc_checks:
        rows = [v for v in report.qc_violations if v.check == name]
        click.echo(
            f"{'ok  ' if not rows else 'FAIL'} {name}"
            + (f": {len(rows)} violation(s)" if rows else "")
        )
        for row in rows[:20]:
            click.echo(f"       {row.term}: {row.problem}")
    violations = [p for p in report.integrity_problems if p.severity == "Violation"]
    click.echo(
        f"{'ok  ' if not violations else 'FAIL'} integrity shapes"
        + (f": {len(violations)} violation(s)" if violations else "")
    )
    for problem in violations[:20]:
        click.echo(f"       {problem.focus_node}: {problem.message}")
    if report.reasoner is not None:
        r = report.reasoner
        state = "consistent" if r.consistent else f"INCONSISTENT ({r.detail})"
        unsat = (
            f"; unsatisfiable: {', '.join(r.unsatisfiable_classes)}"
            if r.unsatisfiable_classes
            else "; no unsatisfiable class"
        )
        click.echo(f"{'ok  ' if r.ok else 'FAIL'} HermiT: {state}{unsat}")
    ctx.exit(EXIT_OK if report.ok else EXIT_VIOLATIONS)


@cli.command()
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Only say whether the release files are up to date (exit 1 if not).",
)
@click.pass_context
def ontology(ctx: click.Context, check_only: bool) -> None:
    """Write the ontology's release files (Turtle, RDF/XML, JSON-LD) from mlopskg-edit.ttl."""
    from mlopskg.ontology_files import release_files, write_release_files

    project = _project(ctx)
    files = release_files(project) if check_only else write_release_files(project)
    stale = [f for f in files if not f.up_to_date]
    for release in files:
        state = "up to date" if release.up_to_date else ("out of date" if check_only else "written")
        click.echo(f"{release.path}: {state}")
    if check_only and stale:
        click.echo("run `mlopskg ontology` (or `make ontology`) to regenerate them", err=True)
        ctx.exit(EXIT_VIOLATIONS)


@cli.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on (0.0.0.0 for all).",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--store",
    "serve_store",
    type=click.Path(path_type=Path),
    help="On-disk store to serve (default: the built store, built now if missing or stale).",
)
@click.option("--workers", type=click.IntRange(1, 64), help="Query worker processes (default 4).")
@click.option(
    "--query-timeout",
    type=click.FloatRange(0.1, 3600),
    help="Seconds before a query is stopped (default 10).",
)
@click.option(
    "--max-result-bytes",
    type=click.IntRange(1),
    help="Largest result in one response, in bytes (default 20000000).",
)
@click.option("--allow-updates", is_flag=True, help="Accept SPARQL Update (needs --update-token).")
@click.option(
    "--update-token",
    envvar="MLOPSKG_UPDATE_TOKEN",
    help="Bearer token required for updates (or MLOPSKG_UPDATE_TOKEN).",
)
@remote_options
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    serve_store: Path | None,
    workers: int | None,
    query_timeout: float | None,
    max_result_bytes: int | None,
    allow_updates: bool,
    update_token: str | None,
) -> None:
    """Serve the SPARQL endpoint, the curated queries and the web page."""
    import uvicorn

    from mlopskg.api import ServerSettings, create_app
    from mlopskg.build import build_graph, is_current, save_build

    project = _project(ctx)
    path = serve_store or _store_path(ctx, project)
    remote_store = _remote(ctx)
    if remote_store is not None:
        if allow_updates:
            raise click.UsageError(
                "--allow-updates is for the embedded store; update the remote store directly"
            )
        remote_store.query("ASK { }")  # reachable, with these credentials?
    elif serve_store is None and not (path.exists() and is_current(path, project)):
        with _console(stderr=True).status("building the knowledge graph…"):
            save_build(build_graph(project), path)
    elif not path.exists():
        raise click.UsageError(
            f"--store {path}: no such store (build one with `mlopskg --store {path} build`)"
        )
    if allow_updates and not update_token:
        raise click.UsageError("--allow-updates needs --update-token (or MLOPSKG_UPDATE_TOKEN)")
    settings = ServerSettings.from_env(
        host=host,
        port=port,
        store=path,
        workers=workers,
        query_timeout=query_timeout,
        max_result_bytes=max_result_bytes,
        allow_updates=allow_updates or None,
        update_token=update_token,
    )
    if remote_store is not None:
        settings = settings.with_remote(remote_store)
    app = create_app(settings, project=project)
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0", "::") else host
    click.echo(
        f"mlopskg: serving {path} — open http://{shown}:{port}/ (SPARQL endpoint: http://{shown}:{port}/sparql)",
        err=True,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "turtle", "html"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["violation", "warning"]),
    default="violation",
    show_default=True,
    help="Exit 1 when a result is at least this severe.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write the report to (default: stdout).",
)
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
    store = _open_store(ctx)
    outcome = Validator.for_project(_project(ctx), store).validate(description, fail_on=fail_on)
    _write_text(render(outcome, fmt, store=store), output)
    ctx.exit(EXIT_OK if outcome.conforms else EXIT_VIOLATIONS)


def _write_text(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise OutputFileError(f"cannot write {output}: {error.strerror or error}") from error


@cli.command("shapes")
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Only say whether shapes/architecture/reference.ttl is up to date (exit 1 if not).",
)
@click.pass_context
def shapes_command(ctx: click.Context, check_only: bool) -> None:
    """Generate shapes/architecture/reference.ttl from the knowledge graph's data."""
    from mlopskg.validation.rules import read_rules
    from mlopskg.validation.shapes import reference_shapes

    project = _project(ctx)
    target = project.shapes_dir / "architecture" / "reference.ttl"
    text = reference_shapes(read_rules(_open_store(ctx)))
    current = target.read_text(encoding="utf-8") if target.is_file() else ""
    if check_only:
        click.echo(f"{target}: {'up to date' if current == text else 'OUT OF DATE'}")
        ctx.exit(EXIT_OK if current == text else EXIT_VIOLATIONS)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    shapes = text.count(" a sh:NodeShape") + text.count(" a sh:PropertyShape")
    click.echo(f"wrote {target} ({shapes} shapes)")


@cli.command("load")
@remote_options
@click.option(
    "--graph-prefix",
    help="Name the loaded graphs PREFIX<name> instead of the build's graph IRIs "
    "(the provenance queries expect the build's names).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 4000),
    default=2000,
    show_default=True,
    help="Triples per INSERT request (Virtuoso refuses requests of about 5,000).",
)
@click.option(
    "--parallel",
    type=click.IntRange(1, 16),
    default=1,
    show_default=True,
    help="INSERT requests sent at a time while staging (the swap runs one at a time).",
)
@click.pass_context
def load_command(
    ctx: click.Context, graph_prefix: str | None, batch_size: int, parallel: int
) -> None:
    """Push the built graph to a SPARQL 1.1 store (--endpoint, --update-endpoint), one named
    graph per source file, through staging graphs; loading again replaces, and the sizes
    are checked at the end."""
    from rich.progress import Progress

    from mlopskg.build import build_graph, is_current
    from mlopskg.load import load, total_triples
    from mlopskg.store import EmbeddedStore

    store_remote = _remote(ctx)
    if store_remote is None or not store_remote.update_endpoint:
        raise click.UsageError("load needs --endpoint URL and --update-endpoint URL")
    project = _project(ctx)
    path = _store_path(ctx, project)
    built = (
        EmbeddedStore(path, read_only=True)
        if path.exists() and is_current(path, project)
        else build_graph(project).store
    )
    with Progress(console=_console(stderr=True), transient=True) as progress:
        task = progress.add_task("loading", total=total_triples(built))
        report = load(
            built,
            store_remote,
            prefix=graph_prefix,
            batch_size=batch_size,
            parallel=parallel,
            progress=lambda n: progress.advance(task, n),
        )
    click.echo(
        f"loaded {sum(report.graphs.values())} triples in {len(report.graphs)} graphs "
        f"({report.batches} batches) into {store_remote.endpoint}; sizes checked"
        + (
            f"; dropped {len(report.dropped)} graph(s) no longer in the build"
            if report.dropped
            else ""
        )
    )


@cli.command("release")
@click.argument("version")
@click.pass_context
def release_command(ctx: click.Context, version: str) -> None:
    """Release the ontology as VERSION (X.Y.Z): checks, version stamps, release files,
    docs/ontology/index.html and the term changes in CHANGELOG.md."""
    from mlopskg.release import release

    with _console(stderr=True).status("checking and releasing…"):
        changes = release(_project(ctx), version)
    click.echo(
        f"released ontology {version}: {len(changes.added)} term(s) added, "
        f"{len(changes.deprecated)} deprecated, {len(changes.removed)} removed"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run the command line, mapping errors to exit codes."""
    try:
        # Without standalone mode click returns ctx.exit()'s code instead of exiting.
        code = cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="mlopskg",
            standalone_mode=False,
        )
        if isinstance(code, int):
            return code
    except click.exceptions.Exit as exit_:
        return int(exit_.exit_code)
    except click.ClickException as error:
        error.show()
        return EXIT_USAGE
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except MlopsKGError as error:
        click.echo(f"mlopskg: error: {error}", err=True)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:
        # A file-system error no command anticipated: still one line, naming the file.
        where = f"{error.filename}: " if error.filename else ""
        click.echo(f"mlopskg: error: {where}{error.strerror or error}", err=True)
        return EXIT_USAGE
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

"""What the commands share: the project and store the options name, the remote-store
options, the terminal output and the exit codes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import click

from mlopskg.errors import OutputFileError
from mlopskg.graph.build import default_store_path
from mlopskg.graph.opening import open_built, open_graph
from mlopskg.resources import ProjectFiles, project_files
from mlopskg.stores.config import StoreConfig
from mlopskg.stores.embedded import EmbeddedStore
from mlopskg.stores.remote import RemoteStore

EXIT_OK, EXIT_VIOLATIONS, EXIT_USAGE = 0, 1, 2

#: What an option helper returns: a decorator of a command function.
OptionDecorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def status(note: str) -> AbstractContextManager[object]:
    """A spinner on stderr while something slow runs."""
    spinner: AbstractContextManager[object] = console(stderr=True).status(note)
    return spinner


def print_table(
    columns: Sequence[str], rows: Sequence[Sequence[str]], title: str | None = None
) -> None:
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    console().print(table)


def write_text(text: str, output: Path | None) -> None:
    """Write to ``output``, or to standard output without one."""
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise OutputFileError(f"cannot write {output}: {error.strerror or error}") from error


def project(ctx: click.Context) -> ProjectFiles:
    return project_files(ctx.obj.get("home"))


def store_path(ctx: click.Context, files: ProjectFiles) -> Path:
    """The embedded store: --store (or MLOPSKG_STORE), else the project's build/store."""
    path = ctx.obj.get("store")
    return Path(path) if path else default_store_path(files)


def store_config(ctx: click.Context) -> StoreConfig:
    """The remote store the options name, else the embedded store."""
    endpoint = ctx.obj.get("endpoint")
    if endpoint:
        return StoreConfig.remote(
            endpoint,
            ctx.obj.get("update_endpoint"),
            user=ctx.obj.get("user"),
            password=ctx.obj.get("password"),
            auth=ctx.obj.get("auth"),
        )
    return StoreConfig(path=store_path(ctx, project(ctx)))


def open_knowledge_graph(ctx: click.Context) -> EmbeddedStore | RemoteStore:
    """The remote store; else the built store if current; else a fresh in-memory build
    (saying so on stderr)."""
    return open_graph(store_config(ctx), project(ctx), announce=status)


def open_built_graph(ctx: click.Context) -> EmbeddedStore:
    """The built store if current, else a fresh in-memory build (saying so on stderr)."""
    return open_built(StoreConfig(path=store_path(ctx, project(ctx))), project(ctx), status)


def output_option(text: str) -> OptionDecorator:
    """``--output``/``-o``: the file to write (standard output without it)."""
    return click.option(
        "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help=text
    )


def fail_on_option(when: str = "") -> OptionDecorator:
    """``--fail-on``: the severity from which a result fails (exit 1)."""
    return click.option(
        "--fail-on",
        type=click.Choice(["violation", "warning"]),
        default="violation",
        show_default=True,
        help=f"{when}Exit 1 when a result is at least this severe.",
    )


def check_option(what: str) -> OptionDecorator:
    """``--check``: only say whether generated files are up to date (see
    :func:`report_generated`)."""
    return click.option(
        "--check",
        "check_only",
        is_flag=True,
        help=f"Only say whether {what} up to date (exit 1 if not).",
    )


def count_option(flag: str, low: int, high: int, default: int, text: str) -> OptionDecorator:
    """An option taking a whole number in [low, high]."""
    return click.option(
        flag, type=click.IntRange(low, high), default=default, show_default=True, help=text
    )


def _keep(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is not None and param.name:
        ctx.ensure_object(dict)[param.name] = value
    return value


def remote_options(command: Any) -> Any:
    """--endpoint and its credentials, on every command that can work on a remote store;
    the values land in ``ctx.obj`` (read by :func:`store_config`)."""
    options = [
        ("--endpoint", "A SPARQL 1.1 query endpoint to use instead of the embedded store."),
        ("--update-endpoint", "The store's SPARQL 1.1 update endpoint (for `load`)."),
        ("--user", "User name for the store."),
        ("--password", "Password for the store (the token with --auth bearer)."),
    ]
    decorators = [
        click.option(
            flag,
            envvar="MLOPSKG_" + flag[2:].upper().replace("-", "_"),
            expose_value=False,
            callback=_keep,
            help=text,
        )
        for flag, text in options
    ]
    decorators.append(
        click.option(
            "--auth",
            type=click.Choice(["basic", "digest", "bearer"]),
            envvar="MLOPSKG_AUTH",
            expose_value=False,
            callback=_keep,
            help="HTTP authentication scheme (default: basic).",
        )
    )
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def report_generated(
    ctx: click.Context, files: Sequence[tuple[Path, bool]], stale: str, hint: str = ""
) -> None:
    """``--check`` of a command that writes generated files: a line a file saying whether
    it is up to date (``stale`` words the other case); exit 1 if one is not."""
    for path, current in files:
        click.echo(f"{path}: {'up to date' if current else stale}")
    if all(current for _, current in files):
        ctx.exit(EXIT_OK)
    if hint:
        click.echo(hint, err=True)
    ctx.exit(EXIT_VIOLATIONS)

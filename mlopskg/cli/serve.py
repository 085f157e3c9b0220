"""``mlopskg serve``: the SPARQL endpoint, the curated queries and the web page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from mlopskg.cli.context import project, remote_options, status, store_config


@click.command()
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
    from mlopskg.graph.opening import build_if_stale
    from mlopskg.stores.config import open_store

    files = project(ctx)
    config = store_config(ctx)
    if config.is_remote:
        if allow_updates:
            raise click.UsageError(
                "--allow-updates is for the embedded store; update the remote store directly"
            )
        open_store(config).query("ASK { }")  # reachable, with these credentials?
    elif serve_store is None:
        config = build_if_stale(config, files, announce=status)
    elif not serve_store.exists():
        raise click.UsageError(
            f"--store {serve_store}: no such store (build one with `mlopskg --store {serve_store} build`)"
        )
    else:
        config = replace(config, path=serve_store)
    if allow_updates and not update_token:
        raise click.UsageError("--allow-updates needs --update-token (or MLOPSKG_UPDATE_TOKEN)")
    settings = ServerSettings.from_env(
        host=host,
        port=port,
        store=config.path,
        workers=workers,
        query_timeout=query_timeout,
        max_result_bytes=max_result_bytes,
        allow_updates=allow_updates or None,
        update_token=update_token,
        remote=config if config.is_remote else None,
    )
    app = create_app(settings, project=files)
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0", "::") else host
    click.echo(
        f"mlopskg: serving {config} — open http://{shown}:{port}/ (SPARQL endpoint: http://{shown}:{port}/sparql)",
        err=True,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)

"""The web application: ``create_app(settings)`` builds it; ``mlopskg serve`` runs it."""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from starlette.routing import Route

from mlopskg import __version__
from mlopskg.api import pages, queries, sparql, validate
from mlopskg.api.errors import install_error_handlers
from mlopskg.api.pool import QueryPool
from mlopskg.api.settings import ServerSettings
from mlopskg.api.worker import StoreSpec
from mlopskg.errors import StoreError
from mlopskg.resources import ProjectFiles, project_files
from mlopskg.store import EmbeddedStore

DESCRIPTION = """The mlopskg knowledge graph of MLOps requirements, reference architectures and
tools. `/sparql` is a read-only SPARQL 1.1 Protocol endpoint (the default graph is the union
of the named graphs); `/queries` runs the curated competency questions with parameters."""


def _store_spec(settings: ServerSettings, store: EmbeddedStore | None, workdir: Path) -> StoreSpec:
    if settings.remote_endpoint:
        return StoreSpec(settings.remote_endpoint, kind="remote", settings=settings)
    if store is not None and store.path is None:
        # An in-memory store: hand the workers a snapshot to load.
        snapshot = workdir / "snapshot.nq"
        with snapshot.open("wb") as handle:
            ox.serialize(store.quads(), handle, format=ox.RdfFormat.N_QUADS)
        return StoreSpec(str(snapshot), kind="nquads")
    path = store.path if store is not None else settings.store
    if path is None or not Path(path).exists():
        raise StoreError(f"no store at {path}: run `mlopskg build` first")
    return StoreSpec(
        str(path),
        kind="disk",
        writable=settings.updates_enabled,
        memory_limit=settings.memory_limit,
    )


def create_app(
    settings: ServerSettings | None = None,
    *,
    store: EmbeddedStore | None = None,
    project: ProjectFiles | None = None,
) -> FastAPI:
    """The FastAPI application. ``store`` (an in-memory or on-disk EmbeddedStore) overrides
    ``settings.store``; with updates enabled, the store must be on disk and one worker runs."""
    settings = settings or ServerSettings()
    project = project or project_files()
    if settings.updates_enabled and store is not None and store.path is None:
        raise StoreError("updates need an on-disk store: start with --store PATH")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with tempfile.TemporaryDirectory(prefix="mlopskg-serve-") as tmp:
            spec = _store_spec(settings, store, Path(tmp))
            size = 1 if spec.writable else settings.workers
            pool = QueryPool(spec, size, settings.query_timeout, settings.max_waiting)
            await pool.start()
            app.state.pool = pool
            try:
                yield
            finally:
                await pool.close()

    app = FastAPI(
        title="mlopskg",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url=None,
        # Starlette's request-body limiter: 413 past the limit, streamed bodies included.
        max_body_size=settings.max_request_bytes,
    )
    app.state.settings = settings
    app.state.project = project
    install_error_handlers(app)
    # /sparql is a plain Starlette route: it reads the raw request itself, and FastAPI's
    # per-request machinery (dependencies, validation) cost a measurable share of look-ups.
    app.router.routes.insert(
        0, Route("/sparql", sparql.sparql, methods=["GET", "POST"], name="sparql")
    )
    app.include_router(queries.router)
    validate.install(app, store)
    app.include_router(pages.router)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            schema["paths"] = {"/sparql": sparql.OPENAPI_PATH, **schema["paths"]}
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Accept", "Content-Type", "Authorization"],
    )
    return app

"""The web application: ``create_app(settings)`` builds it; ``mlopskg serve`` runs it."""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi

from mlopskg import __version__
from mlopskg.api import catalogue, pages, plan, queries, scan, sparql, validate, why
from mlopskg.api.deps import Services
from mlopskg.api.errors import install_error_handlers
from mlopskg.api.pool import QueryPool
from mlopskg.api.settings import ServerSettings
from mlopskg.errors import StoreError
from mlopskg.resources import ProjectFiles, project_files
from mlopskg.stores.config import StoreConfig
from mlopskg.stores.embedded import EmbeddedStore

DESCRIPTION = """The mlopskg knowledge graph of MLOps requirements, reference architectures and
tools. `/sparql` is a read-only SPARQL 1.1 Protocol endpoint (the default graph is the union
of the named graphs); `/queries` runs the curated competency questions with parameters."""


def _worker_config(
    settings: ServerSettings, store: EmbeddedStore | None, workdir: Path
) -> StoreConfig:
    """How the query workers open the store: the remote store of the settings; else the
    store given to ``create_app`` (an in-memory one as a snapshot the workers load); else
    the on-disk store of the settings."""
    config = settings.store_config()
    if config.is_remote:
        return config
    if store is not None and store.path is None:
        snapshot = workdir / "snapshot.nq"
        store.write_nquads(snapshot)
        return StoreConfig(snapshot=snapshot)
    if store is not None:
        config = replace(config, path=store.path)
    if config.path is None or not config.path.exists():
        raise StoreError(f"no store at {config.path}: run `mlopskg build` first")
    return config


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

    services = Services(settings, project, store=store)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with tempfile.TemporaryDirectory(prefix="mlopskg-serve-") as tmp:
            config = _worker_config(settings, store, Path(tmp))
            size = 1 if config.writable else settings.workers
            pool = QueryPool(config, size, settings.query_timeout, settings.max_waiting)
            await pool.start()
            services.pool = pool
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
    app.state.services = services
    install_error_handlers(app)
    for router in (
        sparql.router,
        queries.router,
        validate.router,
        plan.router,
        scan.make_router(settings.max_upload_bytes),
        catalogue.router,
        pages.router,
        why.router,
    ):
        app.include_router(router)

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

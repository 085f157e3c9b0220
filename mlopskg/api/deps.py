"""The server's dependencies: settings, project files, the store, the validator, the query
pool and the job runner. Routes take them with ``Depends(get_...)``; tests replace any of
them with ``app.dependency_overrides[get_...] = ...``.

``/sparql`` is a plain Starlette route (FastAPI's per-request machinery costs a measurable
share of a look-up there); it takes the same dependencies through :func:`resolve`, which
honours the same overrides.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Annotated, TypeVar

import anyio
from fastapi import Depends, Request

from mlopskg.api.jobs import JobRunner
from mlopskg.api.pool import QueryPool
from mlopskg.api.settings import ServerSettings
from mlopskg.resources import ProjectFiles
from mlopskg.stores.config import open_store
from mlopskg.stores.interface import GraphStore
from mlopskg.validation.validator import Validator

T = TypeVar("T")


@dataclass
class Services:
    """What the app holds: set up by ``create_app``, the pool started by its lifespan, the
    store and the validator opened on first use."""

    settings: ServerSettings
    project: ProjectFiles
    store: GraphStore | None = None
    pool: QueryPool | None = None
    validator: Validator | None = None
    validator_lock: asyncio.Lock = field(default_factory=asyncio.Lock)


def resolve(request: Request, dependency: Callable[[Request], T]) -> T:
    """Call a dependency, or the override a test set for it."""
    override = request.app.dependency_overrides.get(dependency)
    if override is None:
        return dependency(request)
    result: T = override(request) if inspect.signature(override).parameters else override()
    return result


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def get_settings(request: Request) -> ServerSettings:
    return resolve(request, get_services).settings


def get_project(request: Request) -> ProjectFiles:
    return resolve(request, get_services).project


def get_pool(request: Request) -> QueryPool:
    pool = resolve(request, get_services).pool
    if pool is None:
        raise RuntimeError("the query pool is not running (the app's lifespan did not start)")
    return pool


def get_runner(request: Request) -> JobRunner:
    """Runs queries on the pool, mapping its failures to HTTP errors."""
    settings = resolve(request, get_settings)
    return JobRunner(resolve(request, get_pool), settings.query_timeout, settings.max_result_bytes)


def get_store(request: Request) -> GraphStore:
    """The web process's own handle on the store (validation, HTML reports), read-only."""
    services = resolve(request, get_services)
    if services.store is None:
        config = resolve(request, get_settings).store_config()
        services.store = open_store(replace(config, writable=False, memory_limit=0))
    return services.store


async def get_validator(request: Request) -> Validator:
    """The validator, made on first use from the served store (in a thread: it reads the
    rules from the graph and loads the shapes and the ontology)."""
    services = resolve(request, get_services)
    async with services.validator_lock:
        if services.validator is None:
            store = await anyio.to_thread.run_sync(resolve, request, get_store)
            project = resolve(request, get_project)

            def make() -> Validator:
                validator = Validator.for_project(project, store)
                validator.engine  # noqa: B018 - load the shapes and ontology now
                return validator

            services.validator = await anyio.to_thread.run_sync(make)
    return services.validator


# The dependencies as parameter types: ``def route(runner: Runner) -> ...``.
Settings = Annotated[ServerSettings, Depends(get_settings)]
Project = Annotated[ProjectFiles, Depends(get_project)]
Runner = Annotated[JobRunner, Depends(get_runner)]
Store = Annotated[GraphStore, Depends(get_store)]
ValidatorDep = Annotated[Validator, Depends(get_validator)]

"""The knowledge graph to work on: the remote store, else the built store if it is current,
else a build made now. The one place for that rule; the CLI and the server use it.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace

from mlopskg.graph.build import build_graph, default_store_path, is_current, save_build
from mlopskg.resources import ProjectFiles
from mlopskg.stores.config import StoreConfig, open_store
from mlopskg.stores.embedded import EmbeddedStore
from mlopskg.stores.remote import RemoteStore

#: Shows what is happening while a build runs (the CLI passes a status spinner).
Announce = Callable[[str], AbstractContextManager[object]]


def _quiet(note: str) -> AbstractContextManager[object]:
    return nullcontext()


def embedded_config(config: StoreConfig, project: ProjectFiles) -> StoreConfig:
    """The configuration with its on-disk path filled in (the project's default store)."""
    return config if config.path is not None else replace(config, path=default_store_path(project))


def is_built(config: StoreConfig, project: ProjectFiles) -> bool:
    """Whether the configured on-disk store exists and was built from the current files."""
    path = embedded_config(config, project).path
    return path is not None and path.exists() and is_current(path, project)


def open_graph(
    config: StoreConfig, project: ProjectFiles, announce: Announce = _quiet
) -> EmbeddedStore | RemoteStore:
    """The remote store; else the built store if current; else a fresh in-memory build."""
    if config.is_remote:
        return open_store(config)
    return open_built(config, project, announce)


def open_built(
    config: StoreConfig, project: ProjectFiles, announce: Announce = _quiet
) -> EmbeddedStore:
    """The built store if current, else a fresh in-memory build (``announce`` says why)."""
    config = embedded_config(config, project)
    path = config.path
    if path is not None and path.exists() and is_current(path, project):
        return EmbeddedStore(path, read_only=True)
    note = (
        "no built store" if path is None or not path.exists() else "the built store is out of date"
    )
    with announce(f"{note}; building the graph in memory…"):
        return build_graph(project).store


def build_if_stale(
    config: StoreConfig, project: ProjectFiles, announce: Announce = _quiet
) -> StoreConfig:
    """Build and save the configured on-disk store unless it is current; the configuration
    with its path filled in."""
    config = embedded_config(config, project)
    if not config.is_remote and not is_built(config, project):
        assert config.path is not None
        with announce("building the knowledge graph…"):
            save_build(build_graph(project), config.path)
    return config

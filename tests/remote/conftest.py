"""The real triple stores of the remote-store tests, each a private server started here and
kept for the session: Virtuoso (:mod:`support.virtuoso`) and Oxigraph server
(:mod:`support.oxigraph_server`).

``server`` runs a test once per store. ``loaded`` is that server holding the built graph,
loaded through its Graph Store endpoint once per session: a test that loads something else
into it asks for ``scratch`` too, and the next ``loaded`` loads the built graph again. Load
and fault tests use ``small``, a few of the built graph's named graphs, so that they stay
quick.

On a machine without a store's program, its tests skip and say why; in CI (``CI=true``) a
missing program fails them instead, since ``make deps`` installs both (Virtuoso from
Debian, ``oxigraph`` with the dev extras), so nothing is skipped there.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from mlopskg.graph.build import BuildResult, save_build
from mlopskg.stores.embedded import EmbeddedStore
from mlopskg.stores.load import LoadReport, load
from support.oxigraph_server import OXIGRAPH, OxigraphServer
from support.store_server import StoreServer
from support.virtuoso import VIRTUOSO, Virtuoso

SERVERS: dict[str, tuple[str | None, Callable[[Path], StoreServer], str]] = {
    "virtuoso": (
        VIRTUOSO,
        Virtuoso,
        "needs Debian's virtuoso-opensource (virtuoso-t); `make deps` installs it",
    ),
    "oxigraph": (
        OXIGRAPH,
        OxigraphServer,
        "needs the oxigraph command (PyPI's oxigraph, in the dev extras); `make deps` installs it",
    ),
}
STORES = list(SERVERS)


def require(kind: str) -> None:
    """Skip (fail in CI) when this machine lacks the store's program."""
    program, _, reason = SERVERS[kind]
    if program is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI: {reason}")
        pytest.skip(reason)


def new_server(kind: str, folder: Path) -> StoreServer:
    """A server of this kind over ``folder``, not started yet."""
    require(kind)
    return SERVERS[kind][1](folder)


@pytest.fixture(scope="session")
def servers() -> Iterator[dict[str, StoreServer]]:
    """The session's servers, started on first use and stopped at the end."""
    started: dict[str, StoreServer] = {}
    yield started
    for server in started.values():
        server.stop()


@pytest.fixture(scope="session")
def loads() -> dict[str, LoadReport]:
    """The session servers that hold the built graph, with the report of its load."""
    return {}


def session_server(
    kind: str, started: dict[str, StoreServer], tmp: pytest.TempPathFactory
) -> StoreServer:
    if kind not in started:
        server = new_server(kind, tmp.mktemp(kind))
        server.start()
        started[kind] = server
    return started[kind]


@pytest.fixture(scope="module", params=STORES)
def server(
    request: pytest.FixtureRequest,
    servers: dict[str, StoreServer],
    tmp_path_factory: pytest.TempPathFactory,
) -> StoreServer:
    """Each store's session server in turn."""
    return session_server(request.param, servers, tmp_path_factory)


@pytest.fixture
def loaded(server: StoreServer, built: BuildResult, loads: dict[str, LoadReport]) -> StoreServer:
    """The session server holding the built graph (loaded through its Graph Store endpoint
    on first use, and again after a test that loaded something else)."""
    if server.name not in loads:
        loads[server.name] = load(built.store, server.store(), graph_store=server.graph_store())
    return server


@pytest.fixture
def scratch(server: StoreServer, loads: dict[str, LoadReport]) -> Iterator[StoreServer]:
    """The session server, for a test that loads something other than the built graph."""
    loads.pop(server.name, None)
    yield server
    loads.pop(server.name, None)


@pytest.fixture
def virtuoso(
    servers: dict[str, StoreServer], tmp_path_factory: pytest.TempPathFactory
) -> StoreServer:
    """The session's Virtuoso, for what only Virtuoso has (credentials)."""
    return session_server("virtuoso", servers, tmp_path_factory)


@pytest.fixture(scope="session")
def built_path(built: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built graph saved as the command line's ``--store``, so that ``mlopskg load``
    pushes the same graph as the tests compare with (and builds nothing)."""
    path = tmp_path_factory.mktemp("built") / "store"
    save_build(built, path)
    return path


@pytest.fixture(scope="session")
def small(built: BuildResult) -> EmbeddedStore:
    """The built graph's twelve smallest named graphs and its smallest one with blank
    nodes: every shape of graph a load sends, in a few hundred triples."""
    sizes = {g: sum(1 for _ in built.store.quads(g)) for g in built.store.named_graphs()}
    with_blank_nodes = [
        g for g in sizes if any(isinstance(q.subject, ox.BlankNode) for q in built.store.quads(g))
    ]
    chosen = sorted(sizes, key=lambda g: (sizes[g], g))[:12]
    chosen.append(min(with_blank_nodes, key=lambda g: (sizes[g], g)))
    store = EmbeddedStore()
    for graph in chosen:
        store.add_quads(built.store.quads(graph))
    return store

"""Faults of a remote store: one-line errors naming the URL and the cause, exit code 2,
retries with back-off for transient failures only, and a load interrupted by a stopped
store leaves the previous content whole. Scripted failures run against a fake store; the
rest against both real servers (credentials against Virtuoso only: Oxigraph server has no
authentication of its own)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mlopskg.api import ServerSettings, create_app
from mlopskg.cli import main
from mlopskg.errors import StoreError
from mlopskg.resources import ProjectFiles
from mlopskg.stores.config import StoreConfig
from mlopskg.stores.embedded import EmbeddedStore
from mlopskg.stores.graph_store import GraphStore
from mlopskg.stores.load import load
from mlopskg.stores.remote import Credentials, RemoteStore
from support.store_server import StoreServer
from tests.remote.conftest import STORES, new_server

ASK_TRUE = b'{"head": {}, "boolean": true}'


class FakeStore:
    """A local HTTP server answering with a scripted list of (status, body, delay)."""

    def __init__(self, script: list[tuple[int, bytes, float]]) -> None:
        self.script = list(script)
        self.requests = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("content-length", 0)))
                outer.requests += 1
                status, body, delay = outer.script[min(outer.requests, len(outer.script)) - 1]
                time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/sparql-results+json")
                    self.send_header("content-length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake(request: pytest.FixtureRequest) -> Iterator[FakeStore]:
    store = FakeStore(request.param)
    yield store
    store.close()


def _closed_port_url() -> str:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/sparql"


def test_an_unreachable_endpoint_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    url = _closed_port_url()
    assert main(["query", "tools-for-component", "--endpoint", url]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and url in err and "connection refused" in err


@pytest.mark.parametrize(
    "fake", [[(503, b"busy", 0), (503, b"busy", 0), (200, ASK_TRUE, 0)]], indirect=True
)
def test_transient_failures_are_retried(fake: FakeStore) -> None:
    assert bool(RemoteStore(fake.url, backoff=0.05).query("ASK { }"))
    assert fake.requests == 3


@pytest.mark.parametrize(
    "fake",
    [
        [(500, b"Virtuoso 40001 Error SR172: Transaction deadlocked", 0), (200, ASK_TRUE, 0)],
        # Seen while checking sizes after a 1-million-triple load.
        [(500, b"Virtuoso S1T00 Error SR171: Transaction timed out", 0), (200, ASK_TRUE, 0)],
    ],
    indirect=True,
    ids=["deadlock", "transaction-timeout"],
)
def test_a_deadlock_or_a_transaction_timeout_is_retried(fake: FakeStore) -> None:
    assert bool(RemoteStore(fake.url, backoff=0.05).query("ASK { }"))
    assert fake.requests == 2


@pytest.mark.parametrize("fake", [[(400, b"syntax error", 0)]], indirect=True)
def test_a_rejected_query_is_not_retried(fake: FakeStore) -> None:
    with pytest.raises(StoreError, match="rejected the request"):
        RemoteStore(fake.url, backoff=0.05).query("ASK { }")
    assert fake.requests == 1


@pytest.mark.parametrize("fake", [[(500, b"out of memory", 0)]], indirect=True)
def test_a_store_error_names_the_url(fake: FakeStore) -> None:
    with pytest.raises(StoreError) as error:
        RemoteStore(fake.url, backoff=0.05).query("ASK { }")
    assert fake.url in str(error.value) and "500" in str(error.value)


@pytest.mark.parametrize("fake", [[(200, ASK_TRUE, 3.0)]], indirect=True)
def test_a_store_that_times_out(fake: FakeStore) -> None:
    with pytest.raises(StoreError, match="timed out"):
        RemoteStore(fake.url, timeout=1, retries=1, backoff=0.05).query("ASK { }")
    assert fake.requests == 2  # a timeout is transient: tried once more


@pytest.mark.parametrize("fake", [[(200, b"<html>not sparql</html>", 0)]], indirect=True)
def test_an_unreadable_answer(fake: FakeStore) -> None:
    with pytest.raises(StoreError, match="unreadable answer"):
        RemoteStore(fake.url).query("SELECT * WHERE { ?s ?p ?o }")


def test_the_server_answers_502_when_its_store_is_down(project: ProjectFiles) -> None:
    store = StoreConfig(endpoint=_closed_port_url(), retries=0)
    settings = ServerSettings(workers=1, query_timeout=10).with_remote(store)
    with TestClient(create_app(settings, project=project)) as client:
        response = client.get("/sparql", params={"query": "ASK { }"})
        assert response.status_code == 502
        assert "connection refused" in response.text


@pytest.mark.parametrize("protocol", ["auto", "update"])
def test_wrong_credentials(
    virtuoso: StoreServer, protocol: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["load", *virtuoso.cli_args(password="wrong"), "--protocol", protocol])
    assert code == 2
    err = capsys.readouterr().err.strip()
    # auto's probe meets them first, at the Graph Store endpoint; it does not fall back
    url = virtuoso.graph_store_url if protocol == "auto" else virtuoso.update_endpoint
    assert err.count("\n") == 0 and url in err and "authentication failed (401)" in err


def test_a_graph_store_that_times_out(server: StoreServer) -> None:
    graph = "urn:mlopskg:test:timeout"
    body = "".join(f'<urn:x:s{i}> <urn:x:p> "{i}" .\n' for i in range(20_000)).encode()
    hasty = server.graph_store(timeout=0.001, retries=1, backoff=0.05)
    with pytest.raises(StoreError) as error:
        hasty.put(graph, body)
    assert str(error.value) == f"{server.graph_store_url}: timed out"
    # The store may still finish the PUT (and its retry): wait for that, then remove it.
    deadline = time.monotonic() + 30
    while server.store().graph_sizes([graph]) and time.monotonic() < deadline:
        server.graph_store().delete(graph)
        time.sleep(0.5)
    assert server.store().graph_sizes([graph]) == {}


def _kill_after_three_requests(server: StoreServer) -> Callable[[int], None]:
    """A load's progress callback that kills the store once three requests went through."""
    requests = 0

    def progress(_: int) -> None:
        nonlocal requests
        requests += 1
        if requests == 3:
            server.kill()

    return progress


@pytest.mark.parametrize("protocol", ["gsp", "update"])
@pytest.mark.parametrize("kind", STORES)
def test_a_store_stopped_in_the_middle_of_a_load(
    kind: str,
    protocol: str,
    small: EmbeddedStore,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server = new_server(kind, tmp_path / "own")
    server.start()
    try:
        remote = server.store(retries=1, backoff=0.1)
        graph_store: GraphStore | None = None
        if protocol == "gsp":
            graph_store = server.graph_store(retries=1, backoff=0.1)
        first = load(small, remote, graph_store=graph_store)
        loaded = {g: n for g, n in first.graphs.items()}

        with pytest.raises(StoreError) as error:
            load(
                small,
                remote,
                batch_size=50,
                progress=_kill_after_three_requests(server),
                graph_store=graph_store,
            )
        assert server.endpoint.rsplit("/", 1)[0] in str(error.value)
        assert "connection refused" in str(error.value)
        # While it is down: one line, exit 2.
        assert main(["query", "tools-for-component", "--endpoint", server.endpoint]) == 2
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and server.endpoint in err and "connection refused" in err
        server.start()
        after = server.store().graph_sizes(loaded)
        assert after == loaded  # the live graphs are whole
        again = load(small, server.store(), graph_store=graph_store)
        assert again.graphs == loaded
    finally:
        server.stop()


@pytest.mark.parametrize("kind", STORES)
def test_a_store_stopped_during_its_first_load(
    kind: str, small: EmbeddedStore, tmp_path: Path
) -> None:
    """The graphs of a first load are written in place: a store killed in the middle keeps
    some of them half-written (nobody is left to take them out), and the next load, which
    finds them, replaces them through staging graphs."""
    server = new_server(kind, tmp_path / "own")
    server.start()
    try:
        graph_store = server.graph_store(retries=1, backoff=0.1)
        with pytest.raises(StoreError, match="connection refused"):
            load(
                small,
                server.store(retries=1, backoff=0.1),
                progress=_kill_after_three_requests(server),
                graph_store=graph_store,
                chunk=50,
            )
        server.start()
        expected = {g: len(set(small.quads(g))) for g in small.named_graphs()}
        written = server.store().graph_sizes(expected)
        assert written and written != expected  # some of the graphs were written, not all
        again = load(small, server.store(), graph_store=graph_store)
        assert again.graphs == expected
        assert sorted(again.new) == sorted(set(expected) - set(written))
    finally:
        server.stop()


def test_bearer_tokens_are_sent() -> None:
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length", 0)))
            seen.append(self.headers.get("authorization", ""))
            self.send_response(200)
            self.send_header("content-type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(ASK_TRUE)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        assert bool(
            RemoteStore(url, credentials=Credentials(scheme="bearer", token="T0K")).query("ASK {}")
        )
        assert seen == ["Bearer T0K"]
    finally:
        server.shutdown()
        server.server_close()

"""Fixtures for the web server: apps over the real graph and over small stores."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
import uvicorn
from fastapi.testclient import TestClient

from mlopskg.api import ServerSettings, create_app
from mlopskg.graph.build import BuildResult


@pytest.fixture(scope="session")
def client(built: BuildResult) -> Iterator[TestClient]:
    """The server over the real graph (in memory), with a short time limit."""
    app = create_app(
        ServerSettings(workers=2, query_timeout=5.0, max_result_bytes=300_000), store=built.store
    )
    with TestClient(app) as test_client:
        yield test_client


@dataclass
class LiveServer:
    url: str
    app: object


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def live_server(app: object) -> Iterator[LiveServer]:
    """Run an app with uvicorn on a free loopback port, in a thread."""
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)  # type: ignore[arg-type]
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", app)
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="session")
def live(built: BuildResult) -> Iterator[LiveServer]:
    """A real HTTP server over the real graph: 2 workers, 2 s time limit."""
    app = create_app(
        ServerSettings(
            workers=2, query_timeout=2.0, max_result_bytes=300_000, max_request_bytes=50_000
        ),
        store=built.store,
    )
    with live_server(app) as server:
        yield server

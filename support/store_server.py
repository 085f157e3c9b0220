"""What the private triple-store servers of the tests and benchmarks have in common: a
process over a folder, on free loopback ports, started until its SPARQL endpoint answers,
stopped or killed, and reached with the options a user would give ``mlopskg``.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from mlopskg.stores.config import StoreConfig
from mlopskg.stores.graph_store import GraphStore
from mlopskg.stores.remote import Credentials, RemoteStore


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class StoreServer:
    """One server process; subclasses say how to start it and where its endpoints are."""

    #: A short name for test ids and tables.
    name = "store"
    #: The credentials ``mlopskg`` gives for updates, or None where the store has none.
    credentials: Credentials | None = None

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.process: subprocess.Popen[bytes] | None = None

    # -- what a subclass says --------------------------------------------------------------

    @property
    def endpoint(self) -> str:
        raise NotImplementedError

    @property
    def update_endpoint(self) -> str:
        raise NotImplementedError

    @property
    def graph_store_url(self) -> str:
        raise NotImplementedError

    def command(self) -> list[str]:
        raise NotImplementedError

    def log_tail(self) -> str:
        """The end of what the server wrote (its standard error, or its own log)."""
        log = self.folder / "server.log"
        return log.read_text(errors="replace")[-2000:] if log.exists() else ""

    # -- reaching it -----------------------------------------------------------------------

    def cli_args(self, password: str | None = None) -> list[str]:
        """The command-line options that reach this server, with its update endpoint (and
        its credentials, ``password`` replacing the right one)."""
        args = ["--endpoint", self.endpoint, "--update-endpoint", self.update_endpoint]
        if self.credentials is not None:
            args += [
                "--user",
                self.credentials.user or "",
                "--password",
                password if password is not None else self.credentials.password or "",
                "--auth",
                self.credentials.scheme,
            ]
        return args

    def config(self) -> StoreConfig:
        """The server as a store configuration."""
        credentials = self.credentials or Credentials()
        return StoreConfig.remote(
            self.endpoint,
            self.update_endpoint,
            user=credentials.user,
            password=credentials.password,
            auth=credentials.scheme if credentials.user else None,
        )

    def store(self, **options: object) -> RemoteStore:
        return RemoteStore(
            self.endpoint,
            self.update_endpoint,
            self.credentials,
            **options,  # type: ignore[arg-type]
        )

    def graph_store(self, **options: object) -> GraphStore:
        return GraphStore(self.graph_store_url, self.credentials, **options)  # type: ignore[arg-type]

    # -- its process -----------------------------------------------------------------------

    def start(self, timeout: float = 90) -> None:
        with (self.folder / "server.log").open("ab") as log:
            self.process = subprocess.Popen(
                self.command(), cwd=self.folder, stdout=subprocess.DEVNULL, stderr=log
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with {self.process.returncode}: {self.log_tail()}"
                )
            try:
                with urllib.request.urlopen(f"{self.endpoint}?query=ASK%7B%7D", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not answer at {self.endpoint} within {timeout} s")

    def kill(self) -> None:
        """Stop it at once, as a crash would."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def rss_mb(self) -> float:
        """The server process's resident memory."""
        if self.process is None:
            return 0.0
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

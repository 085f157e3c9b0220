"""A private Virtuoso: Debian's virtuoso-opensource, started on loopback with a temporary
database and free ports, stopped afterwards. The remote-store tests and the scale benchmark
both run against it.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from mlopskg.stores.config import StoreConfig
from mlopskg.stores.remote import Credentials, RemoteStore

VIRTUOSO = shutil.which("virtuoso-t")
VSP_ROOT = Path("/var/lib/virtuoso-opensource-7/vsp")

INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 100000
MaxDirtyBuffers = 75000
[HTTPServer]
ServerPort = {http_port}
ServerRoot = {vsp}
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Virtuoso:
    """One Virtuoso server process over a database folder; can be stopped and restarted."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db = folder / "db"
        self.db.mkdir(parents=True, exist_ok=True)
        self.http_port, self.sql_port = _free_port(), _free_port()
        self.ini = folder / "virtuoso.ini"
        self.ini.write_text(
            INI.format(db=self.db, sql_port=self.sql_port, http_port=self.http_port, vsp=VSP_ROOT)
        )
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def update_endpoint(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql-auth"

    def cli_args(self, password: str = "dba") -> list[str]:
        """The command-line options that reach this server, with its update endpoint."""
        return [
            "--endpoint",
            self.endpoint,
            "--update-endpoint",
            self.update_endpoint,
            "--user",
            "dba",
            "--password",
            password,
            "--auth",
            "digest",
        ]

    def config(self) -> StoreConfig:
        """The server as a store configuration (the DBA's credentials, digest)."""
        return StoreConfig.remote(
            self.endpoint, self.update_endpoint, user="dba", password="dba", auth="digest"
        )

    def store(self, **options: object) -> RemoteStore:
        return RemoteStore(
            self.endpoint,
            self.update_endpoint,
            Credentials("dba", "dba", "digest"),
            **options,  # type: ignore[arg-type]
        )

    def start(self, timeout: float = 90) -> None:
        assert VIRTUOSO
        self.process = subprocess.Popen(
            [VIRTUOSO, "+foreground", "+configfile", str(self.ini)],
            cwd=self.folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = (self.db / "virtuoso.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"virtuoso exited with {self.process.returncode}: {log}")
            try:
                with urllib.request.urlopen(f"{self.endpoint}?query=ASK%7B%7D", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"virtuoso did not answer at {self.endpoint} within {timeout} s")

    def kill(self) -> None:
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

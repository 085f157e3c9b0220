"""A private Virtuoso: Debian's virtuoso-opensource, started on loopback with a temporary
database and free ports, stopped afterwards. The remote-store tests and the scale benchmark
both run against it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mlopskg.stores.remote import Credentials
from support.store_server import StoreServer, free_port

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


class Virtuoso(StoreServer):
    """One Virtuoso server process over a database folder; can be stopped and restarted.
    Updates go to ``/sparql-auth`` and graphs to ``/sparql-graph-crud-auth``, as the DBA
    with digest authentication (the anonymous endpoints have no write rights)."""

    name = "virtuoso"
    credentials = Credentials("dba", "dba", "digest")

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.db = folder / "db"
        self.db.mkdir(parents=True, exist_ok=True)
        self.http_port, self.sql_port = free_port(), free_port()
        self.ini = folder / "virtuoso.ini"
        self.ini.write_text(
            INI.format(db=self.db, sql_port=self.sql_port, http_port=self.http_port, vsp=VSP_ROOT)
        )

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def update_endpoint(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql-auth"

    @property
    def graph_store_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql-graph-crud-auth"

    def command(self) -> list[str]:
        assert VIRTUOSO
        return [VIRTUOSO, "+foreground", "+configfile", str(self.ini)]

    def log_tail(self) -> str:
        log = self.db / "virtuoso.log"
        return log.read_text(errors="replace")[-2000:] if log.exists() else super().log_tail()

"""A private Oxigraph server: the ``oxigraph`` command of the PyPI package of that name
(the dev extras install it into the virtual environment), started on loopback over a
temporary folder and a free port, stopped afterwards.

It is started with ``--union-default-graph``: without it, the default graph of a query is
Oxigraph's own (empty) default graph, not the union of the named graphs that the curated
queries expect. The server has no authentication of its own (a proxy in front of it would
add one), so mlopskg reaches it without credentials.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from support.store_server import StoreServer, free_port


def _find_oxigraph() -> str | None:
    """The ``oxigraph`` beside this Python (the virtual environment's), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


OXIGRAPH = _find_oxigraph()


class OxigraphServer(StoreServer):
    """One ``oxigraph serve`` process over a database folder; can be stopped and restarted."""

    name = "oxigraph"

    def __init__(self, folder: Path, union_default_graph: bool = True) -> None:
        super().__init__(folder)
        self.location = folder / "db"
        self.port = free_port()
        self.union_default_graph = union_default_graph

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def endpoint(self) -> str:
        return f"{self.base}/query"

    @property
    def update_endpoint(self) -> str:
        return f"{self.base}/update"

    @property
    def graph_store_url(self) -> str:
        return f"{self.base}/store"

    def command(self) -> list[str]:
        assert OXIGRAPH
        command = [OXIGRAPH, "serve", "--location", str(self.location)]
        command += ["--bind", f"127.0.0.1:{self.port}"]
        return command + (["--union-default-graph"] if self.union_default_graph else [])

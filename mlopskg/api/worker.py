"""A query worker process: owns a store handle and runs one job at a time.

The endpoint runs queries here, not in the web process, so that a query past its time
limit can be stopped for real: the parent kills the worker and starts a fresh one. The
module imports only pyoxigraph and the result writers, so a worker starts quickly.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from multiprocessing.connection import Connection

import pyoxigraph as ox

from mlopskg.api.results import ResultTooLarge, write_result
from mlopskg.api.settings import ServerSettings
from mlopskg.errors import StoreError
from mlopskg.remote import RemoteStore


@dataclass(frozen=True)
class StoreSpec:
    """How a worker opens the store: an on-disk store (read-only unless ``writable``), or
    an in-memory copy loaded from an N-Quads file."""

    path: str
    kind: str = "disk"  # "disk", "nquads" or "remote" (path is then the endpoint's URL)
    writable: bool = False
    #: For a remote store: the server's settings (credentials, time limit).
    settings: ServerSettings | None = None
    #: A read-only on-disk store with at most this many quads is copied into memory, where
    #: queries run about twice as fast; larger ones are read from disk.
    memory_limit: int = 2_000_000


@dataclass(frozen=True)
class Job:
    """One query or update to run."""

    text: str
    fmt: str = "json"
    #: Most bytes the serialised result may take.
    limit: int = 20_000_000
    update: bool = False
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    base_iri: str | None = None
    #: Run over the union of the named graphs (off when the query or the request names a dataset).
    union: bool = True


@dataclass(frozen=True)
class Outcome:
    """What a job gave: a body, or an error of a kind the web process maps to a status."""

    body: bytes = b""
    error: str | None = None  # "syntax", "too-large", "failed"
    message: str = ""


def open_store(spec: StoreSpec) -> ox.Store | RemoteStore:
    if spec.kind == "remote" and spec.settings is not None:
        remote = spec.settings.remote_store()
        assert remote is not None
        return remote
    if spec.kind == "nquads":
        store = ox.Store()
        store.bulk_load(path=spec.path, format=ox.RdfFormat.N_QUADS)
        return store
    if spec.writable:
        return ox.Store(spec.path)
    disk = ox.Store.read_only(spec.path)
    if len(disk) > spec.memory_limit:
        return disk
    memory = ox.Store()
    memory.bulk_extend(disk.quads_for_pattern(None, None, None))
    return memory


def _graph(name: str) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if name == "" else ox.NamedNode(name)


def run_remote_job(store: RemoteStore, job: Job) -> Outcome:
    """Run one job on a remote store: queries only, over the store's own default graph."""
    if job.update:
        return Outcome(error="failed", message="updates are not sent to a remote store from here")
    if job.default_graphs or job.named_graphs:
        return Outcome(
            error="failed",
            message="default-graph-uri and named-graph-uri are not supported on a remote store; use FROM in the query",
        )
    try:
        result = store.query(job.text)
        return Outcome(body=write_result(result, job.fmt, job.limit))
    except ResultTooLarge as error:
        return Outcome(error="too-large", message=str(error))
    except StoreError as error:
        return Outcome(error="store", message=str(error))


def run_job(store: ox.Store | RemoteStore, job: Job) -> Outcome:
    """Run one job against a store and serialise its result."""
    if isinstance(store, RemoteStore):
        return run_remote_job(store, job)
    try:
        if job.update:
            store.update(job.text, base_iri=job.base_iri)
            return Outcome(body=b"")
        dataset: dict[str, object] = {}
        if job.default_graphs or job.named_graphs:
            dataset["default_graph"] = [_graph(g) for g in job.default_graphs] or ox.DefaultGraph()
            dataset["named_graphs"] = (
                [ox.NamedNode(g) for g in job.named_graphs] if job.named_graphs else None
            )
        elif job.union:
            dataset["use_default_graph_as_union"] = True
        result = store.query(job.text, base_iri=job.base_iri, **dataset)  # type: ignore[arg-type]
        return Outcome(body=write_result(result, job.fmt, job.limit))
    except SyntaxError as error:
        return Outcome(error="syntax", message=str(error))
    except ResultTooLarge as error:
        return Outcome(error="too-large", message=str(error))
    except (ValueError, RuntimeError, OSError) as error:
        return Outcome(error="failed", message=str(error))


# Jobs and outcomes cross the pipe as plain pickled tuples (send_bytes/recv_bytes):
# multiprocessing's own send() builds a ForkingPickler per message, which showed up under load.
_PICKLE = pickle.HIGHEST_PROTOCOL


def encode_job(job: Job | None) -> bytes:
    if job is None:
        return pickle.dumps(None, _PICKLE)
    return pickle.dumps(
        (
            job.text,
            job.fmt,
            job.limit,
            job.update,
            job.default_graphs,
            job.named_graphs,
            job.base_iri,
            job.union,
        ),
        _PICKLE,
    )


def decode_job(data: bytes) -> Job | None:
    fields = pickle.loads(data)
    return None if fields is None else Job(*fields)


def encode_outcome(outcome: Outcome) -> bytes:
    return pickle.dumps((outcome.body, outcome.error, outcome.message), _PICKLE)


def decode_outcome(data: bytes) -> Outcome:
    body, error, message = pickle.loads(data)
    return Outcome(body=body, error=error, message=message)


def serve(connection: Connection, spec: StoreSpec) -> None:
    """The worker's main loop: answer each job received on the connection."""
    try:
        store = open_store(spec)
    except (OSError, ValueError, SyntaxError) as error:
        connection.send_bytes(
            encode_outcome(Outcome(error="failed", message=f"cannot open the store: {error}"))
        )
        return
    connection.send_bytes(encode_outcome(Outcome(message="ready")))
    while True:
        try:
            job = decode_job(connection.recv_bytes())
        except (EOFError, OSError):
            return
        if job is None:
            return
        connection.send_bytes(encode_outcome(run_job(store, job)))

"""A query worker process: owns a store handle and runs one job at a time.

The endpoint runs queries here, not in the web process, so that a query past its time
limit can be stopped for real: the parent kills the worker and starts a fresh one. The
module imports only the stores and the result writers, so a worker starts quickly.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from multiprocessing.connection import Connection

from mlopskg.api.results import ResultTooLarge, write_result
from mlopskg.errors import RequestRejected, StoreError
from mlopskg.stores.config import StoreConfig, open_store
from mlopskg.stores.embedded import EmbeddedStore
from mlopskg.stores.interface import Dataset
from mlopskg.stores.remote import RemoteStore

#: The stores a worker answers from; both run protocol queries and updates.
WorkerStore = EmbeddedStore | RemoteStore


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


def run_job(store: WorkerStore, job: Job) -> Outcome:
    """Run one job against a store (embedded or remote) and serialise its result."""
    try:
        if job.update:
            store.update(job.text, base_iri=job.base_iri)
            return Outcome(body=b"")
        dataset = Dataset(job.default_graphs, job.named_graphs, job.union)
        result = store.query_dataset(job.text, dataset, job.base_iri)
        return Outcome(body=write_result(result, job.fmt, job.limit))
    except SyntaxError as error:
        return Outcome(error="syntax", message=str(error))
    except ResultTooLarge as error:
        return Outcome(error="too-large", message=str(error))
    except RequestRejected as error:
        return Outcome(error="failed", message=str(error))
    except StoreError as error:
        return Outcome(error="store", message=str(error))
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


def serve(connection: Connection, config: StoreConfig) -> None:
    """The worker's main loop: answer each job received on the connection."""
    try:
        store = open_store(config)
    except (OSError, ValueError, SyntaxError, StoreError) as error:
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
        if job.update and not config.writable:
            outcome = Outcome(error="failed", message="updates are not run on a read-only store")
        else:
            outcome = run_job(store, job)
        connection.send_bytes(encode_outcome(outcome))

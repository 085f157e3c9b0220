"""A pool of query worker processes with real time limits.

Each worker is a process holding its own handle on the store. A job goes to an idle worker;
the web process waits for its answer up to the time limit. Past it, the worker is killed
(its work really stops), a fresh worker takes its place, and the client gets 503. Requests
wait for a free worker in line; when too many wait, new ones get 503 at once. One slow query
ties up one worker, never the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from mlopskg.api.worker import Job, Outcome, StoreSpec, serve

# forkserver: workers are forked from a small clean server process (never from the web
# process with its threads) that has already imported the worker module, so a replacement
# worker starts in milliseconds.
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["mlopskg.api.worker"])


class PoolBusy(Exception):
    """Too many requests are waiting for a worker."""


class JobTimeout(Exception):
    """A job ran past the time limit; its worker was stopped."""


class WorkerFailed(Exception):
    """A worker died or could not open the store."""


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()


def _start_worker(spec: StoreSpec, ready_timeout: float = 120.0) -> _Worker:
    parent, child = _CONTEXT.Pipe()
    process = _CONTEXT.Process(
        target=serve, args=(child, spec), daemon=True, name="mlopskg-query-worker"
    )
    process.start()
    child.close()
    if not parent.poll(ready_timeout):
        process.kill()
        raise WorkerFailed("a query worker did not start in time")
    try:
        hello: Outcome = parent.recv()
    except (EOFError, OSError) as error:
        process.join(timeout=5)
        raise WorkerFailed(
            f"a query worker exited while starting (exit code {process.exitcode})"
        ) from error
    if hello.error:
        process.join(timeout=5)
        raise WorkerFailed(hello.message)
    return _Worker(process, parent)


class QueryPool:
    """Worker processes that run SPARQL jobs with a time limit."""

    def __init__(self, spec: StoreSpec, size: int, timeout: float, max_waiting: int) -> None:
        self.spec = spec
        self.size = max(1, size)
        self.timeout = timeout
        self.max_waiting = max_waiting
        self._idle: asyncio.Queue[_Worker] | None = None
        self._waiting = 0
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self.restarts = 0

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        workers = await asyncio.gather(
            *[loop.run_in_executor(None, _start_worker, self.spec) for _ in range(self.size)]
        )
        self._idle = asyncio.Queue()
        for worker in workers:
            self._all.append(worker)
            self._idle.put_nowait(worker)

    async def close(self) -> None:
        for worker in list(self._all):
            with contextlib.suppress(OSError):
                worker.connection.send(None)
            worker.stop()
        self._all.clear()

    def _call(self, worker: _Worker, job: Job, timeout: float) -> Outcome:
        worker.connection.send(job)
        if not worker.connection.poll(timeout):
            raise JobTimeout
        try:
            outcome: Outcome = worker.connection.recv()
        except (EOFError, OSError) as error:
            raise WorkerFailed(f"a query worker stopped: {error}") from error
        return outcome

    def _replace(self, worker: _Worker) -> _Worker:
        worker.stop()
        fresh = _start_worker(self.spec)
        with self._lock:
            self._all.remove(worker)
            self._all.append(fresh)
            self.restarts += 1
        return fresh

    async def run(self, job: Job, timeout: float | None = None) -> Outcome:
        """Run a job on a free worker; raise PoolBusy, JobTimeout or WorkerFailed."""
        assert self._idle is not None, "the pool is not started"
        limit = self.timeout if timeout is None else timeout
        if self._waiting >= self.max_waiting:
            raise PoolBusy
        self._waiting += 1
        started = time.monotonic()
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout=limit)
        except TimeoutError:
            raise PoolBusy from None
        finally:
            self._waiting -= 1
        remaining = max(0.05, limit - (time.monotonic() - started))
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(None, self._call, worker, job, remaining)
        except (JobTimeout, WorkerFailed):
            worker = await loop.run_in_executor(None, self._replace, worker)
            raise
        finally:
            self._idle.put_nowait(worker)

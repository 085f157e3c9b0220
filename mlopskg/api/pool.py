"""A pool of query worker processes with real time limits.

Each worker is a process holding its own handle on the store. A job goes to an idle worker;
the web process waits for its answer up to the time limit. Past it, the worker is killed
(its work really stops), a fresh worker takes its place, and the client gets 503. Requests
wait for a free worker in line; when too many wait, new ones get 503 at once. One slow query
ties up one worker, never the others.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import multiprocessing
import os
import struct
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from mlopskg.api.worker import Job, Outcome, decode_outcome, encode_job, serve
from mlopskg.stores.config import StoreConfig

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


def _start_worker(config: StoreConfig, ready_timeout: float = 120.0) -> _Worker:
    parent, child = _CONTEXT.Pipe()
    process = _CONTEXT.Process(
        target=serve, args=(child, config), daemon=True, name="mlopskg-query-worker"
    )
    process.start()
    child.close()
    if not parent.poll(ready_timeout):
        process.kill()
        raise WorkerFailed("a query worker did not start in time")
    try:
        hello = decode_outcome(parent.recv_bytes())
    except (EOFError, OSError) as error:
        process.join(timeout=5)
        raise WorkerFailed(
            f"a query worker exited while starting (exit code {process.exitcode})"
        ) from error
    if hello.error:
        process.join(timeout=5)
        raise WorkerFailed(hello.message)
    return _Worker(process, parent)


# Frames as multiprocessing.Connection.send_bytes writes them: a signed 4-byte big-endian
# length, or -1 and an 8-byte length for larger messages. The web process reads and writes
# them itself, without blocking: an event loop may put the descriptor in non-blocking mode
# (uvloop does), where Connection.recv_bytes fails with EAGAIN on a partly arrived result.
_HEADER = struct.Struct("!i")
_LONG = struct.Struct("!Q")


def _frame(data: bytes) -> bytes:
    if len(data) > 0x7FFFFFFF:
        return _HEADER.pack(-1) + _LONG.pack(len(data)) + data
    return _HEADER.pack(len(data)) + data


class _FrameReader:
    """Collects one frame from a non-blocking descriptor, then resolves a future with it."""

    def __init__(self, fd: int, done: asyncio.Future[bytes]) -> None:
        self.fd = fd
        self.done = done
        self.buffer = bytearray()

    def on_readable(self) -> None:
        if self.done.done():
            return
        try:
            chunk = os.read(self.fd, 1 << 20)
        except BlockingIOError:
            return
        except OSError as error:
            _settle(self.done, error=error)
            return
        if not chunk:
            _settle(self.done, error=ConnectionError("the worker closed its pipe"))
            return
        self.buffer += chunk
        if len(self.buffer) < 4:
            return
        (size,) = _HEADER.unpack_from(self.buffer)
        start = 4
        if size == -1:
            if len(self.buffer) < 12:
                return
            (size,) = _LONG.unpack_from(self.buffer, 4)
            start = 12
        if len(self.buffer) >= start + size:
            _settle(self.done, bytes(self.buffer[start : start + size]))


async def _write_frame(
    loop: asyncio.AbstractEventLoop, fd: int, data: bytes, done: asyncio.Future[bytes]
) -> None:
    """Write a whole frame, waiting for the descriptor to drain when it is full."""
    view = memoryview(_frame(data))
    os.set_blocking(fd, False)
    while view:
        try:
            written = os.write(fd, view)
            view = view[written:]
        except BlockingIOError:
            writable: asyncio.Future[None] = loop.create_future()
            loop.add_writer(fd, lambda w=writable: _settle(w))  # type: ignore[misc]
            try:
                pending: list[asyncio.Future[Any]] = [writable, done]
                await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            finally:
                loop.remove_writer(fd)
            if done.done():
                done.result()  # a timeout raises here


def _settle(
    future: asyncio.Future[Any], result: Any = None, error: BaseException | None = None
) -> None:
    """Resolve a future unless it already is (timers and readers may race)."""
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


class QueryPool:
    """Worker processes that run SPARQL jobs with a time limit.

    Idle workers wait in a deque and requests waiting for one in another, each request with
    one deadline timer for waiting and running together: asyncio.Queue and wait_for would
    allocate tasks and timers on every query, which showed up under load.
    """

    def __init__(self, config: StoreConfig, size: int, timeout: float, max_waiting: int) -> None:
        self.config = config
        self.size = max(1, size)
        self.timeout = timeout
        self.max_waiting = max_waiting
        self._idle: collections.deque[_Worker] = collections.deque()
        self._waiters: collections.deque[asyncio.Future[_Worker]] = collections.deque()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._started = False
        self.restarts = 0

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        workers = await asyncio.gather(
            *[loop.run_in_executor(None, _start_worker, self.config) for _ in range(self.size)]
        )
        for worker in workers:
            self._all.append(worker)
            self._idle.append(worker)
        self._started = True

    async def close(self) -> None:
        for worker in list(self._all):
            with contextlib.suppress(OSError):
                worker.connection.send_bytes(encode_job(None))
            worker.stop()
        self._all.clear()
        self._idle.clear()

    def _release(self, worker: _Worker) -> None:
        """Hand a free worker to the longest-waiting request, or put it back."""
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(worker)
                return
        self._idle.append(worker)

    async def _acquire(self, loop: asyncio.AbstractEventLoop, deadline: float) -> _Worker:
        if self._idle:
            return self._idle.popleft()
        if len(self._waiters) >= self.max_waiting:
            raise PoolBusy
        waiter: asyncio.Future[_Worker] = loop.create_future()
        self._waiters.append(waiter)
        timer = loop.call_at(deadline, lambda: _settle(waiter, error=PoolBusy()))
        try:
            return await waiter
        except asyncio.CancelledError:
            # The request went away; if a worker was handed over meanwhile, pass it on.
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                self._release(waiter.result())
            raise
        finally:
            timer.cancel()

    async def _call(
        self, worker: _Worker, job: Job, loop: asyncio.AbstractEventLoop, deadline: float
    ) -> Outcome:
        """Send a job and read the answer without blocking the event loop, until the deadline."""
        fd = worker.connection.fileno()
        done: asyncio.Future[bytes] = loop.create_future()
        timer = loop.call_at(deadline, lambda: _settle(done, error=JobTimeout()))
        reader = _FrameReader(fd, done)
        try:
            await _write_frame(loop, fd, encode_job(job), done)
            loop.add_reader(fd, reader.on_readable)
            try:
                data = await done
            finally:
                loop.remove_reader(fd)
        except (BrokenPipeError, ConnectionError, OSError) as error:
            raise WorkerFailed(f"a query worker stopped: {error}") from error
        finally:
            timer.cancel()
        return decode_outcome(data)

    def _replace(self, worker: _Worker) -> _Worker:
        worker.stop()
        fresh = _start_worker(self.config)
        with self._lock:
            self._all.remove(worker)
            self._all.append(fresh)
            self.restarts += 1
        return fresh

    async def run(self, job: Job, timeout: float | None = None) -> Outcome:
        """Run a job on a free worker; raise PoolBusy, JobTimeout or WorkerFailed."""
        assert self._started, "the pool is not started"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + (self.timeout if timeout is None else timeout)
        worker = await self._acquire(loop, deadline)
        try:
            return await self._call(worker, job, loop, deadline)
        except (JobTimeout, WorkerFailed, asyncio.CancelledError):
            # The worker may still be busy or dead: stop it and start a fresh one.
            worker = await loop.run_in_executor(None, self._replace, worker)
            raise
        finally:
            self._release(worker)

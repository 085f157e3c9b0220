"""The query worker pool: answers under either event loop, with results larger than a pipe
buffer, concurrent callers, time limits that stop the worker, and a bounded queue."""

from __future__ import annotations

import asyncio
import collections
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import uvloop

from mlopskg.api.pool import JobTimeout, PoolBusy, QueryPool
from mlopskg.api.worker import Job
from mlopskg.stores.config import StoreConfig

BIG = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"  # every quad: a result of a few megabytes
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def snapshot(built: Any, tmp_path_factory: pytest.TempPathFactory) -> StoreConfig:
    path = tmp_path_factory.mktemp("pool") / "graph.nq"
    with path.open("wb") as handle:
        ox.serialize(built.store.quads(), handle, format=ox.RdfFormat.N_QUADS)
    return StoreConfig(snapshot=path)


def run_on(loop_name: str, main: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
    return uvloop.run(main()) if loop_name == "uvloop" else asyncio.run(main())


@pytest.mark.parametrize("loop_name", ["asyncio", "uvloop"])
def test_concurrent_large_results(snapshot: StoreConfig, loop_name: str) -> None:
    async def main() -> collections.Counter[str]:
        pool = QueryPool(snapshot, 2, 30.0, 64)
        await pool.start()
        outcomes: collections.Counter[str] = collections.Counter()

        async def caller() -> None:
            for _ in range(3):
                outcome = await pool.run(Job(text=BIG, fmt="json", limit=50_000_000))
                outcomes[
                    "big" if len(outcome.body) > 500_000 and not outcome.error else "wrong"
                ] += 1

        try:
            await asyncio.gather(*[caller() for _ in range(6)])
            outcomes["restarts"] = pool.restarts
        finally:
            await pool.close()
        return outcomes

    assert run_on(loop_name, main) == {"big": 18, "restarts": 0}


@pytest.mark.parametrize("loop_name", ["asyncio", "uvloop"])
def test_timeout_replaces_the_worker_and_the_pool_goes_on(
    snapshot: StoreConfig, loop_name: str
) -> None:
    async def main() -> tuple[str, int, int]:
        pool = QueryPool(snapshot, 1, 1.0, 8)
        await pool.start()
        try:
            try:
                await pool.run(Job(text=SLOW))
                first = "answered"
            except JobTimeout:
                first = "timeout"
            after = await pool.run(Job(text="SELECT * WHERE { ?s ?p ?o } LIMIT 3"))
            return (
                first,
                len(__import__("json").loads(after.body)["results"]["bindings"]),
                pool.restarts,
            )
        finally:
            await pool.close()

    assert run_on(loop_name, main) == ("timeout", 3, 1)


def test_a_full_queue_answers_busy(snapshot: StoreConfig) -> None:
    async def main() -> list[str]:
        pool = QueryPool(snapshot, 1, 2.0, 1)
        await pool.start()
        results: list[str] = []

        async def call() -> None:
            try:
                await pool.run(Job(text=SLOW))
                results.append("answered")
            except JobTimeout:
                results.append("timeout")
            except PoolBusy:
                results.append("busy")

        try:
            await asyncio.gather(call(), call(), call())
        finally:
            await pool.close()
        return sorted(results)

    # One runs (and times out), one waits in line (and passes the deadline), one is refused.
    assert asyncio.run(main()) == ["busy", "busy", "timeout"]


def test_a_worker_that_cannot_open_the_store_is_reported(tmp_path: Path) -> None:
    from mlopskg.api.pool import WorkerFailed

    async def main() -> None:
        pool = QueryPool(StoreConfig(snapshot=tmp_path / "missing.nq"), 1, 2.0, 1)
        await pool.start()

    with pytest.raises(WorkerFailed, match="cannot open the store"):
        asyncio.run(main())

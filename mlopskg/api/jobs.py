"""Running a query or update on the worker pool, with its failures mapped to HTTP errors
once for every route (timeouts and a busy pool are 503, a malformed query 400, ...)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mlopskg.api.errors import ApiError
from mlopskg.api.pool import JobTimeout, PoolBusy, QueryPool, WorkerFailed
from mlopskg.api.worker import Job, Outcome
from mlopskg.sparql.binding import bind_with_values
from mlopskg.stores.interface import Term

#: A SELECT result row in SPARQL JSON: variable -> {"type": ..., "value": ...}.
Row = dict[str, dict[str, str]]


def _error_for(outcome: Outcome, what: str) -> ApiError:
    if outcome.error == "syntax":
        return ApiError(400, f"malformed {what}: {outcome.message}")
    if outcome.error == "too-large":
        return ApiError(413, outcome.message)
    if outcome.error == "store":
        return ApiError(502, f"the store did not answer the {what}: {outcome.message}")
    return ApiError(400, f"the {what} failed: {outcome.message}")


@dataclass(frozen=True)
class JobRunner:
    """The pool, with the server's time limit and result limit."""

    pool: QueryPool
    timeout: float
    max_result_bytes: int

    async def run(self, job: Job, what: str = "query") -> Outcome:
        """Run a job; an :class:`ApiError` with the status to answer if it fails."""
        try:
            outcome: Outcome = await self.pool.run(job)
        except JobTimeout:
            raise ApiError(
                503, f"the {what} ran past the time limit of {self.timeout:g} s and was stopped"
            ) from None
        except PoolBusy:
            raise ApiError(
                503, "the server is busy: too many queries are waiting; try again shortly"
            ) from None
        except WorkerFailed as error:
            raise ApiError(503, f"the query worker failed: {error}") from None
        if outcome.error:
            raise _error_for(outcome, what)
        return outcome

    async def query(
        self, sparql: str, fmt: str, bindings: Mapping[str, Term] | None = None
    ) -> bytes:
        """A query with variables bound as data (a VALUES block), serialised as ``fmt``."""
        text = bind_with_values(sparql, dict(bindings or {})) or sparql
        job = Job(text=text, fmt=fmt, limit=self.max_result_bytes)
        return (await self.run(job)).body

    async def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[Row]:
        """The rows of a SELECT query."""
        data: dict[str, Any] = json.loads(await self.query(sparql, "json", bindings))
        rows: list[Row] = data["results"]["bindings"]
        return rows

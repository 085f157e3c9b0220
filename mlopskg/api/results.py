"""Serialise query results for the endpoint's workers, with a bound on their size.

pyoxigraph's own serialisers (SPARQL JSON, XML, CSV, TSV; Turtle, N-Triples, RDF/XML,
JSON-LD) write in chunks into a Python file object; the buffer here refuses to grow past the
limit, which stops the serialisation, and so the query's evaluation, where it stands.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pyoxigraph as ox

from mlopskg.queries.results import GRAPH_FORMATS, RESULT_FORMATS

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


class ResultTooLarge(Exception):
    """The serialised result passes the server's size limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(
            f"the result is larger than {limit:,} bytes, the most this endpoint returns at once;"
            " narrow the query or page through it with LIMIT and OFFSET"
        )


class BoundedBuffer(io.BytesIO):
    """A bytes buffer that raises ResultTooLarge instead of growing past ``limit``."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def write(self, data: ReadableBuffer) -> int:
        size = memoryview(data).nbytes
        if self.tell() + size > self.limit:
            raise ResultTooLarge(self.limit)
        return super().write(data)


def write_result(
    result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | list[ox.Triple],
    fmt: str,
    limit: int,
) -> bytes:
    """Serialise a query result in ``fmt``; raise ResultTooLarge past ``limit`` bytes.
    A list of triples is a remote store's CONSTRUCT or DESCRIBE result."""
    out = BoundedBuffer(limit)
    # pyoxigraph passes the writer's ResultTooLarge through, stopping where it stands.
    if isinstance(result, list):
        ox.serialize(result, out, format=GRAPH_FORMATS[fmt])
    elif isinstance(result, ox.QueryTriples):
        result.serialize(out, format=GRAPH_FORMATS[fmt])
    else:
        result.serialize(out, format=RESULT_FORMATS[fmt])
    return out.getvalue()

"""A remote SPARQL 1.1 store (Virtuoso, Oxigraph server, Fuseki, GraphDB, ...) behind the
store interface.

Queries go to the query endpoint with SPARQLWrapper, results come back as SPARQL JSON (or
Turtle for CONSTRUCT and DESCRIBE) and are parsed by pyoxigraph, so everything above the
interface gets the same result objects as from the embedded store. Parameters are bound as
a VALUES block, as for the embedded store (nothing is pasted into the query text).

The default graph is expected to be the union of the named graphs, as on Virtuoso by
default; start Oxigraph server with ``--union-default-graph``; on Fuseki set
``tdb2:unionDefaultGraph true``, on GraphDB query the default repository setting "the
union of all graphs" (see the README).

Failures are :class:`~mlopskg.errors.StoreError` with the URL and the cause. Transient
ones (connection refused or reset, timeouts, 502/503/504) are retried with back-off;
others (bad credentials, a rejected query) are not.
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import pyoxigraph as ox
from SPARQLWrapper import BASIC, DIGEST, JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
)

from mlopskg.errors import ParameterError, RequestRejected, StoreError
from mlopskg.sparql.binding import bind_with_values
from mlopskg.sparql.text import query_form
from mlopskg.stores.interface import Dataset, QueryResult, Term

T = TypeVar("T")

#: HTTP statuses worth another try.
TRANSIENT_STATUSES = {429, 502, 503, 504}
#: Graphs counted through a VALUES list by :meth:`RemoteStore.graph_sizes`; more are
#: counted by counting all graphs.
FEW_GRAPHS = 20


@dataclass(frozen=True)
class Credentials:
    """How to authenticate: ``basic`` or ``digest`` with a user and password, or ``bearer``."""

    user: str | None = None
    password: str | None = None
    scheme: str = "basic"
    token: str | None = None

    @classmethod
    def from_options(
        cls, user: str | None = None, password: str | None = None, scheme: str | None = None
    ) -> Credentials:
        """Credentials as the command line and the environment give them: with ``bearer``,
        the password is the token.

        >>> Credentials.from_options(None, "T0K", "bearer").token
        'T0K'
        """
        scheme = scheme or "basic"
        return cls(user, password, scheme, password if scheme == "bearer" else None)


class RemoteStore:
    """A SPARQL 1.1 query endpoint, with an update endpoint for ``mlopskg load``."""

    def __init__(
        self,
        endpoint: str,
        update_endpoint: str | None = None,
        credentials: Credentials | None = None,
        timeout: float = 60.0,
        retries: int = 3,
        backoff: float = 0.5,
    ) -> None:
        if not endpoint.startswith(("http://", "https://")):
            raise StoreError(f"{endpoint}: not an http(s) URL of a SPARQL endpoint")
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint
        self.credentials = credentials or Credentials()
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoint!r})"

    # -- the store interface -------------------------------------------------------------

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        """Run a query on the endpoint; the result as pyoxigraph objects."""
        text = sparql
        if bindings:
            bound = bind_with_values(sparql, bindings)
            if bound is None:
                raise ParameterError(
                    "(remote)",
                    ", ".join(sorted(bindings)),
                    "cannot be bound as a VALUES block for a remote store",
                )
            text = bound
        wrapper = self._wrapper(self.endpoint)
        wrapper.setQuery(text)
        # SPARQLWrapper guesses the form with a regex that comments can mislead; ours skips them.
        form = query_form(text) or "SELECT"
        wrapper.queryType = form
        graph_result = form in ("CONSTRUCT", "DESCRIBE")
        wrapper.setReturnFormat(TURTLE if graph_result else JSON)
        wrapper.addCustomHttpHeader(
            "Accept", "text/turtle" if graph_result else "application/sparql-results+json"
        )
        body = self._call(self.endpoint, lambda: wrapper.query().response.read())
        try:
            if graph_result:
                return [quad.triple for quad in ox.parse(body, format=ox.RdfFormat.TURTLE)]  # type: ignore[return-value]
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"{self.endpoint}: unreadable answer ({error})") from error

    def query_dataset(
        self, sparql: str, dataset: Dataset, base_iri: str | None = None
    ) -> QueryResult:
        """A query of the SPARQL protocol, over the endpoint's own default graph: a remote
        store takes its dataset from the query (FROM), not from protocol parameters."""
        if dataset.is_named:
            raise RequestRejected(
                "default-graph-uri and named-graph-uri are not supported on a remote store; "
                "use FROM in the query"
            )
        return self.query(sparql)

    def update(self, sparql: str, base_iri: str | None = None) -> None:
        """Run a SPARQL Update on the update endpoint (``base_iri`` is the server's to set)."""
        if not self.update_endpoint:
            raise StoreError(f"{self.endpoint}: no update endpoint given (--update-endpoint)")
        url = self.update_endpoint
        wrapper = self._wrapper(url)
        wrapper.setQuery(sparql)
        wrapper.setMethod(POST)
        self._call(url, lambda: wrapper.query().response.read())

    def named_graphs(self) -> list[str]:
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(result, ox.QuerySolutions)
        return sorted(row["g"].value for row in result if isinstance(row["g"], ox.NamedNode))

    def graph_sizes(self, graphs: Iterable[str] | None = None) -> dict[str, int]:
        """Triples per named graph (all graphs, or those given; a graph without triples is
        left out). A few graphs are counted through a ``VALUES`` list; more, by counting all
        graphs: Virtuoso's time for a count over a ``VALUES`` list grows much faster than
        the list (in the 1-million-triple benchmark store, 0.09 s for 50 graphs, 1.05 s
        for 200, more than 60 s for 500 while another such count ran), while it counts
        every graph in 0.3 s (decision 0016)."""
        wanted = None if graphs is None else set(graphs)
        values = ""
        if wanted is not None and len(wanted) <= FEW_GRAPHS:
            values = "VALUES ?g { " + " ".join(f"<{g}>" for g in sorted(wanted)) + " } "
        result = self.query(
            f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ {values}GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
        )
        assert isinstance(result, ox.QuerySolutions)
        sizes = {row["g"].value: int(row["n"].value) for row in result}
        return sizes if wanted is None else {g: n for g, n in sizes.items() if g in wanted}

    def __len__(self) -> int:
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(result, ox.QuerySolutions)
        return next(int(row["n"].value) for row in result)

    # -- HTTP ----------------------------------------------------------------------------

    def _wrapper(self, url: str) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(self.endpoint, updateEndpoint=self.update_endpoint)
        wrapper.setTimeout(int(self.timeout))
        wrapper.setMethod(POST)
        wrapper.setOnlyConneg(True)
        wrapper.addCustomHttpHeader("User-Agent", "mlopskg")
        credentials = self.credentials
        if credentials.scheme == "bearer" and credentials.token:
            wrapper.addCustomHttpHeader("Authorization", f"Bearer {credentials.token}")
        elif credentials.user is not None:
            wrapper.setHTTPAuth(DIGEST if credentials.scheme == "digest" else BASIC)
            wrapper.setCredentials(credentials.user, credentials.password or "")
        return wrapper

    def _call(self, url: str, request: Callable[[], T]) -> T:
        return with_retries(url, request, self.retries, self.backoff)


def with_retries(
    url: str,
    request: Callable[[], T],
    retries: int,
    backoff: float,
    describe: Callable[[Exception], tuple[bool, str]] | None = None,
) -> T:
    """Run ``request``, again after ``backoff`` seconds (doubling) while it fails in a
    transient way, at most ``retries`` more times; a failure as a :class:`StoreError`
    naming ``url`` and the cause (``describe`` words it, :func:`describe_failure` by
    default)."""
    delay = backoff
    for attempt in range(retries + 1):
        try:
            return request()
        except Exception as error:
            transient, cause = (describe or describe_failure)(error)
            if isinstance(error, QueryBadFormed):
                raise RequestRejected(f"{url}: {cause}") from error
            if not transient or attempt == retries:
                raise StoreError(f"{url}: {cause}") from error
            time.sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")


def describe_failure(error: Exception) -> tuple[bool, str]:
    """(is it worth retrying, a one-line cause) of a failed request."""
    if isinstance(error, Unauthorized):
        return False, "authentication failed (401): check --user, --password and --auth"
    if isinstance(error, EndPointNotFound):
        return False, "no SPARQL endpoint at this URL (404)"
    if isinstance(error, QueryBadFormed):
        return False, f"the store rejected the request (400): {_first_line(error)}"
    if isinstance(error, EndPointInternalError):
        text = str(error)
        # SQLSTATE 40001 (a deadlock or serialization failure: Virtuoso's SR172) and S1T00 (a
        # transaction that timed out waiting for locks: Virtuoso's SR171) are worth a retry.
        transient = any(code in text for code in ("40001", "S1T00")) or "deadlock" in text.lower()
        return transient, f"the store failed (500): {_first_line(error)}"
    if isinstance(error, urllib.error.HTTPError):
        if error.code == 403:
            return False, "forbidden (403): the user may not do this (updates need rights)"
        return error.code in TRANSIENT_STATUSES, f"HTTP {error.code} {error.reason}"
    if isinstance(error, urllib.error.URLError):
        reason = error.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            return True, "timed out"
        if isinstance(reason, ConnectionRefusedError):
            return True, "connection refused (is the store running?)"
        if isinstance(reason, socket.gaierror):
            return False, f"unknown host ({reason.strerror})"
        return True, f"unreachable ({reason})"
    if isinstance(error, TimeoutError | socket.timeout):
        return True, "timed out"
    if isinstance(error, ConnectionError | http.client.HTTPException):
        return True, f"connection failed ({error.__class__.__name__})"
    if isinstance(error, SPARQLWrapperException):
        return False, _first_line(error)
    return False, f"{error.__class__.__name__}: {error}"


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    for prefix in ("QueryBadFormed: ", "EndPointInternalError: ", "Response:"):
        text = text.replace(prefix, "")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(lines[:3])[:300]

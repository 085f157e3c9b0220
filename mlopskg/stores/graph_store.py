"""A SPARQL 1.1 Graph Store HTTP Protocol endpoint: a whole graph in one request.

``mlopskg load`` writes its staging graphs through it where the store has one (a ``PUT``
replaces a graph, a ``POST`` adds to it), which is much faster than SPARQL Update's
``INSERT DATA`` of a few thousand triples per request. Graphs are named with the
protocol's indirect identification (``?graph=IRI``), the body is N-Triples.

Where a store has its endpoint, as the tests showed:

- Virtuoso: ``/sparql-graph-crud-auth`` (with credentials; ``/sparql-graph-crud`` has no
  write rights by default, 403);
- Oxigraph server: ``/store``; the probe knows it by its ``Server`` header and sends the
  ``POST``s of large graphs' further pieces with its ``no_transaction`` option, which hands
  them to its bulk loader (several times faster than its transactional writes once the
  store holds millions of triples; decision 0018).

:func:`choose_graph_store` picks the protocol for a load: ``gsp``, ``update``, or ``auto``,
which probes the endpoint with a one-triple graph and falls back to SPARQL Update when the
store has no usable Graph Store endpoint there.
"""

from __future__ import annotations

import base64
import http.client
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from mlopskg.errors import StoreError
from mlopskg.stores.remote import Credentials, RemoteStore, describe_failure, with_retries

PROTOCOLS = ("auto", "gsp", "update")
#: How Oxigraph server names itself in its answers' ``Server`` header.
OXIGRAPH_SERVER = "Oxigraph/"
PROBE_GRAPH = "urn:mlopskg:probe"
PROBE_TRIPLE = b'<urn:mlopskg:probe> <urn:mlopskg:probe> "probe" .\n'

#: Statuses of a store that has no Graph Store endpoint at the URL, or cannot take the
#: request there: worth falling back to SPARQL Update under ``auto``.
UNSUPPORTED_STATUSES = {400, 404, 405, 406, 415, 500, 501}

#: The endpoint beside an update endpoint, for the stores the tests run (Virtuoso's
#: ``/sparql-auth`` and ``/sparql``, Oxigraph server's ``/update``).
_BESIDE_UPDATE = (
    ("/sparql-auth", "/sparql-graph-crud-auth"),
    ("/sparql", "/sparql-graph-crud"),
    ("/update", "/store"),
)


class GraphStore:
    """One Graph Store Protocol endpoint, with the credentials and limits of the store."""

    def __init__(
        self,
        url: str,
        credentials: Credentials | None = None,
        timeout: float = 600.0,
        retries: int = 3,
        backoff: float = 0.5,
    ) -> None:
        if not url.startswith(("http://", "https://")):
            raise StoreError(f"{url}: not an http(s) URL of a Graph Store Protocol endpoint")
        self.url = url
        self.credentials = credentials or Credentials()
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        #: A query parameter added to each POST: set by :func:`probe` for a store with a
        #: faster, non-transactional way to add triples (Oxigraph server's ``no_transaction``).
        self.post_parameter: str | None = None
        self._local = threading.local()

    def __repr__(self) -> str:
        return f"GraphStore({self.url!r})"

    def put(self, graph: str, ntriples: bytes) -> str:
        """Replace the graph's content with these triples; the store's ``Server`` header."""
        return self._send("PUT", graph, ntriples)

    def post(self, graph: str, ntriples: bytes) -> None:
        """Add these triples to the graph (blank nodes are new nodes, as in any request)."""
        self._send("POST", graph, ntriples)

    def delete(self, graph: str) -> None:
        """Remove the graph; one that is not there (404) is no failure."""
        try:
            self._send("DELETE", graph, None)
        except StoreError as error:
            if status_of(error) != 404:
                raise

    def _send(self, method: str, graph: str, body: bytes | None) -> str:
        """Send one request; the ``Server`` header of the store's answer."""
        target = (
            f"{self.url}{'&' if '?' in self.url else '?'}graph={urllib.parse.quote(graph, safe='')}"
        )
        if method == "POST" and self.post_parameter:
            target += f"&{self.post_parameter}"
        headers = {"User-Agent": "mlopskg"}
        if body is not None:
            headers["Content-Type"] = "application/n-triples"
        credentials = self.credentials
        if credentials.scheme == "bearer" and credentials.token:
            headers["Authorization"] = f"Bearer {credentials.token}"
        elif credentials.user is not None and credentials.scheme == "basic":
            pair = f"{credentials.user}:{credentials.password or ''}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")

        def send() -> str:
            request = urllib.request.Request(target, data=body, method=method, headers=headers)
            digest = self._digest()
            if digest is None:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return _answered(response)
            digest.sign(request, self.timeout)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return _answered(response)
            except urllib.error.HTTPError as error:
                if error.code != 401 or not digest.renew(error):
                    raise
                request = urllib.request.Request(target, data=body, method=method, headers=headers)
                digest.sign(request, self.timeout)
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return _answered(response)

        def describe(error: Exception) -> tuple[bool, str]:
            return describe_graph_store_failure(error, method)

        return with_retries(self.url, send, self.retries, self.backoff, describe)

    def _digest(self) -> _Digest | None:
        credentials = self.credentials
        if credentials.user is None or credentials.scheme != "digest":
            return None
        if not hasattr(self._local, "digest"):
            self._local.digest = _Digest(self.url, credentials.user, credentials.password or "")
        digest: _Digest = self._local.digest
        return digest


def _answered(response: http.client.HTTPResponse) -> str:
    """Read the answer; its ``Server`` header."""
    response.read()
    return str(response.headers.get("Server", ""))


class _Digest:
    """Digest authentication, signed before a request is sent: a store answers an unsigned
    request with 401 and may close the connection while a large body is still being sent
    (Virtuoso does: the client sees a reset, not the 401). The challenge comes from a
    bodyless GET, and is renewed when the store says so with a 401. One per thread, since
    the nonce count runs on."""

    def __init__(self, url: str, user: str, password: str) -> None:
        self.url = url
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, user, password)
        self.handler = urllib.request.HTTPDigestAuthHandler(passwords)
        self.challenge: dict[str, str] | None = None

    def sign(self, request: urllib.request.Request, timeout: float) -> None:
        if self.challenge is None:
            self.challenge = self._fetch_challenge(timeout)
        if self.challenge is None:
            return  # the store asks for no authentication
        authorization = self.handler.get_authorization(request, self.challenge)
        if authorization:
            request.add_unredirected_header("Authorization", f"Digest {authorization}")

    def renew(self, error: urllib.error.HTTPError) -> bool:
        """Take the challenge of a 401; False when it is the one that just failed."""
        challenge = _challenge(error.headers.get("WWW-Authenticate", ""))
        if challenge is None or challenge == self.challenge:
            return False
        self.challenge = challenge
        return True

    def _fetch_challenge(self, timeout: float) -> dict[str, str] | None:
        probe = urllib.request.Request(
            f"{self.url}{'&' if '?' in self.url else '?'}graph={urllib.parse.quote(PROBE_GRAPH)}",
            headers={"User-Agent": "mlopskg"},
        )
        try:
            with urllib.request.urlopen(probe, timeout=timeout) as response:
                response.read()
        except urllib.error.HTTPError as error:
            if error.code == 401:
                return _challenge(error.headers.get("WWW-Authenticate", ""))
        return None


def _challenge(header: str) -> dict[str, str] | None:
    """The parameters of a ``Digest`` challenge."""
    scheme, _, rest = header.strip().partition(" ")
    if scheme.lower() != "digest":
        return None
    return urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest))


def describe_graph_store_failure(error: Exception, method: str = "PUT") -> tuple[bool, str]:
    """(worth retrying, a one-line cause), with the store's own words for a refusal."""
    if isinstance(error, urllib.error.HTTPError):
        code = error.code
        said = _said(error)
        if code == 401:
            return False, "authentication failed (401): check --user, --password and --auth"
        if code == 403:
            return False, f"forbidden (403): the user may not write graphs{said}"
        if code == 404:
            return False, f"no Graph Store Protocol endpoint here, or no such graph (404){said}"
        if code in (405, 501):
            return False, f"this endpoint does not take {method} ({code}){said}"
        if code == 500 and re.search(r"40001|S1T00|deadlock", said, re.IGNORECASE):
            return True, f"the store failed (500){said}"
        if code in (400, 406, 415, 500):
            return False, f"the store refused the graph ({code}){said}"
    return describe_failure(error)


def _said(error: urllib.error.HTTPError) -> str:
    """The first words of the store's answer, without its HTML."""
    try:
        text = error.read(2000).decode("utf-8", "replace")
    except Exception:
        return ""
    text = re.sub(r"<(title|h1)>.*?</\1>", " ", text, flags=re.IGNORECASE | re.DOTALL)
    text = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    return f": {text[:300]}" if text else ""


def status_of(error: BaseException) -> int | None:
    """The HTTP status behind a store error, if there was one."""
    cause = error.__cause__
    return cause.code if isinstance(cause, urllib.error.HTTPError) else None


def graph_store_url(update_endpoint: str) -> str | None:
    """The Graph Store endpoint beside an update endpoint, for the stores the tests run.

    >>> graph_store_url("http://localhost:8890/sparql-auth")
    'http://localhost:8890/sparql-graph-crud-auth'
    >>> graph_store_url("http://localhost:7878/update")
    'http://localhost:7878/store'
    >>> graph_store_url("http://localhost:3030/ds/statements") is None
    True
    """
    parts = urllib.parse.urlsplit(update_endpoint)
    for ending, replacement in _BESIDE_UPDATE:
        if parts.path.endswith(ending):
            path = parts.path[: -len(ending)] + replacement
            return urllib.parse.urlunsplit(parts._replace(path=path, query="", fragment=""))
    return None


@dataclass(frozen=True)
class ProtocolChoice:
    """The Graph Store to stage through (None: SPARQL Update), and why."""

    graph_store: GraphStore | None
    reason: str

    @property
    def name(self) -> str:
        return "gsp" if self.graph_store else "update"


def choose_graph_store(
    remote: RemoteStore, protocol: str = "auto", url: str | None = None
) -> ProtocolChoice:
    """The protocol of a load: ``update``; ``gsp`` (an unusable endpoint is an error); or
    ``auto``, which probes ``url`` (or the endpoint beside the update endpoint) and falls
    back to SPARQL Update when there is none there. Bad credentials or an unreachable
    store are errors under ``auto`` too: SPARQL Update would meet them as well."""
    if protocol not in PROTOCOLS:
        raise StoreError(f"--protocol {protocol}: not one of {', '.join(PROTOCOLS)}")
    if protocol == "update":
        return ProtocolChoice(None, "SPARQL Update, as asked")
    url = url or graph_store_url(remote.update_endpoint or remote.endpoint)
    if url is None:
        if protocol == "gsp":
            raise StoreError(
                f"{remote.update_endpoint}: no Graph Store endpoint known beside this update "
                "endpoint; give it with --graph-store URL"
            )
        return ProtocolChoice(None, "SPARQL Update: no Graph Store endpoint known (--graph-store)")
    store = GraphStore(
        url,
        remote.credentials,
        timeout=max(remote.timeout, 600.0),
        retries=remote.retries,
        backoff=remote.backoff,
    )
    problem = probe(store, remote)
    if problem is None:
        bulk = f", POSTs with {store.post_parameter}" if store.post_parameter else ""
        return ProtocolChoice(store, f"Graph Store Protocol at {url}{bulk}")
    if protocol == "gsp":
        raise StoreError(f"{url}: not a usable Graph Store endpoint ({problem})")
    return ProtocolChoice(None, f"SPARQL Update: {url} {problem}")


def probe(store: GraphStore, remote: RemoteStore) -> str | None:
    """Write a one-triple graph through the endpoint and read it back with a query; what
    went wrong, or None when the endpoint works. Refusals that SPARQL Update would meet as
    well (credentials, rights, an unreachable store) are raised."""
    try:
        server = store.put(PROBE_GRAPH, PROBE_TRIPLE)
    except StoreError as error:
        if status_of(error) in UNSUPPORTED_STATUSES:
            return f"answered {status_of(error)} to a PUT"
        raise
    if server.startswith(OXIGRAPH_SERVER):
        # Oxigraph server's writes in a transaction slow down as the store grows (7.8
        # million triples staged at 13,000 a second); its bulk loader takes the further
        # pieces of a large graph several times faster (decision 0018). The load's size
        # checks stand in for the request's atomicity.
        store.post_parameter = "no_transaction"
    found = remote.graph_sizes([PROBE_GRAPH]).get(PROBE_GRAPH, 0)
    store.delete(PROBE_GRAPH)
    if found != 1:
        return f"took a PUT of one triple, but the query endpoint then saw {found}"
    return None

"""Where the knowledge graph is, and the one way to open it.

A :class:`StoreConfig` names an on-disk store, a snapshot to load into memory, or a remote
SPARQL endpoint with its credentials. It is a plain frozen dataclass, so it can be pickled
to the server's query workers, which open their own handle with :func:`open_store`.

>>> StoreConfig.remote("http://localhost:8890/sparql", password="T0K", auth="bearer").credentials.token
'T0K'
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from mlopskg.errors import StoreError
from mlopskg.stores.embedded import EmbeddedStore
from mlopskg.stores.remote import Credentials, RemoteStore


@dataclass(frozen=True)
class StoreConfig:
    """An embedded store (``path`` on disk, or a ``snapshot`` in N-Quads loaded into memory)
    or a remote one (``endpoint``, with ``update_endpoint`` and ``credentials``)."""

    path: Path | None = None
    snapshot: Path | None = None
    endpoint: str | None = None
    update_endpoint: str | None = None
    credentials: Credentials = field(default_factory=Credentials, repr=False)
    #: Open an on-disk store for writing (SPARQL Update); read-only otherwise.
    writable: bool = False
    #: A read-only on-disk store with at most this many quads is copied into memory, where
    #: queries run about twice as fast; 0 never copies.
    memory_limit: int = 0
    #: For a remote store: seconds per request, and retries of transient failures.
    timeout: float = 60.0
    retries: int = 3

    @classmethod
    def remote(
        cls,
        endpoint: str,
        update_endpoint: str | None = None,
        *,
        user: str | None = None,
        password: str | None = None,
        auth: str | None = None,
    ) -> StoreConfig:
        """A remote store as the command line names it (``--auth bearer``: the password is
        the token)."""
        return cls(
            endpoint=endpoint,
            update_endpoint=update_endpoint,
            credentials=Credentials.from_options(user, password, auth),
        )

    @property
    def is_remote(self) -> bool:
        return self.endpoint is not None

    def with_limits(self, timeout: float, retries: int) -> StoreConfig:
        """This configuration with a remote store's time limit and retries."""
        return replace(self, timeout=timeout, retries=retries)

    def __str__(self) -> str:
        return str(self.endpoint or self.snapshot or self.path or "an empty in-memory store")


def open_remote(config: StoreConfig) -> RemoteStore:
    """The remote store a configuration names."""
    if config.endpoint is None:
        raise StoreError(f"{config}: not a remote store (give --endpoint)")
    return RemoteStore(
        config.endpoint,
        config.update_endpoint,
        config.credentials,
        timeout=config.timeout,
        retries=config.retries,
    )


def open_store(config: StoreConfig) -> EmbeddedStore | RemoteStore:
    """Open the store a configuration names (it is not built here: see
    :func:`mlopskg.graph.opening.open_graph` for "use the built store, or build now")."""
    if config.endpoint is not None:
        return open_remote(config)
    if config.snapshot is not None:
        return EmbeddedStore.from_nquads(config.snapshot)
    if config.path is None:
        return EmbeddedStore()
    if not config.path.exists():
        raise StoreError(f"no store at {config.path}: run `mlopskg build` first")
    store = EmbeddedStore(config.path, read_only=not config.writable)
    if not config.writable and 0 < len(store) <= config.memory_limit:
        return store.in_memory()
    return store

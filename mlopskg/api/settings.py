"""Server settings: from command-line options, the environment (MLOPSKG_*), or code."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from mlopskg.stores.config import StoreConfig


@dataclass(frozen=True)
class ServerSettings:
    """How `mlopskg serve` runs. Safe by default: read-only, bounded, no outbound fetches."""

    host: str = "127.0.0.1"
    port: int = 8000
    store: Path | None = None
    #: Seconds a query may run before its worker is stopped and the client gets 503.
    query_timeout: float = 10.0
    #: Largest serialised result a response may carry (bytes); larger gets 413.
    max_result_bytes: int = 20_000_000
    #: Largest request body accepted (bytes); larger gets 413.
    max_request_bytes: int = 1_000_000
    #: Largest repository archive ``POST /scan`` accepts (bytes); larger gets 413. What the
    #: archive may expand to is bounded by the scanner (size, ratio, member count).
    max_upload_bytes: int = 20_000_000
    #: Longest query text accepted (characters).
    max_query_length: int = 100_000
    #: Query worker processes: how many queries run at once.
    workers: int = 4
    #: Each worker copies a store of at most this many quads into memory (faster queries,
    #: more memory); larger stores are read from disk.
    memory_limit: int = 2_000_000
    #: Requests that may wait for a free worker before new ones get 503.
    max_waiting: int = 64
    #: SPARQL Update is refused (403) unless enabled *and* a token is set.
    allow_updates: bool = False
    update_token: str | None = None
    #: Origins allowed by CORS ("*" for any).
    cors_origins: tuple[str, ...] = field(default=("*",))
    #: A remote SPARQL 1.1 store to answer from instead of the embedded one.
    remote: StoreConfig | None = None

    def with_remote(self, remote: StoreConfig) -> ServerSettings:
        """These settings, answering from a remote store."""
        return replace(self, remote=remote)

    def store_config(self) -> StoreConfig:
        """How the query workers and the validator open the store these settings name: the
        remote store (bounded by the query time limit, one retry), or the on-disk store."""
        if self.remote is not None:
            return self.remote.with_limits(timeout=self.query_timeout, retries=1)
        return StoreConfig(
            path=self.store, writable=self.updates_enabled, memory_limit=self.memory_limit
        )

    @classmethod
    def from_env(cls, **overrides: object) -> ServerSettings:
        """Defaults, then MLOPSKG_<NAME> environment variables, then explicit overrides."""
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = os.environ.get(f"MLOPSKG_{f.name.upper()}")
            if raw is None or f.name == "remote":
                continue
            if f.name == "store":
                values[f.name] = Path(raw)
            elif f.name == "cors_origins":
                values[f.name] = tuple(o.strip() for o in raw.split(",") if o.strip())
            elif f.type in ("int", int):
                values[f.name] = int(raw)
            elif f.type in ("float", float):
                values[f.name] = float(raw)
            elif f.type in ("bool", bool):
                values[f.name] = raw.lower() in ("1", "true", "yes")
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)  # type: ignore[arg-type]

    @property
    def updates_enabled(self) -> bool:
        return self.allow_updates and bool(self.update_token)

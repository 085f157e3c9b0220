"""The store interface: what the rest of mlopskg needs from a store, embedded or remote.

Queries see the union of all named graphs as their default graph, as Virtuoso and most
SPARQL servers do by default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

import pyoxigraph as ox

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
Term = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass(frozen=True)
class Dataset:
    """The dataset of a SPARQL protocol request: the graphs its ``default-graph-uri`` and
    ``named-graph-uri`` name (``""`` is the default graph), else the union of the named
    graphs as the default graph if ``union``."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    union: bool = True

    @property
    def is_named(self) -> bool:
        """Whether the request names its graphs."""
        return bool(self.default_graphs or self.named_graphs)


class GraphStore(Protocol):
    """What the rest of mlopskg needs from a store."""

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        """Run a SPARQL query over the union of the named graphs, with variables pre-bound."""
        ...

    def named_graphs(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        ...

    def __len__(self) -> int: ...

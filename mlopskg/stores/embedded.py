"""The embedded store: an Oxigraph store, in memory or on disk.

Everything above the stores talks to a :class:`~mlopskg.stores.interface.GraphStore`; queries
see the union of all named graphs as their default graph.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from mlopskg.errors import StoreError
from mlopskg.sparql.binding import bind_with_values
from mlopskg.sparql.text import has_dataset_clause
from mlopskg.stores.interface import Dataset, QueryResult, Term

_Substitutable = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class EmbeddedStore:
    """An Oxigraph store; in memory unless given a path.

    >>> store = EmbeddedStore()
    >>> store.add_quads([ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"),
    ...                          ox.Literal("o"), ox.NamedNode("http://e/g"))])
    >>> bool(store.query("ASK { ?s ?p 'o' }"))
    True
    """

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._store = ox.Store(str(self.path))
        except OSError as error:
            raise StoreError(f"cannot open the store at {self.path}: {error}") from error

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for the build and the benchmarks."""
        return self._store

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        """Run a query over the union of the named graphs, with variables bound to terms.

        Bindings go in as a VALUES block at the start of the WHERE group (see
        :mod:`mlopskg.sparql.binding`); where that cannot be placed, as pyoxigraph substitutions.
        """
        # A query with FROM / FROM NAMED keeps its own dataset: the union flag would override it.
        union = not has_dataset_clause(sparql)
        if bindings:
            bound = bind_with_values(sparql, bindings)
            if bound is not None:
                return self._store.query(bound, use_default_graph_as_union=union)
        substitutions: dict[ox.Variable, _Substitutable] = {
            ox.Variable(name): term for name, term in (bindings or {}).items()
        }
        return self._store.query(
            sparql, use_default_graph_as_union=union, substitutions=substitutions or None
        )

    @classmethod
    def from_nquads(cls, path: Path) -> EmbeddedStore:
        """An in-memory store loaded from an N-Quads file (a snapshot of another store)."""
        store = cls()
        try:
            store._store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError) as error:
            raise StoreError(f"cannot load the snapshot {path}: {error}") from error
        return store

    def in_memory(self) -> EmbeddedStore:
        """A copy of this store in memory, where queries run about twice as fast."""
        copy = EmbeddedStore()
        copy._store.bulk_extend(self._store.quads_for_pattern(None, None, None))
        return copy

    def write_nquads(self, path: Path) -> None:
        """Write every quad to an N-Quads file (a snapshot :meth:`from_nquads` reads)."""
        with Path(path).open("wb") as handle:
            ox.serialize(self.quads(), handle, format=ox.RdfFormat.N_QUADS)

    def query_dataset(
        self, sparql: str, dataset: Dataset, base_iri: str | None = None
    ) -> QueryResult:
        """A query of the SPARQL protocol, over the dataset the request names."""
        options: dict[str, object] = {}
        if dataset.is_named:
            default = [_graph(g) for g in dataset.default_graphs]
            options["default_graph"] = default or ox.DefaultGraph()
            options["named_graphs"] = [ox.NamedNode(g) for g in dataset.named_graphs] or None
        elif dataset.union:
            options["use_default_graph_as_union"] = True
        return self._store.query(sparql, base_iri=base_iri, **options)  # type: ignore[arg-type]

    def update(self, sparql: str, base_iri: str | None = None) -> None:
        self._store.update(sparql, base_iri=base_iri)

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        self._store.extend(quads)

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def quads(self, graph: str | None = None) -> Iterable[ox.Quad]:
        name = ox.NamedNode(graph) if graph else None
        return self._store.quads_for_pattern(None, None, None, name)

    def __len__(self) -> int:
        return len(self._store)

    def save(self, path: Path) -> None:
        """Write this store's content to an on-disk store at ``path``, replacing it atomically.

        The new store is written beside the old one and swapped in only when complete, so a
        failure leaves the previous store intact.
        """
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.new-", dir=path.parent))
        except OSError as error:
            raise StoreError(
                f"cannot write the store at {path}: {error.strerror or error}"
            ) from error
        try:
            disk = ox.Store(str(staging))
            disk.bulk_extend(self._store.quads_for_pattern(None, None, None))
            disk.flush()
            del disk
            retired = path.with_name(f".{path.name}.old")
            if retired.exists():
                shutil.rmtree(retired)
            if path.exists():
                path.rename(retired)
            staging.rename(path)
            if retired.exists():
                shutil.rmtree(retired)
        except OSError as error:
            shutil.rmtree(staging, ignore_errors=True)
            raise StoreError(f"cannot write the store at {path}: {error}") from error


def _graph(name: str) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if name == "" else ox.NamedNode(name)

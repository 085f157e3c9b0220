"""Export the whole graph, ontology included, in a standard RDF syntax."""

from __future__ import annotations

from pathlib import Path

from mlopskg.errors import OutputFileError
from mlopskg.graph.serialization import FORMATS, QUAD_FORMATS, serialize_quads, serialize_triples
from mlopskg.namespaces import INFERRED_GRAPH
from mlopskg.stores.embedded import EmbeddedStore

EXPORT_FORMATS = tuple(FORMATS)


def export_graph(store: EmbeddedStore, format_name: str, *, inferred: bool = True) -> bytes:
    """The graph as bytes. ``nq``/``trig`` keep one named graph per finding (provenance);
    ``ttl``/``nt``/``owl``/``jsonld`` merge them into one graph."""
    quads = [
        q for q in store.quads() if inferred or getattr(q.graph_name, "value", "") != INFERRED_GRAPH
    ]
    if format_name in QUAD_FORMATS:
        return serialize_quads(quads, format_name)
    header = (
        "mlopskg knowledge graph, merged from its named graphs; `mlopskg export --format nq`"
        " keeps one graph per finding, with its source and evidence status."
    )
    return serialize_triples((q.triple for q in quads), format_name, header=header)


def write_export(data: bytes, output: Path | None) -> None:
    """Write to a file (atomically) or to standard output."""
    import sys

    if output is None:
        sys.stdout.buffer.write(data)
        return
    tmp = output.with_name(f".{output.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(output)
    except OSError as error:
        raise OutputFileError(f"cannot write {output}: {error.strerror or error}") from error

"""`mlopskg why` on a real triple store: the explanations are loaded with the graph, so an
inferred statement is traced down to asserted facts there exactly as on the embedded store."""

from __future__ import annotations

import pyoxigraph as ox

from mlopskg.graph.why import explain, store_select
from mlopskg.graph.why_report import answer_json
from mlopskg.stores.embedded import EmbeddedStore
from support.store_server import StoreServer

MLFLOW = ox.NamedNode("https://w3id.org/mlopskg/resource/tool/mlflow")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SUBCLASS = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
FEATURE_STORE = ox.NamedNode("https://w3id.org/mlopskg/ontology#FeatureStore")


def _canonical(data: dict[str, object]) -> dict[str, object]:
    """The answer with each list of statements and evidence in a fixed order (stores may
    return rows of equal sort keys in any order)."""

    def walk(value: object) -> object:
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            items = [walk(v) for v in value]
            return sorted(items, key=repr)
        return value

    return walk(data)  # type: ignore[return-value]


def test_why_gives_the_same_answers_as_the_embedded_store(
    loaded: StoreServer, graph: EmbeddedStore
) -> None:
    remote = store_select(loaded.store())
    local = store_select(graph)
    for subject, predicate in ((MLFLOW, RDF_TYPE), (FEATURE_STORE, SUBCLASS)):
        there = answer_json(explain(remote, subject, predicate))
        here = answer_json(explain(local, subject, predicate))
        assert there["found"] and _canonical(there) == _canonical(here)
        inferred = [
            e
            for s in there["statements"]
            for e in s["evidence"]
            if e["finding"].endswith("/finding/inferred")
        ]
        assert inferred and all(e["inferences"] for e in inferred)

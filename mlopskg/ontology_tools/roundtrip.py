"""Compare two serialisations of the ontology as graphs, up to what editors may change.

Protégé (the OWL API) rewrites an ontology when it saves it: new blank-node labels, and the
members of set-valued RDF lists (``owl:oneOf``, ``owl:unionOf``, ...) in another order. Two
files hold the same ontology when their graphs are isomorphic once those lists are sorted.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from mlopskg.graph.loading import parse_triples

_OWL = "http://www.w3.org/2002/07/owl#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#: Predicates whose list value is a set: the order of its members carries no meaning.
SET_LISTS = {
    _OWL + n
    for n in ("oneOf", "unionOf", "intersectionOf", "disjointUnionOf", "members", "distinctMembers")
}


def _list_members(
    by_subject: dict[object, dict[str, list[object]]], head: object
) -> list[object] | None:
    members, node, seen = [], head, set()
    while not (isinstance(node, ox.NamedNode) and node.value == _RDF + "nil"):
        if node in seen or node not in by_subject:
            return None
        seen.add(node)
        props = by_subject[node]
        if len(props.get(_RDF + "first", [])) != 1 or len(props.get(_RDF + "rest", [])) != 1:
            return None
        members.append(props[_RDF + "first"][0])
        node = props[_RDF + "rest"][0]
    return members


def normalised(triples: list[ox.Triple]) -> ox.Dataset:
    """The triples with set-valued lists rebuilt in sorted order, blank nodes canonicalised."""
    by_subject: dict[object, dict[str, list[object]]] = {}
    for t in triples:
        by_subject.setdefault(t.subject, {}).setdefault(t.predicate.value, []).append(t.object)
    cells: set[object] = set()
    rebuilt: list[ox.Triple] = []
    for t in triples:
        if t.predicate.value in SET_LISTS and isinstance(t.object, ox.BlankNode):
            members = _list_members(by_subject, t.object)
            if members is None:
                continue
            node: object = t.object
            while not (isinstance(node, ox.NamedNode) and node.value == _RDF + "nil"):
                cells.add(node)
                node = by_subject[node][_RDF + "rest"][0]
            head: ox.NamedNode | ox.BlankNode = ox.NamedNode(_RDF + "nil")
            for member in sorted(members, key=str, reverse=True):
                cell = ox.BlankNode()
                rebuilt += [
                    ox.Triple(cell, ox.NamedNode(_RDF + "first"), member),  # type: ignore[arg-type]
                    ox.Triple(cell, ox.NamedNode(_RDF + "rest"), head),
                ]
                head = cell
            rebuilt.append(ox.Triple(t.subject, t.predicate, head))
    kept = [
        t
        for t in triples
        if t.subject not in cells
        and not (t.predicate.value in SET_LISTS and isinstance(t.object, ox.BlankNode))
    ]
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in kept + rebuilt)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return dataset


def same_ontology(first: Path, second: Path) -> bool:
    """Whether two files hold the same graph, up to blank nodes and set-valued list order."""
    return normalised(parse_triples(first)) == normalised(parse_triples(second))

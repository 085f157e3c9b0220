"""What the validator derives from a description before the shapes run.

Most architecture-wide shapes ask "does this architecture have a component of kind K (or of
a narrower kind)?" or "does some component of kind A send to something of kind B?". Written
as SHACL paths (``mlo:hasComponent / rdf:type / rdfs:subClassOf*``), every such shape walks
every component again, so validation time grew with shapes x components. Instead, the
validator adds, per architecture:

- ``?architecture mlsh:componentKind ?kind`` for every kind reached by that path (over the
  description and the ontology);
- ``?architecture mlsh:realizesFlow ?flow`` for every flow of the seed checked on the
  architecture (see ``shapes.flow_shape``) that one of its components realises: the
  component is of a source kind and ``mlo:flowsTo`` something of a target kind (or, for a
  flow in either direction, receives from it);

and the shapes read these. The shapes graph states the same derivations as SHACL-AF rules
(``mlsh:ComponentKindsRule`` in ``shapes/architecture/description.ttl``, and a rule on each
architecture-level flow shape), so an engine that runs SHACL rules (pySHACL with
``advanced=True``) reproduces the results from the description; a test checks that it
does. Such triples written in a description are dropped: only the derived ones count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from mlopskg.namespaces import MLO, MLSH
from mlopskg.validation.rules import FlowRule

COMPONENT_KIND = ox.NamedNode(str(MLSH.componentKind))
REALIZES_FLOW = ox.NamedNode(str(MLSH.realizesFlow))
DERIVED = (COMPONENT_KIND, REALIZES_FLOW)
FLOWS_TO = ox.NamedNode(str(MLO.flowsTo))
HAS_COMPONENT = ox.NamedNode(str(MLO.hasComponent))
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SUBCLASS_OF = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
ARCHITECTURE_DESCRIPTION = ox.NamedNode(str(MLO.ArchitectureDescription))

Node = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Subject = ox.NamedNode | ox.BlankNode | ox.Triple


def ontology_subclass_edges(ontology_file: Path) -> dict[Node, set[Node]]:
    """The ``rdfs:subClassOf`` statements of the ontology file, narrower -> broader."""
    edges: dict[Node, set[Node]] = defaultdict(set)
    with ontology_file.open("rb") as source:
        for triple in ox.parse(source, format=ox.RdfFormat.N_TRIPLES):
            if triple.predicate == SUBCLASS_OF:
                edges[triple.subject].add(triple.object)
    return edges


def derive(
    triples: Iterable[ox.Triple],
    ontology_edges: dict[Node, set[Node]],
    flows: Iterable[FlowRule] = (),
) -> list[ox.Triple]:
    """The derived ``mlsh:componentKind`` and ``mlsh:realizesFlow`` triples (see the module)
    of every architecture (an instance of ``mlo:ArchitectureDescription`` or of a subclass
    of it), as the SHACL-AF rules derive them; ``flows``: those checked on the architecture."""
    edges: dict[Node, set[Node]] = defaultdict(set)
    for narrower, broader in ontology_edges.items():
        edges[narrower] |= broader
    components: dict[Subject, set[Node]] = defaultdict(set)
    types: dict[Node, set[Node]] = defaultdict(set)
    sends: dict[Node, set[Node]] = defaultdict(set)
    receives: dict[Node, set[Node]] = defaultdict(set)
    for triple in triples:
        subject, predicate, object_ = triple.subject, triple.predicate, triple.object
        if predicate == SUBCLASS_OF:
            edges[subject].add(object_)
        elif predicate == HAS_COMPONENT:
            components[subject].add(object_)
        elif predicate == RDF_TYPE:
            types[subject].add(object_)
        elif predicate == FLOWS_TO:
            sends[subject].add(object_)
            receives[object_].add(subject)
    reached: dict[Node, set[Node]] = {}

    def closure(start: Node) -> set[Node]:
        if start not in reached:
            found, stack = {start}, [start]
            while stack:
                for broader in edges.get(stack.pop(), ()):
                    if broader not in found:
                        found.add(broader)
                        stack.append(broader)
            reached[start] = found
        return reached[start]

    def kinds_of(node: Node) -> set[Node]:
        return set().union(*(closure(t) for t in types.get(node, ())))

    checked = [
        (
            ox.NamedNode(rule.flow),
            {ox.NamedNode(k) for k in rule.from_kinds},
            {ox.NamedNode(k) for k in rule.to_kinds},
            rule.either_direction,
        )
        for rule in flows
    ]
    derived: list[ox.Triple] = []
    for architecture, parts in components.items():
        if ARCHITECTURE_DESCRIPTION not in kinds_of(architecture):
            continue
        kinds: set[Node] = set()
        realized: set[ox.NamedNode] = set()
        for component in parts:
            mine = kinds_of(component)
            kinds |= mine
            for flow, sources, targets, either in checked:
                if flow in realized or not mine & sources:
                    continue
                ends = sends.get(component, set())
                if either:
                    ends = ends | receives.get(component, set())
                if any(kinds_of(end) & targets for end in ends):
                    realized.add(flow)
        derived += [
            ox.Triple(architecture, COMPONENT_KIND, kind) for kind in sorted(kinds, key=str)
        ]
        derived += [
            ox.Triple(architecture, REALIZES_FLOW, flow) for flow in sorted(realized, key=str)
        ]
    return derived


def with_derived(
    triples: list[ox.Triple],
    ontology_edges: dict[Node, set[Node]],
    flows: Iterable[FlowRule] = (),
) -> list[ox.Triple]:
    """The description's triples without any derived property it states, plus the derived
    triples."""
    own = [t for t in triples if t.predicate not in DERIVED]
    return own + derive(own, ontology_edges, flows)

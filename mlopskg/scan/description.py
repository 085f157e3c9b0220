"""The scanned architecture as RDF, in the contract's vocabulary, with its evidence in
PROV-O and the scan-evidence terms of decision 0013.

IRIs are stable: a component's from its kind and tool, a sighting's from its tool, a piece
of evidence's from a hash of its file, line, text, detector and tool; so two scans of the
same files differ only in the scan's start time.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import rdflib
from rdflib import Graph, Literal, Namespace, URIRef

from mlopskg.namespaces import MLO, TOOL
from mlopskg.scan.model import Evidence

if TYPE_CHECKING:
    from mlopskg.scan.result import ScanResult

PROV = Namespace("http://www.w3.org/ns/prov#")

#: Where a scanned description's IRIs live unless the caller gives a base.
DEFAULT_BASE = "https://w3id.org/mlopskg/resource/description/scan/"


def slug(text: str) -> str:
    """Lowercase, runs of other characters as one hyphen; CamelCase split.

    >>> slug("ModelRegistry"), slug("infra repo.v2")
    ('model-registry', 'infra-repo-v2')
    """
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", text)
    return re.sub(r"[^a-z0-9]+", "-", spaced.lower()).strip("-") or "x"


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/"))[-1]


def _confidence(value: float) -> Literal:
    return Literal(Decimal(f"{value:.2f}"), datatype=rdflib.XSD.decimal)


class _Writer:
    def __init__(self, result: ScanResult, base: str) -> None:
        self.result = result
        self.base = base
        self.graph = Graph()
        self.scan = URIRef(base + "scan")
        self.written: set[str] = set()

    def evidence(self, item: Evidence) -> URIRef:
        node = URIRef(self.base + "evidence-" + item.key)
        if item.key in self.written:
            return node
        self.written.add(item.key)
        add = self.graph.add
        add((node, rdflib.RDF.type, MLO.ScanEvidence))
        add((node, MLO.evidenceFile, Literal(item.file)))
        if item.line:
            add((node, MLO.evidenceLine, Literal(item.line, datatype=rdflib.XSD.integer)))
        add((node, MLO.matchedText, Literal(item.matched_text)))
        add((node, MLO.detector, Literal(item.detector)))
        add((node, MLO.confidence, _confidence(item.confidence)))
        add((node, PROV.wasGeneratedBy, self.scan))
        return node

    def write(self) -> Graph:
        result, base, add = self.result, self.base, self.graph.add
        index = result.index
        graph = self.graph
        for prefix, namespace in (
            ("mlo", str(MLO)),
            ("tool", str(TOOL)),
            ("prov", str(PROV)),
            ("scan", base),
        ):
            graph.bind(prefix, namespace)
        architecture = URIRef(base + "architecture")
        add((architecture, rdflib.RDF.type, MLO.ArchitectureDescription))
        names = ", ".join(result.roots)
        add(
            (
                architecture,
                rdflib.RDFS.label,
                Literal(f"Architecture found in the files (scanned from {names})"),
            )
        )
        add((self.scan, rdflib.RDF.type, PROV.Activity))
        add((self.scan, rdflib.RDFS.label, Literal(f"mlopskg scan of {names}")))
        add(
            (
                self.scan,
                PROV.startedAtTime,
                Literal(_iso(result.started), datatype=rdflib.XSD.dateTime),
            )
        )
        for name in result.roots:
            root = URIRef(base + "root-" + slug(name))
            add((root, rdflib.RDF.type, PROV.Entity))
            add((root, rdflib.RDFS.label, Literal(name)))
            add((self.scan, PROV.used, root))
        for component in result.components:
            node = URIRef(
                f"{base}component-{slug(_local(component.kind))}--{slug(_local(component.tool))}"
            )
            label = f"{index.kind_label(component.kind)} ({index.tool_label(component.tool)})"
            add((architecture, MLO.hasComponent, node))
            add((node, rdflib.RDF.type, URIRef(component.kind)))
            add((node, rdflib.RDFS.label, Literal(label)))
            add((node, MLO.usesTool, URIRef(component.tool)))
            for item in component.evidence:
                add((node, PROV.wasDerivedFrom, self.evidence(item)))
        for sighting in result.sightings:
            node = URIRef(f"{base}sighting-{slug(_local(sighting.tool))}")
            add((architecture, MLO.hasSighting, node))
            add((node, rdflib.RDF.type, MLO.ToolSighting))
            label = f"{index.tool_label(sighting.tool)} (found; its role is not told)"
            add((node, rdflib.RDFS.label, Literal(label)))
            add((node, MLO.sightedTool, URIRef(sighting.tool)))
            for kind in sighting.candidate_kinds:
                add((node, MLO.candidateKind, URIRef(kind)))
            for item in sighting.evidence:
                add((node, PROV.wasDerivedFrom, self.evidence(item)))
        for kind in result.not_observable:
            add((architecture, MLO.notObservableKind, URIRef(kind)))
        return graph


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def description_graph(result: ScanResult, base_iri: str | None = None) -> Graph:
    """The scanned architecture description with its evidence, as an rdflib graph."""
    base = base_iri or DEFAULT_BASE
    if not base.endswith(("/", "#")):
        base += "/"
    return _Writer(result, base).write()

"""The report as RDF: a ``sh:ValidationReport`` per architecture, with the extra links.

Each result is a ``sh:ValidationResult`` (focus node, severity, source shape, message,
value) that also says, in the ``mlsh:`` namespace, which component kind is missing, which
flow, which requirements are at stake and which tools could fill the gap, with
``dcterms:source`` for the sources. The maturity estimates hang off the report.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from mlopskg.namespaces import MLSH, PREFIXES
from mlopskg.validation.report import ArchitectureReport, Result, ValidationOutcome
from mlopskg.validation.terms import node as term_node

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
DCTERMS_SOURCE = ox.NamedNode("http://purl.org/dc/terms/source")


def _sh(local: str) -> ox.NamedNode:
    return ox.NamedNode(SH + local)


def _mlsh(local: str) -> ox.NamedNode:
    return ox.NamedNode(f"{MLSH}{local}")


def _value(value: str) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if value.startswith("_:"):
        return ox.BlankNode(value[2:])
    if "://" in value or value.startswith("urn:"):
        return ox.NamedNode(value)
    return ox.Literal(value.strip('"'))


def _result_triples(report_node: ox.BlankNode, result: Result) -> Iterator[ox.Triple]:
    node = ox.BlankNode()
    yield ox.Triple(report_node, _sh("result"), node)
    yield ox.Triple(node, RDF_TYPE, _sh("ValidationResult"))
    yield ox.Triple(node, _sh("focusNode"), term_node(result.focus_node))
    yield ox.Triple(node, _sh("resultSeverity"), _sh(result.severity))
    yield ox.Triple(node, _sh("sourceShape"), term_node(result.shape))
    if result.constraint_component:
        yield ox.Triple(
            node, _sh("sourceConstraintComponent"), term_node(result.constraint_component)
        )
    if result.message:
        yield ox.Triple(node, _sh("resultMessage"), ox.Literal(result.message, language="en"))
    if result.value is not None:
        yield ox.Triple(node, _sh("value"), _value(result.value))
    if result.missing_component:
        yield ox.Triple(node, _mlsh("missingComponent"), ox.NamedNode(result.missing_component))
    if result.flow:
        yield ox.Triple(node, _mlsh("missingFlow"), ox.NamedNode(result.flow))
    for requirement in result.requirements:
        yield ox.Triple(node, _mlsh("requirement"), ox.NamedNode(requirement))
    for rank, tool in enumerate(result.suggested_tools, start=1):
        suggestion = ox.BlankNode()
        yield ox.Triple(node, _mlsh("suggestion"), suggestion)
        yield ox.Triple(suggestion, _mlsh("suggestedTool"), ox.NamedNode(tool))
        yield ox.Triple(suggestion, _mlsh("rank"), ox.Literal(str(rank), datatype=XSD_INTEGER))
    for source in result.sources:
        yield ox.Triple(node, DCTERMS_SOURCE, ox.NamedNode(source))


def report_triples(report: ArchitectureReport) -> Iterator[ox.Triple]:
    node = ox.BlankNode()
    yield ox.Triple(node, RDF_TYPE, _sh("ValidationReport"))
    conforms = "true" if report.conforms else "false"
    yield ox.Triple(node, _sh("conforms"), ox.Literal(conforms, datatype=XSD_BOOLEAN))
    yield ox.Triple(node, _mlsh("architecture"), term_node(report.architecture))
    for estimate in report.maturity:
        yield ox.Triple(node, _mlsh("estimatedLevel"), ox.NamedNode(estimate.level_iri))
    for key, counts in report.coverage.items():
        for name, count in counts.items():
            predicate = _mlsh(f"{key}{name[:1].upper()}{name[1:]}")
            yield ox.Triple(node, predicate, ox.Literal(str(count), datatype=XSD_INTEGER))
    for result in report.results:
        yield from _result_triples(node, result)


def render_turtle(outcome: ValidationOutcome) -> str:
    triples = [t for report in outcome.reports for t in report_triples(report)]
    prefixes = {"sh": SH, "dcterms": "http://purl.org/dc/terms/", **PREFIXES}
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b""
    return data.decode("utf-8")

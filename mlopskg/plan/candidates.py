"""The facts a plan weighs, read from the knowledge graph: which tools can fill which kinds,
the sources naming them, their latest licence, their cloud and their latest release."""

from __future__ import annotations

import re

from mlopskg.errors import MlopsKGError
from mlopskg.plan.model import Candidate, Licence
from mlopskg.validation.terms import Queryable, local_name, rows

_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")

_PREFIXES = """PREFIX mlo: <https://w3id.org/mlopskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
"""

_KIND_TOOLS = (
    _PREFIXES
    + """SELECT DISTINCT ?kind ?tool WHERE {
  VALUES ?kind { %s }
  ?sub rdfs:subClassOf* ?kind .
  ?tool mlo:realizes ?sub ; a mlo:Tool .
}"""
)

_KIND_LABELS = (
    _PREFIXES + "SELECT ?kind ?label WHERE { VALUES ?kind { %s } ?kind rdfs:label ?label }"
)

_TOOL_FACTS = (
    _PREFIXES
    + """SELECT ?tool ?what ?a ?b ?c ?d WHERE {
  VALUES ?tool { %s }
  {
    ?tool rdfs:label ?a BIND("label" AS ?what)
  } UNION {
    ?source mlo:namesTool ?tool ; rdfs:label ?a BIND("source" AS ?what)
  } UNION {
    ?tool mlo:licenceStatement ?statement BIND("licence" AS ?what)
    OPTIONAL { ?statement mlo:licenceKind ?a }
    OPTIONAL { ?statement mlo:licenceText ?b }
    OPTIONAL { ?statement schema:license ?c }
    OPTIONAL { ?statement mlo:checkedOn ?d }
  } UNION {
    ?tool mlo:cloudPlatform ?a BIND("cloud" AS ?what)
  } UNION {
    ?tool mlo:latestReleaseDate ?a BIND("release" AS ?what)
  }
}"""
)


def _values(iris: list[str]) -> str:
    for iri in iris:
        if not _IRI.match(iri):
            raise MlopsKGError(f"not an IRI: {iri!r}")
    return " ".join(f"<{iri}>" for iri in sorted(set(iris)))


def kind_labels(store: Queryable, kinds: list[str]) -> dict[str, str]:
    """Each kind's English label (its local name when it has none)."""
    found = {k: lab for k, lab in rows(store, _KIND_LABELS % _values(kinds))} if kinds else {}
    return {k: found.get(k, local_name(k)) for k in kinds}


def latest_licence(statements: list[tuple[str, str, str, str]]) -> Licence | None:
    """The statement with the latest date decides; undated ones only when none is dated.

    >>> latest_licence([("openSource", "Apache-2.0", "", ""),
    ...                 ("sourceAvailable", "BUSL-1.1", "", "2024-01-22")]).kind
    'sourceAvailable'
    """
    if not statements:
        return None
    kind, text, spdx, day = max(statements, key=lambda s: (s[3], s[1], s[0]))
    return Licence(
        local_name(kind) if kind else None,
        text,
        spdx.rsplit("/", 1)[-1] if spdx else None,
        day or None,
    )


def candidates_for(store: Queryable, kinds: list[str], in_use: set[str]) -> list[Candidate]:
    """Every tool that can fill one of ``kinds`` (or a subkind), with its facts."""
    if not kinds:
        return []
    by_tool: dict[str, Candidate] = {}
    for kind, tool in rows(store, _KIND_TOOLS % _values(kinds)):
        by_tool.setdefault(tool, Candidate(tool, local_name(tool))).kinds.add(kind)
    if not by_tool:
        return []
    licences: dict[str, list[tuple[str, str, str, str]]] = {}
    for tool, what, a, b, c, d in rows(store, _TOOL_FACTS % _values(list(by_tool))):
        candidate = by_tool[tool]
        if what == "label":
            candidate.label = a
        elif what == "source" and a not in candidate.sources:
            candidate.sources.append(a)
        elif what == "licence":
            licences.setdefault(tool, []).append((a, b, c, d))
        elif what == "cloud":
            candidate.clouds.add(local_name(a))
        elif what == "release":
            candidate.latest_release = max(a, candidate.latest_release or "")
    for tool, candidate in by_tool.items():
        candidate.sources.sort()
        candidate.licence = latest_licence(licences.get(tool, []))
        candidate.in_use = tool in in_use
    return [by_tool[t] for t in sorted(by_tool)]

"""Read the detection signatures from the knowledge graph (they are data, not code).

Three queries: the curated ``queries/tool-signatures.rq`` (every pattern, with the kind
of a role signature), the tools' labels and realised kinds, and the component kinds with
their labels, including those that files cannot show (decision 0013).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any, Protocol

from mlopskg.namespaces import MLO
from mlopskg.resources import project_files
from mlopskg.scan.index import PROPERTIES, SignatureIndex, SignatureMatch, ToolInfo
from mlopskg.scan.model import ScanError

_PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX mlo: <https://w3id.org/mlopskg/ontology#>
"""

TOOL_KINDS = (
    _PREFIXES
    + """SELECT ?tool ?toolLabel ?kind WHERE {
  ?tool a mlo:Tool ; rdfs:label ?toolLabel .
  FILTER(LANG(?toolLabel) = "en" || LANG(?toolLabel) = "")
  OPTIONAL { ?tool mlo:realizes ?kind }
}"""
)

#: Every component kind with its label; ``?hidden`` is true for kinds that files cannot
#: show: the governance components and external actors (every subclass, read from the
#: ontology) and the two triggers that are decisions rather than configuration.
COMPONENT_KINDS = (
    _PREFIXES
    + """SELECT DISTINCT ?kind ?label ?hidden WHERE {
  ?kind rdfs:subClassOf+ mlo:Component .
  OPTIONAL { ?kind rdfs:label ?label FILTER(LANG(?label) = "en" || LANG(?label) = "") }
  BIND(EXISTS {
      VALUES ?root { mlo:GovernanceComponent mlo:ExternalActor }
      ?kind rdfs:subClassOf+ ?root .
      FILTER(?kind != ?root)
    } || ?kind IN (mlo:RetrainingTrigger, mlo:RollbackTrigger) AS ?hidden)
}"""
)


class QueryableStore(Protocol):
    """Any store of mlopskg (embedded or remote): all this module needs is ``query``."""

    def query(self, sparql: str) -> Any: ...


def _rows(store: QueryableStore, sparql: str, source: str) -> list[dict[str, str]]:
    try:
        result = store.query(sparql)
        names = [variable.value for variable in result.variables]
        return [
            {name: row[name].value for name in names if row[name] is not None} for row in result
        ]
    except (SyntaxError, RuntimeError, OSError, ValueError) as error:
        raise ScanError(f"{source}: cannot read the signatures from the store: {error}") from error


def signature_query_path(queries_dir: Path | None = None) -> Path:
    """Where the curated signature query is (the project's queries/ folder by default)."""
    return (queries_dir or project_files().queries_dir) / "tool-signatures.rq"


def load_signatures(store: QueryableStore, queries_dir: Path | None = None) -> SignatureIndex:
    """The signature index of the graph in ``store``.

    Rows with an unknown signature property are ignored (a later ontology may add one).
    """
    path = signature_query_path(queries_dir)
    try:
        signature_query = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ScanError(f"{path}: cannot read the signature query: {error}") from error
    matches: list[SignatureMatch] = []
    prefix = str(MLO)
    for row in _rows(store, signature_query, str(path)):
        prop = row["property"].removeprefix(prefix)
        if prop in PROPERTIES:
            matches.append(SignatureMatch(row["tool"], row["pattern"], prop, row.get("kind")))
    labels: dict[str, str] = {}
    kinds: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, TOOL_KINDS, "tool kinds query"):
        labels[row["tool"]] = row["toolLabel"]
        if "kind" in row:
            kinds[row["tool"]].add(row["kind"])
    tools = {tool: ToolInfo(label, frozenset(kinds[tool])) for tool, label in labels.items()}
    kind_labels: dict[str, str] = {}
    hidden: list[str] = []
    for row in _rows(store, COMPONENT_KINDS, "component kinds query"):
        kind_labels[row["kind"]] = row.get("label", "")
        if row.get("hidden") == "true":
            hidden.append(row["kind"])
    return SignatureIndex(matches, tools, kind_labels, hidden)

"""`mlopskg why`: where a statement comes from, for asserted, inferred and multi-source
statements, checked against what the graph itself holds."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from mlopskg.cli import main
from mlopskg.graph.why import Statement, explain, store_select
from mlopskg.graph.why_report import answer_json, answer_lines
from mlopskg.graph.why_terms import TermSyntaxError, parse_iri, parse_object
from mlopskg.namespaces import INFERRED_GRAPH
from mlopskg.stores.embedded import EmbeddedStore
from tests.conftest import rows

MLO = "https://w3id.org/mlopskg/ontology#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _term(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def test_an_asserted_statement_names_its_finding_source_status_and_locator(
    graph: EmbeddedStore,
) -> None:
    # A statement of a finding that names the copy it was checked against.
    row = rows(
        graph,
        """PREFIX mlo: <https://w3id.org/mlopskg/ontology#>
        SELECT ?s ?p ?o ?g ?source ?status ?locator ?copy WHERE {
          GRAPH ?g { ?g mlo:checkedAgainst ?copy ; mlo:fromSource ?source ;
                        mlo:evidenceStatus ?status ; mlo:locator ?locator .
                     ?s ?p ?o FILTER(?s != ?g && isIRI(?o)) }
        } ORDER BY ?g ?s ?p ?o LIMIT 1""",
    )[0]
    answer = explain(store_select(graph), _term(row["s"]), _term(row["p"]), _term(row["o"]))
    assert answer.found and len(answer.statements) == 1
    evidence = {e.finding: e for e in answer.statements[0].evidence}
    held = evidence[row["g"]]
    assert not held.inferred and held.status == row["status"]
    assert row["source"] in {s.iri for s in held.sources}
    assert held.locator == row["locator"] and row["copy"] in held.checked_against
    assert answer.statements[0].asserted


def _leaves_are_asserted(statement: Statement, depth: int = 0) -> int:
    """Walk an explanation; return its depth, failing on a premise that is neither asserted
    nor explained by an inference."""
    if statement.cycle:
        return depth
    assert statement.evidence, f"{statement.text()} is held nowhere"
    if statement.asserted:
        return depth
    deepest = depth
    for evidence in statement.evidence:
        assert evidence.inferred and evidence.inferences, statement.text()
        for inference in evidence.inferences:
            assert inference.rule.startswith(MLO) and inference.premises
            for premise in inference.premises:
                deepest = max(deepest, _leaves_are_asserted(premise, depth + 1))
    return deepest


def test_an_inferred_statement_is_explained_down_to_asserted_facts(graph: EmbeddedStore) -> None:
    # An inference one of whose premises is itself inferred, so the explanation recurses.
    row = rows(
        graph,
        f"""PREFIX mlo: <{MLO}>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?s ?p ?o WHERE {{ GRAPH <{INFERRED_GRAPH}> {{
          ?inf mlo:inferredStatement ?st ; mlo:hasPremise ?pr .
          ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
          ?pr rdf:subject ?ps ; rdf:predicate ?pp ; rdf:object ?po .
          ?ps ?pp ?po . }}
          FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{INFERRED_GRAPH}>) }}
        }} ORDER BY ?s ?p ?o LIMIT 1""",
    )[0]
    answer = explain(store_select(graph), _term(row["s"]), _term(row["p"]), _term(row["o"]))
    statement = answer.statements[0]
    assert not statement.asserted
    assert [e.finding for e in statement.evidence] == [INFERRED_GRAPH]
    assert _leaves_are_asserted(statement) >= 2
    assert "by rule mlo:" in "\n".join(answer_lines(answer))


def test_every_sampled_inferred_statement_reaches_asserted_facts(graph: EmbeddedStore) -> None:
    inferred = rows(
        graph,
        f"""SELECT ?s ?p ?o WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }}
          FILTER(isIRI(?s) && isIRI(?o) && !STRSTARTS(STR(?s), "https://w3id.org/mlopskg/resource/inference/")
                 && ?s != <{INFERRED_GRAPH}>)
          FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{INFERRED_GRAPH}>) }}
        }} ORDER BY ?s ?p ?o""",
    )
    assert len(inferred) > 100
    select = store_select(graph)
    for row in inferred[:: max(1, len(inferred) // 60)]:
        answer = explain(select, _term(row["s"]), _term(row["p"]), _term(row["o"]))
        assert answer.found, row
        _leaves_are_asserted(answer.statements[0])


def test_a_statement_held_by_several_findings_lists_each_with_its_source(
    graph: EmbeddedStore,
) -> None:
    row = rows(
        graph,
        """PREFIX mlo: <https://w3id.org/mlopskg/ontology#>
        SELECT ?s ?p ?o ?g1 ?src1 ?g2 ?src2 WHERE {
          GRAPH ?g1 { ?s ?p ?o } GRAPH ?g2 { ?s ?p ?o }
          ?g1 mlo:fromSource ?src1 . ?g2 mlo:fromSource ?src2 .
          FILTER(STR(?g1) < STR(?g2) && ?src1 != ?src2 && isIRI(?o) && ?s != ?g1 && ?s != ?g2)
        } ORDER BY ?s ?p ?o LIMIT 1""",
    )[0]
    answer = explain(store_select(graph), _term(row["s"]), _term(row["p"]), _term(row["o"]))
    evidence = {e.finding: {s.iri for s in e.sources} for e in answer.statements[0].evidence}
    assert row["src1"] in evidence[row["g1"]] and row["src2"] in evidence[row["g2"]]
    data = answer_json(answer)
    assert {e["finding"] for e in data["statements"][0]["evidence"]} >= {row["g1"], row["g2"]}


def test_why_of_a_subject_lists_all_its_statements(graph: EmbeddedStore) -> None:
    mlflow = _term("https://w3id.org/mlopskg/resource/tool/mlflow")
    answer = explain(store_select(graph), mlflow)
    held = rows(
        graph,
        """SELECT DISTINCT ?p ?o WHERE { GRAPH ?g { <https://w3id.org/mlopskg/resource/tool/mlflow> ?p ?o } }""",
    )
    assert len(answer.statements) == len(held) > 5
    types = explain(store_select(graph), mlflow, RDF_TYPE)
    assert {str(s.object) for s in types.statements} >= {f"<{MLO}Tool>"}
    assert all(s.predicate == RDF_TYPE for s in types.statements)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('"MLflow"@en', ox.Literal("MLflow", language="en")),
        (
            '"2017"^^xsd:gYear',
            ox.Literal("2017", datatype=_term("http://www.w3.org/2001/XMLSchema#gYear")),
        ),
        ('"say \\"hi\\""', ox.Literal('say "hi"')),
        ("42", ox.Literal("42", datatype=_term("http://www.w3.org/2001/XMLSchema#integer"))),
        ("tool:mlflow", _term("https://w3id.org/mlopskg/resource/tool/mlflow")),
        ("<https://example.org/x>", _term("https://example.org/x")),
    ],
)
def test_objects_are_read_as_turtle_terms(raw: str, expected: ox.Literal | ox.NamedNode) -> None:
    assert parse_object(raw) == expected


@pytest.mark.parametrize("raw", ["nope:thing", "<has space>", "mlflow", '"unclosed'])
def test_unreadable_terms_are_named_in_the_error(raw: str) -> None:
    with pytest.raises(TermSyntaxError) as caught:
        parse_object(raw) if raw.startswith('"') else parse_iri(raw, "subject")
    assert repr(raw.strip()) in str(caught.value)


@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("why") / "store"
    assert main(["--store", str(path), "build"]) == 0
    return path


def test_cli_exit_codes_and_formats(capsys: pytest.CaptureFixture[str], built_store: Path) -> None:
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--store", str(built_store), "why", *args])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, _ = run("tool:mlflow", "a", "mlo:Tool")
    assert code == 0 and out.startswith("tool:mlflow a mlo:Tool\n  asserted in finding:")
    code, out, _ = run("tool:mlflow", "a", "--format", "json")
    data = json.loads(out)
    assert (
        code == 0
        and data["found"]
        and all(s["predicate"]["value"] == str(RDF_TYPE.value) for s in data["statements"])
    )
    code, _, err = run("tool:mlflow", "a", "mlo:NoSuchClass")
    assert code == 1 and "holds no statement" in err
    code, _, err = run("nope:x")
    assert code == 2 and "'nope:x'" in err and "Traceback" not in err

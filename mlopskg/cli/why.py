"""``mlopskg why S [P [O]]``: where a statement of the graph comes from."""

from __future__ import annotations

import json

import click

from mlopskg.cli.context import EXIT_OK, EXIT_VIOLATIONS, open_knowledge_graph, remote_options


@click.command("why")
@click.argument("subject")
@click.argument("predicate", required=False)
@click.argument("object_", metavar="[OBJECT]", required=False)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@remote_options
@click.pass_context
def why_command(
    ctx: click.Context, subject: str, predicate: str | None, object_: str | None, fmt: str
) -> None:
    """Where a statement comes from: its findings, sources, locators, evidence status and
    the copies they were checked against; for an inferred statement, the rule and its
    premises down to asserted facts.

    SUBJECT and PREDICATE are prefixed names (tool:mlflow, mlo:realizes, `a` for rdf:type)
    or IRIs; OBJECT also a literal ("MLflow"@en, "2017"^^xsd:gYear, 3). Without OBJECT,
    every statement of SUBJECT and PREDICATE; without PREDICATE, every statement of
    SUBJECT. Exits 1 when the graph holds no such statement.
    """
    from mlopskg.graph.why import explain, store_select
    from mlopskg.graph.why_report import answer_json, answer_lines
    from mlopskg.graph.why_terms import parse_iri, parse_object

    s = parse_iri(subject, "subject")
    p = parse_iri(predicate, "predicate") if predicate is not None else None
    o = parse_object(object_) if object_ is not None else None
    answer = explain(store_select(open_knowledge_graph(ctx)), s, p, o)
    if fmt == "json":
        click.echo(json.dumps(answer_json(answer), indent=2, ensure_ascii=False))
    else:
        for line in answer_lines(answer):
            click.echo(line)
        if not answer.found:
            asked = " ".join(x for x in (subject, predicate, object_) if x is not None)
            click.echo(f"the graph holds no statement {asked} ...", err=True)
    ctx.exit(EXIT_OK if answer.found else EXIT_VIOLATIONS)

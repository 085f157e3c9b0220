"""The platform team's commands: ``scan`` (a repository's architecture from its files),
``plan`` (the tools that fill the gaps) and ``diff`` (what a change did)."""

from __future__ import annotations

import dataclasses
import datetime
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from mlopskg.cli.context import (
    EXIT_OK,
    EXIT_VIOLATIONS,
    fail_on_option,
    open_knowledge_graph,
    output_option,
    project,
    remote_options,
    write_text,
)
from mlopskg.cli.validation import default_detail, detail_option, load_policy, policy_option
from mlopskg.errors import InputFileError, Location, MlopsKGError
from mlopskg.plan import PlanConstraints, make_plan
from mlopskg.plan import render as plan_render
from mlopskg.plan.model import constraints_from as plan_constraints
from mlopskg.stores.interface import GraphStore

if TYPE_CHECKING:
    from mlopskg.validation.org_policy import Policy


def constraint_options(command: Any) -> Any:
    """The plan's constraints, as options (on ``plan`` and ``scan --plan``)."""
    options = [
        click.option(
            "--open-source-only",
            is_flag=True,
            help="Only open-source tools (the latest dated licence decides).",
        ),
        click.option(
            "--allow-licence",
            "allow_licence",
            multiple=True,
            metavar="SPDX",
            help="Only tools under these licences (repeat the option).",
        ),
        click.option(
            "--cloud",
            type=click.Choice(["aws", "gcp", "azure", "none"]),
            help="Only this cloud's managed services (none: no managed services).",
        ),
        click.option(
            "--keep-tools",
            is_flag=True,
            help="Tools already in use stay candidates whatever the constraints.",
        ),
        click.option(
            "--exclude",
            multiple=True,
            metavar="TOOL",
            help="A tool never to suggest (tool:slug or IRI; repeat the option).",
        ),
        click.option(
            "--severity",
            type=click.Choice(["violation", "warning"]),
            default="violation",
            show_default=True,
            help="Fill the violations, or the warnings too.",
        ),
        click.option(
            "--max-tools", type=click.IntRange(0, 1000), help="At most this many new tools."
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def constraints_from(values: Mapping[str, Any]) -> PlanConstraints:
    """The constraints of the options; a bad value is a usage error (exit 2)."""
    try:
        return plan_constraints(values)
    except MlopsKGError as error:
        raise click.UsageError(f"--{str(error).replace('_', '-')}") from None


def tools_in_use(report: Mapping[str, Any]) -> set[str]:
    return {
        tool for component in report.get("components", []) for tool in component.get("tools", [])
    }


def render_plan(
    store: GraphStore, report: Mapping[str, Any], constraints: PlanConstraints, fmt: str
) -> str:
    """The plan for one report, in a plan format."""
    plan = make_plan(store, report, tools_in_use(report), constraints)
    title = str(report.get("label") or "")
    today = datetime.date.today()
    if fmt == "json":
        return json.dumps(plan_render.to_json(plan, today), indent=2, ensure_ascii=False) + "\n"
    if fmt == "turtle":
        return plan_render.to_turtle(plan)
    if fmt == "html":
        return plan_render.to_html(plan, title, today)
    return plan_render.to_text(plan, title, today)


def plan_section(
    store: GraphStore, report: Mapping[str, Any], constraints: PlanConstraints, fmt: str, text: str
) -> str:
    """A report (text, HTML or JSON) with the plan added to it."""
    plan = make_plan(store, report, tools_in_use(report), constraints)
    return plan_render.attach(text, fmt, plan, str(report.get("label") or ""))


def _reports(
    ctx: click.Context, files: tuple[str, ...], policy: Policy | None = None
) -> tuple[GraphStore, list[dict[str, Any]], bool]:
    from mlopskg.validation.inputs import read_files
    from mlopskg.validation.policy_apply import apply_policy
    from mlopskg.validation.render import report_json
    from mlopskg.validation.validator import Validator

    stdin = sys.stdin.buffer.read() if "-" in files else None
    description = read_files(files, stdin=stdin)
    store = open_knowledge_graph(ctx)
    outcome = Validator.for_project(project(ctx), store).validate(description)
    outcome = apply_policy(outcome, policy)
    reports = [report_json(report, outcome) for report in outcome.reports]
    return store, reports, outcome.conforms


def _with_banned(constraints: PlanConstraints, policy: Policy | None) -> PlanConstraints:
    """The constraints, with the policy's banned tools never suggested and, when it lists
    allowed tools, only those."""
    if policy is None:
        return constraints
    exclude = tuple(sorted({*constraints.exclude, *policy.banned_tools}))
    allowed = tuple(sorted(policy.allowed_tools))
    return dataclasses.replace(constraints, exclude=exclude, allowed_tools=allowed)


@click.command("plan")
@click.argument("files", nargs=-1, required=True)
@constraint_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(plan_render.FORMATS),
    default="text",
    show_default=True,
    help="Plan format.",
)
@policy_option()
@output_option("File to write the plan to (default: stdout).")
@remote_options
@click.pass_context
def plan_command(
    ctx: click.Context,
    /,
    files: tuple[str, ...],
    fmt: str,
    output: Path | None,
    policy_name: str | None,
    **values: Any,
) -> None:
    """The smallest set of tools that fills the gaps of architecture descriptions (FILES, as
    for validate), within your constraints, each choice explained. Exit 0 when the
    description conforms, 1 when not, 2 on bad input."""
    policy = load_policy(ctx, policy_name)
    constraints = _with_banned(constraints_from(values), policy)
    store, reports, conforms = _reports(ctx, files, policy)
    write_text(
        "\n".join(render_plan(store, report, constraints, fmt) for report in reports), output
    )
    ctx.exit(EXIT_OK if conforms else EXIT_VIOLATIONS)


@click.command("diff")
@click.argument("before")
@click.argument("after")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@output_option("File to write the diff to (default: stdout).")
@remote_options
@click.pass_context
def diff_command(
    ctx: click.Context, before: str, after: str, fmt: str, output: Path | None
) -> None:
    """What changed between two architecture descriptions (BEFORE and AFTER, one file each):
    component kinds, tools, flows, requirements and principles addressed, maturity levels
    and findings. Exit 0 whatever changed; 2 on bad input."""
    from mlopskg.plan.diff import diff_reports, labels_from, to_json, to_text

    store, old, _ = _reports(ctx, (before,))
    _, new, _ = _reports(ctx, (after,))
    if len(old) != 1 or len(new) != 1:
        raise MlopsKGError("diff compares one architecture description in each file")
    diff = diff_reports(old[0], new[0], labels_from(store))
    text = (
        json.dumps(to_json(diff), indent=2, ensure_ascii=False) + "\n"
        if fmt == "json"
        else to_text(diff)
    )
    write_text(text, output)
    ctx.exit(EXIT_OK)


DESCRIPTION_FORMATS = ("turtle", "jsonld", "json", "text")
REPORT_FORMATS = ("text", "json", "turtle", "html", "markdown", "sarif")


def _baseline(path: Path) -> dict[str, Any] | list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputFileError(
            Location(path), f"cannot read the baseline: {error.strerror or error}"
        ) from None
    except json.JSONDecodeError as error:
        raise InputFileError(
            Location(path, error.lineno, error.colno), f"not JSON: {error.msg}"
        ) from None
    if not isinstance(data, dict | list):
        raise InputFileError(Location(path), "not a JSON report (an object or a list of them)")
    return data


@click.command("scan")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted({*DESCRIPTION_FORMATS, *REPORT_FORMATS})),
    help="Without --validate: the description as turtle (default), jsonld, json or text. "
    "With --validate: the gap report as text (default), json, turtle, html, markdown or sarif "
    "(html, markdown and sarif imply --validate).",
)
@click.option(
    "--validate", "validate_", is_flag=True, help="Validate what was found: the gap report."
)
@click.option(
    "--plan",
    "with_plan",
    is_flag=True,
    help="With --validate: add the tool plan that fills the gaps.",
)
@fail_on_option("With --validate: ")
@policy_option("With --validate: ")
@detail_option
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A JSON report of an earlier scan: exit 1 only for findings it does not hold.",
)
@click.option("--base-iri", help="The IRI the description's resources are named under.")
@constraint_options
@output_option("File to write the result to (default: stdout).")
@remote_options
@click.pass_context
def scan_command(
    ctx: click.Context,
    /,
    paths: tuple[Path, ...],
    fmt: str | None,
    validate_: bool,
    with_plan: bool,
    fail_on: str,
    policy_name: str | None,
    detail: str | None,
    baseline: Path | None,
    base_iri: str | None,
    output: Path | None,
    **constraints: object,
) -> None:
    """Read the MLOps architecture of repositories (PATHS: folders, .zip or .tar.gz archives;
    several merge into one architecture) from their files: dependencies, imports, container,
    Kubernetes, Helm, Terraform, CloudFormation, CI and ML tool configuration. Nothing is
    run and nothing is fetched. Exit 0; with --validate, 1 when the result does not conform
    (with --baseline: when it has findings the baseline does not hold), 2 on bad input."""
    from mlopskg.scan import load_signatures, scan
    from mlopskg.scan.baseline import new_findings
    from mlopskg.scan.gaps import validate_scan
    from mlopskg.validation.policy_apply import apply_policy
    from mlopskg.validation.validator import Validator

    # the report formats imply --validate
    validate_ = validate_ or fmt in {"html", "markdown", "sarif"} or with_plan or bool(baseline)
    if validate_ and fmt in {"jsonld"}:
        raise click.UsageError("--format jsonld is a description format: drop --validate")
    store = open_knowledge_graph(ctx)
    result = scan(list(paths), load_signatures(store))
    if not validate_:
        chosen = fmt or "turtle"
        text = {
            "turtle": lambda: result.to_turtle(base_iri),
            "jsonld": lambda: result.to_jsonld(base_iri),
            "json": result.to_json_text,
            "text": result.to_text,
        }[chosen]()
        write_text(text, output)
        ctx.exit(EXIT_OK)
    report = validate_scan(result, Validator.for_project(project(ctx), store), fail_on=fail_on)
    policy = load_policy(ctx, policy_name)
    report = dataclasses.replace(report, outcome=apply_policy(report.outcome, policy))
    chosen = fmt or "text"
    text = report.render(chosen, store=store, detail=detail or default_detail(output))
    if with_plan and chosen in {"text", "html", "json"}:
        data = report.report_json()
        chosen_constraints = _with_banned(constraints_from(constraints), policy)
        text = plan_section(store, data, chosen_constraints, chosen, text)
    write_text(text, output)
    if baseline is not None:
        wanted = {"Violation"} if fail_on == "violation" else {"Violation", "Warning"}
        fresh = [
            r
            for r in new_findings(report.report_json(), _baseline(baseline))
            if r.get("severity") in wanted
        ]
        ctx.exit(EXIT_VIOLATIONS if fresh else EXIT_OK)
    ctx.exit(EXIT_OK if report.conforms else EXIT_VIOLATIONS)

"""``POST /plan`` and ``POST /diff``: the tools that fill an architecture's gaps, and what a
change did to a platform.

``/plan`` takes a description as ``/validate`` does (an RDF body or a form's ``file``) and the
constraints as query parameters: ``open_source_only``, ``allow_licence`` (repeatable),
``cloud`` (aws, gcp, azure, none), ``keep_tools``, ``exclude`` (repeatable, ``tool:slug`` or
an IRI), ``severity`` (violation, warning), ``max_tools``. ``/diff`` takes a form with two
files, ``before`` and ``after``.
"""

from __future__ import annotations

import datetime
import json

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from mlopskg.api.deps import Settings, Store, ValidatorDep
from mlopskg.api.errors import ApiError
from mlopskg.api.reports import REPORT_MEDIA, body_responses, report_format
from mlopskg.api.validate import read_description, run_validation
from mlopskg.errors import InputFileError, MlopsKGError
from mlopskg.plan import make_plan
from mlopskg.plan import render as plan_render
from mlopskg.plan.diff import diff_reports, labels_from, to_json, to_text
from mlopskg.plan.model import constraints_from
from mlopskg.validation.inputs import Description, format_for_name, parse_description
from mlopskg.validation.render import report_json

router = APIRouter(tags=["planning"])


@router.post(
    "/plan",
    summary="The smallest explained set of tools that fills an architecture's gaps",
    responses=body_responses(
        "The plan (JSON by default; HTML, Turtle or text by Accept).",
        "The description does not parse, or a constraint is malformed.",
        s422="No mlo:ArchitectureDescription in the input.",
    ),
)
async def plan(
    request: Request, settings: Settings, validator: ValidatorDep, store: Store
) -> Response:
    """POST a description (as for ``/validate``); constraints as query parameters."""
    fmt = report_format(request, plan_render.FORMATS)
    params = request.query_params
    values: dict[str, object] = {
        key: params.get(key)
        for key in ("open_source_only", "cloud", "keep_tools", "severity", "max_tools")
    }
    values.update(allow_licence=params.getlist("allow_licence"), exclude=params.getlist("exclude"))
    try:
        constraints = constraints_from(values)
    except MlopsKGError as error:
        raise ApiError(400, str(error)) from error
    description = await read_description(request, settings.max_request_bytes)
    outcome = await run_validation(validator, description, "violation")
    report = report_json(outcome.reports[0])
    in_use = {t for c in report["components"] for t in c["tools"]}
    result = await anyio.to_thread.run_sync(lambda: make_plan(store, report, in_use, constraints))
    today, title = datetime.date.today(), str(report.get("label") or "")
    if fmt == "json":
        body = json.dumps(plan_render.to_json(result, today), indent=2, ensure_ascii=False) + "\n"
    elif fmt == "html":
        body = plan_render.to_html(result, title, today)
    elif fmt == "turtle":
        body = plan_render.to_turtle(result)
    else:
        body = plan_render.to_text(result, title, today)
    return Response(body, media_type=f"{REPORT_MEDIA[fmt]}; charset=utf-8")


async def _form_description(form: object, field: str) -> Description:
    upload = form.get(field)  # type: ignore[attr-defined]
    if isinstance(upload, UploadFile):
        name = upload.filename or field
        data = await upload.read()
    elif isinstance(upload, str) and upload.strip():
        name, data = field, upload.encode()
    else:
        raise ApiError(400, f"the form has no '{field}' field with a description")
    rdf_format = format_for_name(name)
    try:
        triples = await anyio.to_thread.run_sync(parse_description, data, name, rdf_format, None)
    except InputFileError as error:
        raise ApiError(400, str(error)) from error
    return Description(triples, (name,))


@router.post(
    "/diff",
    summary="What changed between two architecture descriptions",
    responses=body_responses(
        "The changes (JSON by default; text by Accept).",
        "A description does not parse, or a field is missing.",
        s415="Not a multipart/form-data form.",
        s422="No mlo:ArchitectureDescription in an input.",
    ),
)
async def diff(
    request: Request, settings: Settings, validator: ValidatorDep, store: Store
) -> Response:
    """POST a ``multipart/form-data`` form with the files ``before`` and ``after``."""
    fmt = report_format(request, ("json", "text"))
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "multipart/form-data":
        raise ApiError(415, "send a multipart/form-data form with the files 'before' and 'after'")
    form = await request.form(max_files=2, max_fields=4, max_part_size=settings.max_request_bytes)
    reports = []
    for field in ("before", "after"):
        outcome = await run_validation(validator, await _form_description(form, field), "violation")
        if len(outcome.reports) != 1:
            raise ApiError(
                422,
                f"'{field}' holds {len(outcome.reports)} architecture descriptions; diff compares one with one",
            )
        reports.append(report_json(outcome.reports[0]))
    result = await anyio.to_thread.run_sync(
        lambda: diff_reports(reports[0], reports[1], labels_from(store))
    )
    if fmt == "text":
        return Response(to_text(result), media_type="text/plain; charset=utf-8")
    return Response(
        json.dumps(to_json(result), indent=2, ensure_ascii=False) + "\n",
        media_type="application/json",
    )

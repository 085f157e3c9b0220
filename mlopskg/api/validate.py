"""``POST /validate``: validate an architecture description, answer the report.

The body is the description in Turtle, N-Triples, RDF/XML or JSON-LD (by Content-Type), or
a ``multipart/form-data`` upload with a ``file`` field (the web page's form). The report
comes as JSON (the contract's fields), HTML, Turtle or text, by ``Accept`` or ``?format=``.
Bodies past the server's request limit get 413 (Starlette enforces it while reading).
Validation runs in a thread, one at a time per engine: the server stays responsive.
"""

from __future__ import annotations

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from mlopskg.api.deps import Settings, Store, ValidatorDep, get_project
from mlopskg.api.errors import ApiError
from mlopskg.api.reports import REPORT_MEDIA, body_responses, report_format
from mlopskg.errors import DescriptionError, InputFileError, StoreError
from mlopskg.validation.inputs import MEDIA_TYPES, Description, format_for_name, parse_description
from mlopskg.validation.org_policy import Policy, PolicyError, builtin_profiles, read_policy
from mlopskg.validation.policy_apply import apply_policy
from mlopskg.validation.render import render
from mlopskg.validation.report import ValidationOutcome
from mlopskg.validation.validator import Validator

router = APIRouter(tags=["validation"])

#: The validation report's formats.
FORMATS = ("json", "html", "turtle", "text", "markdown")
_UPLOAD = "upload"


def fail_on_of(request: Request) -> str:
    """The ``fail_on`` parameter: violation (default) or warning."""
    value = request.query_params.get("fail_on", "violation")
    if value not in ("violation", "warning"):
        raise ApiError(400, f"fail_on must be 'violation' or 'warning', not {value!r}")
    return value


async def read_description(request: Request, limit: int) -> Description:
    """The description in the body (an RDF syntax by Content-Type) or a form's ``file``."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=4, max_part_size=limit)
        upload = form.get("file")
        if isinstance(upload, UploadFile):
            name = upload.filename or _UPLOAD
            data = await upload.read()
            rdf_format = MEDIA_TYPES.get((upload.content_type or "").split(";")[0].lower())
            if name != _UPLOAD and "." in name:
                rdf_format = format_for_name(name)
        elif isinstance(upload, str) and upload.strip():
            name, data, rdf_format = _UPLOAD, upload.encode(), None
        else:
            raise ApiError(400, "the form has no 'file' field with a description")
        rdf_format = rdf_format or MEDIA_TYPES["text/turtle"]
    else:
        if media not in MEDIA_TYPES:
            known = ", ".join(sorted(MEDIA_TYPES))
            raise ApiError(
                415, f"unsupported Content-Type {media or '(none)'!r}: use one of {known}"
            )
        name, data, rdf_format = "request body", await request.body(), MEDIA_TYPES[media]
    if not data.strip():
        raise ApiError(400, "the description is empty")
    try:
        triples = await anyio.to_thread.run_sync(parse_description, data, name, rdf_format, None)
    except InputFileError as error:
        raise ApiError(400, str(error)) from error
    return Description(triples, (name,))


async def policy_of(request: Request) -> Policy | None:
    """The built-in profile named by the ``policy`` query parameter or form field (a file
    path is never read from a request); an unknown name is 400."""
    name = request.query_params.get("policy")
    if name is None and request.headers.get("content-type", "").startswith("multipart/form-data"):
        field = (await request.form()).get("policy")
        name = field if isinstance(field, str) and field else None
    if name is None:
        return None
    profiles = builtin_profiles(get_project(request).root)
    if name not in profiles:
        known = ", ".join(profiles) or "none"
        raise ApiError(400, f"unknown policy {name!r}: use one of the built-in profiles ({known})")
    try:
        return read_policy(profiles[name])
    except PolicyError as error:
        raise ApiError(500, str(error)) from error


async def run_validation(
    validator: Validator, description: Description, fail_on: str
) -> ValidationOutcome:
    """Validate in a thread; no architecture is 422, a failing store 502."""
    try:
        return await anyio.to_thread.run_sync(validator.validate, description, fail_on)
    except DescriptionError as error:
        raise ApiError(422, str(error)) from error
    except StoreError as error:
        raise ApiError(502, str(error)) from error


@router.post(
    "/validate",
    summary="Validate an architecture description against the reference architecture",
    responses=body_responses(
        "The report (JSON by default; HTML, Turtle or text by Accept).",
        "The description does not parse.",
        s415="Unsupported Content-Type.",
        s422="No mlo:ArchitectureDescription in the input.",
    ),
)
async def validate(
    request: Request,
    settings: Settings,
    validator: ValidatorDep,
    store: Store,
) -> Response:
    """POST the description as Turtle (``text/turtle``), N-Triples, RDF/XML or JSON-LD, or
    as a form upload (``file``). ``fail_on=warning`` makes warnings fail ``conforms``;
    ``policy`` (a query parameter or form field) names a built-in profile of policies/
    (batch-only, online-serving, regulated) to apply over the default severities."""
    fmt, fail_on = report_format(request, FORMATS), fail_on_of(request)
    description = await read_description(request, settings.max_request_bytes)
    policy = await policy_of(request)
    outcome = apply_policy(await run_validation(validator, description, fail_on), policy)
    body = await anyio.to_thread.run_sync(render, outcome, fmt, store if fmt == "html" else None)
    return Response(body, media_type=f"{REPORT_MEDIA[fmt]}; charset=utf-8")

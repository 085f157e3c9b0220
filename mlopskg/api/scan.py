"""``POST /scan``: a repository archive in, the architecture found in it (or its gap report) out.

The body is a ``.zip`` or ``.tar.gz`` archive: a ``multipart/form-data`` upload (field
``file``; the web page's form) or the raw body (``application/zip``, ``application/gzip``).
The archive is written to a private temporary folder under a name of the server's choosing
and read by the scanner, which refuses path traversal, links, bombs and nested archives;
nothing in it is run. Parameters: ``validate`` (the gap report instead of the description),
``format`` (description: turtle, jsonld, json, text; report: json, html, text, turtle,
sarif), ``fail_on``, and with ``plan=true`` the plan's constraints as for ``/plan``.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from mlopskg.api.deps import Store, ValidatorDep
from mlopskg.api.errors import ApiError
from mlopskg.api.reports import REPORT_MEDIA, body_responses
from mlopskg.api.validate import fail_on_of
from mlopskg.errors import MlopsKGError
from mlopskg.plan import make_plan
from mlopskg.plan import render as plan_render
from mlopskg.plan.model import constraints_from
from mlopskg.scan import ScanError, load_signatures, scan
from mlopskg.scan.gaps import validate_scan

_DESCRIPTION = {
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "json": "application/json",
    "text": "text/plain",
}
_REPORT = {
    fmt: REPORT_MEDIA[fmt] for fmt in ("json", "html", "text", "turtle", "sarif", "markdown")
}
_ARCHIVE_TYPES = {
    "application/zip": ".zip",
    "application/x-zip-compressed": ".zip",
    "application/gzip": ".tar.gz",
    "application/x-gzip": ".tar.gz",
    "application/x-tar+gzip": ".tar.gz",
}


def _suffix(filename: str, media: str) -> str:
    name = filename.lower()
    if name.endswith(".zip"):
        return ".zip"
    if name.endswith((".tar.gz", ".tgz")):
        return ".tar.gz"
    if media in _ARCHIVE_TYPES:
        return _ARCHIVE_TYPES[media]
    raise ApiError(415, "send a .zip or .tar.gz archive of the repository")


def _root_name(filename: str) -> str:
    stem = re.sub(r"(\.tar\.gz|\.tgz|\.zip)$", "", Path(filename).name, flags=re.I)
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.")[:60] or "repository"


async def _archive(request: Request, limit: int) -> tuple[bytes, str, str]:
    """(archive bytes, suffix, a safe name for the root)."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=16, max_part_size=limit)
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise ApiError(400, "the form has no 'file' field with an archive")
        filename = upload.filename or "repository.zip"
        data = await upload.read()
        suffix = _suffix(filename, (upload.content_type or "").lower())
    else:
        filename = request.query_params.get("name") or "repository"
        suffix = _suffix(filename, media)
        data = await request.body()
    if not data:
        raise ApiError(400, "the archive is empty")
    return data, suffix, _root_name(filename)


def make_router(max_upload_bytes: int) -> APIRouter:
    """The route, with its own body limit (archives are larger than descriptions)."""
    router = APIRouter(tags=["scan"])

    @router.post(
        "/scan",
        max_body_size=max_upload_bytes,
        summary="Read a repository archive's MLOps architecture, or its gap report",
        responses=body_responses(
            "The description (Turtle by default) or, with validate, the report.",
            "The archive is unreadable or unsafe, or a parameter is malformed.",
            s415="Not a .zip or .tar.gz archive.",
        ),
    )
    async def scan_archive(request: Request, validator: ValidatorDep, store: Store) -> Response:
        params = request.query_params
        validate = params.get("validate", "").lower() in ("1", "true", "yes", "on")
        with_plan = params.get("plan", "").lower() in ("1", "true", "yes", "on")
        validate = validate or with_plan or params.get("format") in ("html", "sarif", "markdown")
        formats = _REPORT if validate else _DESCRIPTION
        fmt = params.get("format") or ("json" if validate else "turtle")
        if fmt not in formats:
            raise ApiError(400, f"unknown format {fmt!r}: use one of {', '.join(formats)}")
        fail_on = fail_on_of(request)
        try:
            constraints = constraints_from(
                {
                    **{
                        k: params.get(k)
                        for k in (
                            "open_source_only",
                            "cloud",
                            "keep_tools",
                            "severity",
                            "max_tools",
                        )
                    },
                    "allow_licence": params.getlist("allow_licence"),
                    "exclude": params.getlist("exclude"),
                }
            )
        except MlopsKGError as error:
            raise ApiError(400, str(error)) from error
        data, suffix, name = await _archive(request, max_upload_bytes)

        def work() -> str:
            with tempfile.TemporaryDirectory(prefix="mlopskg-scan-") as folder:
                path = Path(folder) / f"{name}{suffix}"
                path.write_bytes(data)
                result = scan([path], load_signatures(store))
            if not validate:
                return {
                    "turtle": result.to_turtle,
                    "jsonld": result.to_jsonld,
                    "json": result.to_json_text,
                    "text": result.to_text,
                }[fmt]()
            report = validate_scan(result, validator, fail_on)
            body = report.render(fmt, store=store if fmt == "html" else None)
            if with_plan and fmt in ("json", "html", "text"):
                summary = report.report_json()
                in_use = {t for c in summary["components"] for t in c["tools"]}
                plan = make_plan(store, summary, in_use, constraints)
                body = plan_render.attach(body, fmt, plan, str(summary.get("label") or ""))
            return body

        try:
            body = await anyio.to_thread.run_sync(work)
        except ScanError as error:
            raise ApiError(400, str(error)) from error
        return Response(body, media_type=f"{formats[fmt]}; charset=utf-8")

    return router

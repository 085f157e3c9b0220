"""What the report routes (``/validate``, ``/plan``, ``/diff``, ``/scan``) share: the report
formats and their negotiation, and the documented answers to a posted body."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import Request

from mlopskg.api.errors import ApiError
from mlopskg.api.negotiation import negotiate

#: The formats of a report and their media types.
REPORT_MEDIA: dict[str, str] = {
    "json": "application/json",
    "html": "text/html",
    "turtle": "text/turtle",
    "text": "text/plain",
    "sarif": "application/sarif+json",
    "markdown": "text/markdown",
}


def report_format(request: Request, allowed: Sequence[str], default: str = "json") -> str:
    """``?format=`` when given (400 when not allowed), else the best ``Accept`` among the
    allowed formats; a client that accepts none still gets ``default`` (JSON, the contract's
    form)."""
    wanted = request.query_params.get("format")
    if wanted:
        if wanted not in allowed:
            raise ApiError(400, f"unknown format {wanted!r}: use one of {', '.join(allowed)}")
        return wanted
    order = [default, *(fmt for fmt in allowed if fmt != default)]  # the default answers */*
    by_media = {REPORT_MEDIA[fmt]: fmt for fmt in order if fmt in REPORT_MEDIA}
    media = negotiate(request.headers.get("accept"), by_media)
    return by_media[media] if media else default


def body_responses(ok: str, bad: str, **more: str) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI answers of a route that takes a posted body: ``ok`` (200), ``bad`` (400),
    a body too large (413), and any other status given as ``s415="..."``."""
    answers: dict[int | str, dict[str, Any]] = {
        200: {"description": ok},
        400: {"description": bad},
        413: {"description": "The body is larger than the server accepts."},
    }
    for key, text in more.items():
        answers[int(key.lstrip("s"))] = {"description": text}
    return answers

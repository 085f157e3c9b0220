"""How the server reports errors: a status and one line naming the problem. Never a 500
with a traceback: unexpected errors are logged and answered with a short message."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from mlopskg.errors import MlopsKGError, ParameterError, QuerySyntaxError, UnknownQueryError

log = logging.getLogger("mlopskg.api")


class ApiError(Exception):
    """An error with the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(message)


def _answer(request: Request, status: int, message: str) -> Response:
    # The protocol endpoint answers in plain text (curl, SPARQL clients); the rest in JSON.
    if request.url.path.startswith("/sparql"):
        return PlainTextResponse(message + "\n", status_code=status)
    return JSONResponse({"error": status, "message": message}, status_code=status)


#: The status each library error answers with (the most specific class that matches wins).
STATUS_OF_ERROR: dict[type[MlopsKGError], int] = {
    UnknownQueryError: 404,
    ParameterError: 400,
    QuerySyntaxError: 400,
    MlopsKGError: 400,
}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, error: ApiError) -> Response:
        return _answer(request, error.status, error.message)

    async def library_error(request: Request, error: Exception) -> Response:
        status = next(s for kind, s in STATUS_OF_ERROR.items() if isinstance(error, kind))
        return _answer(request, status, str(error))

    for kind in STATUS_OF_ERROR:
        app.add_exception_handler(kind, library_error)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        return _answer(request, 422, problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        return _answer(request, error.status_code, str(error.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _answer(request, 500, "internal error; the server log has the details")

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


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, error: ApiError) -> Response:
        return _answer(request, error.status, error.message)

    @app.exception_handler(UnknownQueryError)
    async def unknown_query(request: Request, error: UnknownQueryError) -> Response:
        return _answer(request, 404, str(error))

    @app.exception_handler(ParameterError)
    async def bad_parameter(request: Request, error: ParameterError) -> Response:
        return _answer(request, 400, str(error))

    @app.exception_handler(QuerySyntaxError)
    async def bad_query(request: Request, error: QuerySyntaxError) -> Response:
        return _answer(request, 400, str(error))

    @app.exception_handler(MlopsKGError)
    async def other_error(request: Request, error: MlopsKGError) -> Response:
        return _answer(request, 400, str(error))

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

"""One place maps every error to HTTP: ``{"error": {"code", "message"}}`` with a stable code."""

from __future__ import annotations

import logging
import re
from typing import Any

import asyncpg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import exc as sa_exc
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Route, compile_path

from posada.domain.errors import DomainError
from posada.services.common import database_failure
from posada.web.messages import BY_CODE, describe, domain_message, for_guest, message

log = logging.getLogger("posada.web")

STATUS_BY_CODE = {
    "unavailable": 409,
    "invalid_transition": 409,
    "hold_expired": 409,
    "conflict": 409,
    "not_found": 404,
    "invalid_stay": 422,
    "min_stay": 422,
    "over_capacity": 422,
    "invalid_request": 422,
    "unauthorized": 401,
    "forbidden": 403,
    "rate_limited": 429,
    "payload_too_large": 413,
    "busy": 503,
    "unavailable_backend": 503,
    "too_many_holds": 409,
    "contact_required": 422,
    "invalid_feed_url": 422,
}
CODE_BY_STATUS = {
    401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "payload_too_large", 415: "unsupported_media",
    422: "invalid_request", 429: "rate_limited", 503: "busy",
}
RETRY_AFTER_SECONDS = "1"


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body: dict[str, Any] = {"code": code, "message": message}
    body.update({k: v for k, v in extra.items() if v is not None})
    return JSONResponse({"error": body}, status_code=status, headers=headers)


async def _domain_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    status = STATUS_BY_CODE.get(exc.code, 400)
    headers = {"Retry-After": RETRY_AFTER_SECONDS} if status == 503 else None
    if exc.details.get("retry_after"):
        headers = {"Retry-After": str(exc.details["retry_after"])}
    if status == 401:
        headers = {"WWW-Authenticate": "Bearer"}
    return error_response(status, exc.code, domain_message(exc, request.url.path), headers,
                          details=exc.details or None)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    path = request.url.path
    return error_response(422, "invalid_request", describe(list(exc.errors()), for_guest(path)))


def _method_table(app: Any) -> list[tuple[re.Pattern[str], set[str]]]:
    """(path regex, methods) for every path: the API's from the OpenAPI document (FastAPI's
    router structure is private), the documentation pages' from their plain routes."""
    table: list[tuple[re.Pattern[str], set[str]]] | None = getattr(app.state, "methods", None)
    if table is None:
        table = [(compile_path(template)[0], {m.upper() for m in operations})
                 for template, operations in app.openapi()["paths"].items()]
        table += [(route.path_regex, set(route.methods)) for route in app.router.routes
                  if isinstance(route, Route) and route.methods]
        app.state.methods = table
    return table


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves on this path (a 405's ``Allow`` lists them all)."""
    path = request.url.path
    found: set[str] = set()
    for pattern, methods in _method_table(request.app):
        if pattern.match(path):
            found |= methods
    return sorted(found)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    if status == 400:  # FastAPI's "error parsing the body" (bad UTF-8, nesting): input error
        status = 422
    code = CODE_BY_STATUS.get(status, "error")
    headers = dict(exc.headers or {})
    if status == 405:
        headers["Allow"] = ", ".join(allowed_methods(request))
    path = request.url.path
    if code in BY_CODE and (for_guest(path) or not isinstance(exc.detail, str)):
        text = message(code, path)
    else:
        text = exc.detail if isinstance(exc.detail, str) else code
    return error_response(status, code, text, headers or None)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    failure = database_failure(exc)
    if failure is not None:  # a read path that did not translate: same answer as the writes
        log.warning("database trouble: %s: %s", type(exc).__name__, exc)
        return await _domain_error(request, failure)
    log.exception("unhandled error: %s", type(exc).__name__)
    return error_response(500, "internal_error", message("internal_error", request.url.path))


#: What the database drivers raise; handled below Starlette's ServerErrorMiddleware, so a 503
#: does not also log a traceback and close the client's connection.
DATABASE_ERRORS: tuple[type[Exception], ...] = (
    sa_exc.DBAPIError, sa_exc.TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError,
    asyncpg.exceptions.InternalClientError, OSError, TimeoutError,
)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers; every error body has the same shape."""
    for kind in DATABASE_ERRORS:
        app.add_exception_handler(kind, _unexpected)
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)

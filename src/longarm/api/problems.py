"""Errors as RFC 9457 problem details (`application/problem+json`) naming the field.

Routes raise `ApiError` (or let `InputError` through); the handlers installed by
`install_problem_handlers` turn every error into a problem document. Nothing internal leaks:
an unexpected error answers a bare 500 (the traceback goes to the server log, which never
holds keys), and no message carries a file-system path of the installation.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from longarm.errors import InputError, LongarmError, PackError, StoreError
from longarm.io.case_reader import format_path

MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "urn:longarm:problem:"

log = logging.getLogger("longarm.api")

TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Unprocessable content",
    500: "Internal server error",
    501: "Not implemented",
    503: "Service unavailable",
}
KINDS = {
    400: "bad-request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    409: "conflict",
    413: "too-large",
    415: "unsupported-media-type",
    422: "invalid-input",
    500: "internal",
    501: "not-implemented",
    503: "unavailable",
}

_LOCATIONS = ("body", "query", "path", "header", "cookie")
_PATHLIKE = re.compile(r"(?:[A-Za-z]:)?(?:[/\\][\w.\-]+){2,}[/\\]?")


class ApiError(Exception):
    """An error with its HTTP status, a human detail and, for bad input, the field."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.field = field
        self.headers = headers or {}


def problem_body(
    status: int, detail: str, instance: str, field: str | None = None
) -> dict[str, Any]:
    """The problem document (RFC 9457 members plus `field` and `errors`)."""
    body: dict[str, Any] = {
        "type": TYPE_BASE + KINDS.get(status, "error"),
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": scrub(detail),
        "instance": instance,
    }
    if field is not None:
        body["field"] = field
        body["errors"] = [{"field": field, "reason": scrub(detail)}]
    return body


def problem_response(
    status: int,
    detail: str,
    instance: str,
    field: str | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(
        problem_body(status, detail, instance, field),
        status_code=status,
        media_type=MEDIA_TYPE,
        headers=headers,
    )


def scrub(text: str) -> str:
    """`text` with anything that looks like a file-system path replaced by its last part."""
    return _PATHLIKE.sub(lambda m: "…/" + re.split(r"[/\\]", m.group(0).rstrip("/\\"))[-1], text)


def input_problem(exc: InputError) -> ApiError:
    """A case or table that could not be read: 400 when it is not JSON at all, else 422."""
    status = 400 if not exc.path and exc.reason.startswith("not valid") else 422
    return ApiError(status, exc.reason, field=exc.path or "body")


def install_problem_handlers(app: FastAPI) -> None:
    """Make every error of `app` a problem document."""

    @app.exception_handler(ApiError)
    async def _problem(request: Request, exc: ApiError) -> JSONResponse:
        return problem_response(exc.status, exc.detail, request.url.path, exc.field, exc.headers)

    @app.exception_handler(InputError)
    async def _input(request: Request, exc: InputError) -> JSONResponse:
        p = input_problem(exc)
        return problem_response(p.status, p.detail, request.url.path, p.field)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {"loc": (), "msg": "invalid request"}
        loc = [p for p in first.get("loc", ()) if p not in _LOCATIONS]
        field = format_path(loc) or str(next(iter(first.get("loc", ())), "body"))
        body = problem_body(422, str(first.get("msg", "invalid")), request.url.path, field)
        body["errors"] = [
            {
                "field": format_path([p for p in e.get("loc", ()) if p not in _LOCATIONS])
                or "body",
                "reason": scrub(str(e.get("msg", ""))),
            }
            for e in errors
        ]
        return JSONResponse(body, status_code=422, media_type=MEDIA_TYPE)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "")
        return problem_response(
            exc.status_code, detail, request.url.path, headers=dict(exc.headers or {})
        )

    @app.exception_handler(PackError)
    async def _pack(request: Request, exc: PackError) -> JSONResponse:
        log.error("law pack error: %s", exc)
        return problem_response(500, "a law pack failed to load; see the server log", "")

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> JSONResponse:
        log.error("store error: %s", exc)
        return problem_response(503, "the store is unavailable", request.url.path)

    @app.exception_handler(LongarmError)
    async def _longarm(request: Request, exc: LongarmError) -> JSONResponse:
        log.error("error: %s", exc)
        return problem_response(422, scrub(str(exc)), request.url.path)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return problem_response(500, "unexpected error; see the server log", request.url.path)

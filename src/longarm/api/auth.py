"""Who may call: the `X-API-Key` header (or a web session cookie) and the caller's role.

    viewer  < analyst < admin

A route declares the least role it needs with `Depends(needs(Role.ANALYST))`. No key, an
unknown key and a revoked key are 401; a role that may not act is 403. The key itself never
reaches a log line, an error or a report: only its id does.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request
from fastapi.security import APIKeyHeader

from longarm.api.problems import ApiError
from longarm.api.services import Caller, Services
from longarm.store.keys import Role

HEADER = "X-API-Key"
SESSION_COOKIE = "longarm_session"

api_key_header = APIKeyHeader(
    name=HEADER, auto_error=False, description="An API key (`longarm keys create`)."
)
"""Declared so that the OpenAPI document shows the scheme; `needs` reads the header itself."""

_CHALLENGE = {"WWW-Authenticate": f'ApiKey header="{HEADER}"'}


def services(request: Request) -> Services:
    """The app's shared state."""
    found: Services = request.app.state.services
    return found


def caller_of(request: Request) -> Caller | None:
    """The caller of a request, from its key or its web session; None if neither is valid."""
    svc = services(request)
    presented = request.headers.get(HEADER)
    if presented:
        return svc.authenticate(presented)
    token = request.cookies.get(SESSION_COOKIE)
    return svc.session(token) if token else None


def needs(role: Role) -> Callable[[Request], Caller]:
    """A dependency that answers the caller, or raises 401/403."""

    def check(request: Request) -> Caller:
        presented = request.headers.get(HEADER)
        if not presented and not request.cookies.get(SESSION_COOKIE):
            raise ApiError(401, f"missing {HEADER} header", field=HEADER, headers=_CHALLENGE)
        caller = caller_of(request)
        if caller is None:
            raise ApiError(401, "unknown or revoked API key", field=HEADER, headers=_CHALLENGE)
        if not caller.role.may(role):
            raise ApiError(
                403,
                f"{_article(caller.role.value)} key may not do this; "
                f"it needs {role.value} or above",
                field=HEADER,
            )
        request.state.caller = caller
        return caller

    return check


def _article(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"

"""Log in with an API key (a cookie session, never the key in the cookie) and log out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from longarm.api.auth import SESSION_COOKIE, services
from longarm.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/login")
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", {"next": _local(next), "error": None})


@router.post("/login", response_model=None)
def login(
    request: Request, key: Annotated[str, Form()], next: Annotated[str, Form()] = "/"
) -> Response:
    svc = services(request)
    caller = svc.authenticate(key)
    if caller is None:
        return render(
            request,
            "login.html",
            {"next": _local(next), "error": "Unknown or revoked key."},
            status_code=401,
        )
    token = svc.open_session(caller)
    answer = RedirectResponse(_local(next), status_code=303)
    answer.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(svc.settings.session_hours * 3600),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return answer


@router.post("/logout")
def logout(request: Request) -> RedirectResponse:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        services(request).close_session(token)
    answer = RedirectResponse("/login", status_code=303)
    answer.delete_cookie(SESSION_COOKIE)
    return answer


def _local(target: str) -> str:
    """Only paths on this server: a login link must not send the user elsewhere."""
    return target if target.startswith("/") and not target.startswith("//") else "/"

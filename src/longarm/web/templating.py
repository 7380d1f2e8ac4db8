"""The Jinja2 environment of the pages (autoescaped) and the page guard.

A page needs a logged-in caller: without a live session the browser is sent to the login
page; a role that may not see a page gets a 403 page, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from longarm.api.auth import SESSION_COOKIE, services
from longarm.api.services import Caller
from longarm.store.keys import Role
from longarm.web.views import tone

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.filters["tone"] = tone
templates.env.globals["Role"] = Role


class LoginRequiredError(Exception):
    """No live session: the handler redirects to the login page."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


class PageForbiddenError(Exception):
    """The caller's role may not see this page."""

    def __init__(self, needed: Role) -> None:
        super().__init__(needed.value)
        self.needed = needed


def page_caller(request: Request, role: Role = Role.VIEWER) -> Caller:
    """The caller of a page request, or `LoginRequiredError` / `PageForbiddenError`."""
    token = request.cookies.get(SESSION_COOKIE)
    caller = services(request).session(token) if token else None
    if caller is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequiredError(quote(target, safe="/?=&"))
    if not caller.role.may(role):
        raise PageForbiddenError(role)
    return caller


def render(
    request: Request,
    name: str,
    context: dict[str, Any],
    caller: Caller | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """A page from its template, with the caller and the current section."""
    return templates.TemplateResponse(
        request,
        name,
        {"caller": caller, "section": name.split(".")[0], **context},
        status_code=status_code,
    )

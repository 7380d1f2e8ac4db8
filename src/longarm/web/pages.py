"""Mount the web pages, their static files and their error handling on the app."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from longarm.web import (
    batch_pages,
    determination_pages,
    screen_pages,
    session_pages,
    timeline_page,
)
from longarm.web.templating import HERE, LoginRequiredError, PageForbiddenError, render


def mount_web(app: FastAPI) -> None:
    """Add the pages to `app` (the API routes stay under `/v1`)."""
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for module in (session_pages, determination_pages, screen_pages, batch_pages, timeline_page):
        app.include_router(module.router)

    @app.exception_handler(LoginRequiredError)
    async def _login(request: Request, exc: LoginRequiredError) -> RedirectResponse:
        return RedirectResponse(f"/login?next={exc.next_url}", status_code=303)

    @app.exception_handler(PageForbiddenError)
    async def _forbidden(request: Request, exc: PageForbiddenError) -> HTMLResponse:
        return render(request, "forbidden.html", {"needed": exc.needed.value}, None, 403)

"""Upload an ERP extract, follow the batch job, open its impact report (on `longarm.batch`)."""

from __future__ import annotations

from importlib.util import find_spec

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from longarm.store.keys import Role
from longarm.web.templating import page_caller, render

router = APIRouter(include_in_schema=False)


def batch_available() -> bool:
    """Whether the batch runner is installed."""
    return find_spec("longarm.batch.runs") is not None


@router.get("/batch")
def batch_page(request: Request) -> HTMLResponse:
    caller = page_caller(request, Role.ANALYST)
    return render(request, "batch.html", {"available": batch_available(), "jobs": []}, caller)

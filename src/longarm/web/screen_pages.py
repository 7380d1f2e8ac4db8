"""Screen a name, read each hit's evidence feature by feature, accept or reject the hit."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse

from longarm.api.auth import services
from longarm.api.decisions import Decision, ReviewDecision, decisions_for, record_decision
from longarm.api.models import ScreenName, ScreenRequest
from longarm.api.routes.screening import screen_names
from longarm.store.keys import Role
from longarm.web.templating import page_caller, render

router = APIRouter(include_in_schema=False)


@router.get("/screen")
async def screen_page(request: Request, name: str = "", country: str = "") -> HTMLResponse:
    caller = page_caller(request, Role.ANALYST)
    svc = services(request)
    result, error = None, None
    code = country.strip().upper() or None
    if name.strip():
        if code is not None and (len(code) != 2 or not code.isalpha()):
            error = f"country: {country!r} is not an ISO 3166-1 alpha-2 code"
        else:
            body = ScreenRequest(names=[ScreenName(name=name.strip(), country=code)])
            result = (await run_in_threadpool(screen_names, svc, body, caller))[0]
    decided = decisions_for(svc.store, name) if result else {}
    context = {"name": name, "country": country, "result": result, "decided": decided,
               "error": error}  # fmt: skip
    return render(request, "screen.html", context, caller)


@router.post("/screen/decide")
def decide(
    request: Request,
    query: Annotated[str, Form()],
    list_code: Annotated[str, Form()],
    entry_id: Annotated[str, Form()],
    decision: Annotated[str, Form()],
    country: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> RedirectResponse:
    caller = page_caller(request, Role.ANALYST)
    chosen: Decision = "accept" if decision == "accept" else "reject"
    record_decision(
        services(request).store,
        ReviewDecision(query, country.upper() or None, list_code, entry_id, chosen, note[:2000]),
        actor=caller.actor,
    )
    back = urlencode({"name": query, "country": country})
    return RedirectResponse(f"/screen?{back}#hit-{entry_id}", status_code=303)

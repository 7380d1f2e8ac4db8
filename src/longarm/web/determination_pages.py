"""Determine a case (paste, upload or a bundled demo) and read the determination: per regime
and line, the bill of materials as a tree with each reason's path, the ownership chains, the
alternatives, and the downloads."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from longarm.api.auth import services
from longarm.api.history import load_determination, recent_determinations
from longarm.api.problems import ApiError
from longarm.api.reports import stored_report_response
from longarm.errors import InputError
from longarm.interfaces.casefiles import demo_cases
from longarm.store.keys import Role
from longarm.web.templating import page_caller, render
from longarm.web.views import bom_tree, ownership_trees, path_attr, reason_kind

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(request: Request) -> HTMLResponse:
    caller = page_caller(request)
    svc = services(request)
    recent = recent_determinations(svc.store, 15)
    return render(request, "home.html", {"recent": recent, "packs": svc.packs}, caller)


@router.get("/determine")
def determine_form(request: Request) -> HTMLResponse:
    caller = page_caller(request, Role.ANALYST)
    return render(request, "determine.html", _form_context(), caller)


@router.post("/determine", response_model=None)
async def determine_page(
    request: Request,
    case_text: Annotated[str, Form()] = "",
    demo: Annotated[str, Form()] = "",
    as_of: Annotated[str, Form()] = "",
    case_file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    caller = page_caller(request, Role.ANALYST)
    text, name = case_text, "pasted case"
    if case_file is not None and case_file.filename:
        raw = await case_file.read()
        text, name = raw.decode("utf-8", errors="replace"), case_file.filename
    elif demo:
        chosen = {p.name: p for p in demo_cases()}.get(demo)
        if chosen is None:
            return _form_error(request, caller, text, "demo", f"no demo case {demo!r}")
        text, name = chosen.read_text(encoding="utf-8"), chosen.name
    if not text.strip():
        return _form_error(request, caller, text, "case", "paste a case, upload one or pick a demo")
    from datetime import date

    try:
        when = date.fromisoformat(as_of) if as_of.strip() else None
    except ValueError:
        return _form_error(request, caller, text, "as_of", f"not a date (YYYY-MM-DD): {as_of!r}")
    svc = services(request)
    as_json = name.lower().endswith(".json") or text.lstrip().startswith("{")
    try:
        decided = await run_in_threadpool(
            svc.determine_text, text, caller, as_json=as_json, as_of=when
        )
    except InputError as exc:
        return _form_error(request, caller, text, exc.path or "case", exc.reason)
    except ApiError as exc:
        return _form_error(request, caller, text, exc.field or "case", exc.detail)
    return RedirectResponse(f"/determinations/{decided.id}", status_code=303)


@router.get("/determinations/{ident}")
def determination_page(ident: str, request: Request) -> HTMLResponse:
    caller = page_caller(request)
    row = load_determination(services(request).store, ident)
    if row is None:
        return render(request, "missing.html", {"what": f"determination {ident}"}, caller, 404)
    result = json.loads(row.result_json)
    case = json.loads(row.case_json)
    lines = []
    for n, line in enumerate(result["lines"]):
        reasons = []
        for regime, res in sorted(line["regimes"].items()):
            for reason in res["reasons"]:
                reasons.append(
                    {
                        "regime": regime,
                        **reason,
                        "kind": reason_kind(case, reason.get("path", [])),
                        "path_json": path_attr(reason.get("path", [])),
                    }
                )
        lines.append(
            {
                "index": n,
                "item": line["item"],
                "quantity": line["quantity"],
                "regimes": line["regimes"],
                "reasons": reasons,
                "tree": bom_tree(case, line["item"], line["quantity"]),
            }
        )
    context: dict[str, Any] = {
        "row": row,
        "result": result,
        "case": case,
        "lines": lines,
        "owners": ownership_trees(case),
        "alternatives": result.get("alternatives") or [],
    }
    return render(request, "determination.html", context, caller)


@router.get("/determinations/{ident}/report.{fmt}", response_model=None)
async def determination_report(ident: str, fmt: str, request: Request) -> Response:
    page_caller(request)
    row = load_determination(services(request).store, ident)
    if row is None or fmt not in ("pdf", "html", "json"):
        raise ApiError(404, "no such report", field="id")
    if fmt == "json":
        disposition = f'attachment; filename="longarm-{row.shipment}.json"'
        return Response(
            row.result_json,
            media_type="application/json",
            headers={"Content-Disposition": disposition},
        )
    return await stored_report_response(row, fmt)


def _form_context(text: str = "", error: dict[str, str] | None = None) -> dict[str, Any]:
    return {"demos": [p.name for p in demo_cases()], "case_text": text, "error": error}


def _form_error(request: Request, caller: Any, text: str, field: str, reason: str) -> HTMLResponse:
    context = _form_context(text, {"field": field, "reason": reason})
    return render(request, "determine.html", context, caller, status_code=422)

"""`POST /v1/determinations` (a case in, the contract JSON or the filed report out) and the
determinations made earlier."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from longarm.api.auth import needs, services
from longarm.api.history import load_determination, recent_determinations
from longarm.api.models import EXAMPLE_CASE, DeterminationDoc
from longarm.api.problems import ApiError
from longarm.api.reports import report_response, stored_report_response
from longarm.api.services import Caller
from longarm.store.keys import Role

router = APIRouter(prefix="/v1", tags=["determinations"])

_PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Not JSON", **_PROBLEM},
    401: {"description": "No, unknown or revoked key", **_PROBLEM},
    403: {"description": "The key's role may not do this", **_PROBLEM},
    413: {"description": "Request body too large", **_PROBLEM},
    422: {"description": "Bad input, naming the field", **_PROBLEM},
}

_CASE_BODY = {
    "requestBody": {
        "required": True,
        "description": "A case (CONTRACT section 2) as JSON.",
        "content": {
            "application/json": {
                "schema": {"$ref": "#/components/schemas/Case"},
                "examples": {"korean_magnet": {"value": EXAMPLE_CASE}},
            }
        },
    }
}


@router.post(
    "/determinations",
    summary="Determine a case",
    response_model=DeterminationDoc,
    responses={
        200: {
            "description": "The determination (`longarm check --format json`), or its report",
            "content": {"application/pdf": {}, "text/html": {}},
            "headers": {"Location": {"description": "The stored determination"}},
        },
        **ERRORS,
    },
    openapi_extra=_CASE_BODY,
)
async def post_determination(
    request: Request,
    caller: Annotated[Caller, Depends(needs(Role.ANALYST))],
    fmt: Annotated[
        Literal["json", "pdf", "html"], Query(alias="format", description="json, pdf or html")
    ] = "json",
    as_of: Annotated[date | None, Query(description="Override the case's date")] = None,
    packs: Annotated[str | None, Query(description="Regimes, e.g. cn,us (default all)")] = None,
    screen: Annotated[bool, Query(description="Take list memberships from screening")] = False,
) -> Response:
    """Determine one case: the same JSON, byte for byte, as `longarm check` on the same case.

    Every determination is stored and written to the audit log with the caller's key id;
    `Location` names it for later (`GET /v1/determinations/{id}`).
    """
    body = await request.body()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "the body is not UTF-8 text", field="body") from exc
    regimes = [r.strip().upper() for r in packs.split(",") if r.strip()] if packs else None
    svc = services(request)
    decided = await run_in_threadpool(
        svc.determine_text, text, caller, as_of=as_of, regimes=regimes, screen=screen
    )
    headers = {"Location": f"/v1/determinations/{decided.id}", "X-Determination-Id": decided.id}
    if fmt != "json":
        return await report_response(decided.determination, decided.case, fmt, headers)
    return Response(decided.text, media_type="application/json", headers=headers)


@router.get("/determinations", summary="Recent determinations", responses=ERRORS)
def list_determinations(
    request: Request,
    caller: Annotated[Caller, Depends(needs(Role.VIEWER))],
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[dict[str, Any]]:
    """The newest determinations made through the server, newest first."""
    rows = recent_determinations(services(request).store, limit)
    return [
        {
            "id": r.id,
            "at": r.at,
            "actor": r.actor,
            "shipment": r.shipment,
            "as_of": r.as_of,
            "overall": r.overall,
            "hold": r.hold,
        }
        for r in rows
    ]


@router.get(
    "/determinations/{ident}",
    summary="A stored determination",
    response_model=DeterminationDoc,
    responses={200: {"content": {"application/pdf": {}, "text/html": {}}}, **ERRORS},
)
async def get_determination(
    ident: str,
    request: Request,
    caller: Annotated[Caller, Depends(needs(Role.VIEWER))],
    fmt: Annotated[Literal["json", "pdf", "html"], Query(alias="format")] = "json",
) -> Response:
    """The determination as it was answered, or its report."""
    row = load_determination(services(request).store, ident)
    if row is None:
        raise ApiError(404, f"no determination {ident!r}", field="id")
    if fmt != "json":
        return await stored_report_response(row, fmt)
    return Response(row.result_json, media_type="application/json")

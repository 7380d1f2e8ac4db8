"""`POST /v1/screen`: names in, the screening results of CONTRACT section 6 out."""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool

from longarm.api.auth import needs, services
from longarm.api.decisions import ReviewDecision, recent_decisions, record_decision
from longarm.api.models import DecisionRequest, ScreenRequest, ScreenResponse
from longarm.api.problems import ApiError
from longarm.api.routes.determinations import ERRORS
from longarm.api.services import Caller, Services
from longarm.store.audit import append_audit
from longarm.store.keys import Role

router = APIRouter(prefix="/v1", tags=["screening"])


@router.post("/screen", summary="Screen names", responses=ERRORS)
async def post_screen(
    body: ScreenRequest, request: Request, caller: Annotated[Caller, Depends(needs(Role.ANALYST))]
) -> ScreenResponse:
    """Screen each name against the restricted-party lists; every call is audited."""
    svc = services(request)
    if len(body.names) > svc.settings.max_screen_names:
        raise ApiError(
            413, f"at most {svc.settings.max_screen_names} names per request", field="names"
        )
    results = await run_in_threadpool(screen_names, svc, body, caller)
    return ScreenResponse(results=results)


def screen_names(svc: Services, body: ScreenRequest, caller: Caller) -> list[dict[str, Any]]:
    """Screen and audit (one `screening` record per request)."""
    from longarm.screening.model import Query

    screener = svc.screener()
    known = set(screener.vintages)
    for n, code in enumerate(body.lists or []):
        if code not in known:
            raise ApiError(
                422, f"unknown list {code!r}; known: {', '.join(sorted(known))}",
                field=f"lists[{n}]",
            )  # fmt: skip
    queries = [Query(q.name, q.country.upper() if q.country else None, q.id) for q in body.names]
    results = [
        r.to_dict() for r in screener.screen_many(queries, body.lists or None, body.threshold)
    ]
    request_text = json.dumps(body.model_dump(), ensure_ascii=False, sort_keys=True)
    with svc.store.transaction():
        append_audit(
            svc.store,
            actor=caller.actor,
            action="screening",
            inputs_sha256={"names": hashlib.sha256(request_text.encode()).hexdigest()},
            options={"lists": body.lists or [], "threshold": body.threshold},
            result={
                "queries": len(results),
                "hits": [
                    [{"list": h["list"], "entry_id": h["entry_id"], "score": h["score"]}
                     for h in r["hits"]]
                    for r in results
                ],
                "lists": results[0]["lists"] if results else [],
            },
        )  # fmt: skip
    return results


@router.post("/screen/decisions", summary="Accept or reject a hit", status_code=201,
             responses=ERRORS)  # fmt: skip
def post_decision(
    body: DecisionRequest,
    request: Request,
    caller: Annotated[Caller, Depends(needs(Role.ANALYST))],
) -> dict[str, Any]:
    """Record a person's decision on a hit (stored and audited as `screening_decision`)."""
    decision = ReviewDecision(
        body.query, body.country, body.list, body.entry_id, body.decision, body.note
    )
    return record_decision(services(request).store, decision, actor=caller.actor).to_json()


@router.get("/screen/decisions", summary="Recent review decisions", responses=ERRORS)
def get_decisions(
    request: Request, caller: Annotated[Caller, Depends(needs(Role.VIEWER))]
) -> list[dict[str, Any]]:
    return [d.to_json() for d in recent_decisions(services(request).store)]

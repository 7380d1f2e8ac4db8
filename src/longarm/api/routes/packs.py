"""The law as the engine sees it: packs, one clause on a date, and the dates packs change."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from longarm.api.auth import needs, services
from longarm.api.models import ClauseView, PackSummary
from longarm.api.problems import ApiError
from longarm.api.routes.determinations import ERRORS
from longarm.api.services import Caller
from longarm.api.timeline import pack_timeline
from longarm.rulebook.loader import Pack
from longarm.rulebook.rulebook import RuleBook
from longarm.store.keys import Role

router = APIRouter(prefix="/v1/packs", tags=["packs"])


def _pack(request: Request, regime: str) -> Pack:
    pack = services(request).packs.get(regime.upper())
    if pack is None:
        raise ApiError(404, f"no pack for regime {regime!r}", field="regime")
    return pack


@router.get("", summary="The law packs loaded", responses=ERRORS)
def list_packs(
    request: Request, caller: Annotated[Caller, Depends(needs(Role.VIEWER))]
) -> list[PackSummary]:
    """One entry per regime: version, data date, hash and size."""
    return [
        PackSummary(
            regime=p.regime,
            version=p.manifest.version,
            title=p.manifest.title,
            data_as_of=p.manifest.data_as_of.isoformat(),
            sha256=p.sha256,
            instruments=len(p.instruments),
            clauses=len(p.clauses()),
        )
        for p in services(request).packs.values()
    ]


@router.get("/{regime}/clauses/{clause_id}", summary="A clause on a date", responses=ERRORS)
def get_clause(
    regime: str,
    clause_id: str,
    request: Request,
    caller: Annotated[Caller, Depends(needs(Role.VIEWER))],
    as_of: Annotated[date | None, Query(description="Date (default today)")] = None,
) -> ClauseView:
    """A clause with its status (in force, suspended, not yet in force, ended) on `as_of`."""
    pack = _pack(request, regime)
    when = as_of or date.today()
    book = RuleBook(pack).at(when)
    if clause_id not in book.states:
        raise ApiError(404, f"no clause {clause_id!r} in the {pack.regime} pack", field="id")
    state = book.state(clause_id)
    clause, ins = state.clause, state.instrument
    return ClauseView(
        regime=pack.regime,
        id=clause.id,
        as_of=when.isoformat(),
        status=state.status.value if state.status else None,
        detail=state.detail,
        citation=clause.citation,
        test=clause.test,
        effect=clause.effect.value,
        params=clause.params,
        effective_from=_iso(clause.effective_from or ins.effective_from),
        effective_to=_iso(clause.effective_to or ins.effective_to),
        tag=clause.tag,
        note=clause.note,
        instrument={
            "id": ins.id,
            "title": ins.title.en,
            "original": ins.title.original,
            "issuer": ins.issuer,
            "issued": ins.issued.isoformat(),
            "url": ins.url,
        },
    )


@router.get("/{regime}/timeline", summary="The dates on which a pack changes", responses=ERRORS)
def get_timeline(
    regime: str, request: Request, caller: Annotated[Caller, Depends(needs(Role.VIEWER))]
) -> list[dict[str, Any]]:
    """Every date a clause takes effect, ends, is suspended or revives, in order."""
    return [e.to_json() for e in pack_timeline(_pack(request, regime))]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None

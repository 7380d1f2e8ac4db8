"""The dates on which the packs change something, marked where the portfolio (the
determinations stored) cites the rule."""

from __future__ import annotations

import json
from datetime import date
from itertools import groupby

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from longarm.api.auth import services
from longarm.api.history import recent_determinations
from longarm.api.timeline import pack_timeline
from longarm.web.templating import page_caller, render

router = APIRouter(include_in_schema=False)

PORTFOLIO_SIZE = 500
"""Newest determinations whose cited rules make up 'this portfolio'."""


@router.get("/timeline")
def timeline_page(request: Request, portfolio: bool = False) -> HTMLResponse:
    caller = page_caller(request)
    svc = services(request)
    cited: dict[str, set[str]] = {}
    for row in recent_determinations(svc.store, PORTFOLIO_SIZE):
        for regime in json.loads(row.result_json)["regimes"].values():
            for reason in regime["reasons"]:
                cited.setdefault(reason["rule"], set()).add(row.shipment)
    events = []
    for pack in svc.packs.values():
        for event in pack_timeline(pack):
            touched = sorted(
                {s for rule, ships in cited.items() if _covers(event.target, rule) for s in ships}
            )
            if portfolio and not touched:
                continue
            events.append({**event.to_json(), "shipments": touched, "on": event.on})
    events.sort(key=lambda e: (e["on"], e["regime"], e["target"]))
    days = [(day, list(group)) for day, group in groupby(events, key=lambda e: e["on"])]
    context = {"days": days, "today": date.today(), "portfolio": portfolio,
               "cited": len(cited)}  # fmt: skip
    return render(request, "timeline.html", context, caller)


def _covers(target: str, rule: str) -> bool:
    """Whether an event on `target` (an instrument or a clause id) concerns `rule`."""
    return rule == target or rule.startswith(target + ".")

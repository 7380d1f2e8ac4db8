"""Items in the United States and US-origin items are subject to the EAR (734.3(a)(1)-(2))."""

from __future__ import annotations

from longarm.facts.classification import Tri
from longarm.rulebook.schema import Clause, Instrument
from longarm.rules.context import LineContext
from longarm.rules.params import Params
from longarm.rules.us.facts import us_origin
from longarm.rules.us.reach import Finding, register_jurisdiction


class OriginParams(Params):
    country: str
    """Items in this country, and items of its origin wherever located, are subject."""


def origin_finding(
    clause: Clause, ins: Instrument, params: OriginParams, ctx: LineContext
) -> Finding | None:
    item = ctx.item
    ship_from = ctx.case.shipment.ship_from
    if ship_from == params.country:
        return Finding(Tri.YES, f"{item.id} leaves from {ship_from}: an item in the United States")
    origin = us_origin(item, params.country)
    if origin is Tri.YES:
        return Finding(
            Tri.YES, f"{item.id} is of {params.country} origin, shipped from {ship_from}"
        )
    if origin is Tri.MAYBE:
        return Finding(
            Tri.MAYBE,
            f"origin of {item.id} unknown: it is subject if it is of {params.country} origin",
            missing=(f"items[{item.id}].origin",),
        )
    return None


register_jurisdiction("us_origin", OriginParams, origin_finding)

"""Destination overlays of the dual-use list: military users and uses in a named country
(2024 No. 46 Art. 1, 2026 No. 1) and country-wide review policies (2024 No. 46 Art. 2).

They reach exports of dual-use items from the PRC and, where the instrument says so
(`reach_origin`), transfers of PRC-origin dual-use items by anyone, anywhere.
"""

from __future__ import annotations

from pydantic import Field

from longarm.domain.case import Party
from longarm.domain.determination import Reason
from longarm.domain.vocab import EndUse, Outcome
from longarm.facts.classification import Match, Tri
from longarm.facts.description import described_words
from longarm.rulebook.schema import Clause, Instrument
from longarm.rules.cn.facts import REGIME, dual_use, exported_from, listed, origin_is
from longarm.rules.context import LineContext
from longarm.rules.params import Params
from longarm.rules.registry import TestKind, register


class DestinationParams(Params):
    destinations: list[str]
    exporting_countries: list[str]
    reach_origin: str | None = None
    """Also reach items of this origin transferred from anywhere (extraterritorial clause)."""
    items: list[str] = Field(default_factory=list)
    """Item sets concerned; empty means every item on the dual-use list on the date."""
    described_as: list[str] = Field(default_factory=list)
    """Words that name the kind of dual-use item concerned where the instrument names a kind
    rather than list entries (2026 No. 34: drone-related items). The description must name
    one; the item is then a dual-use item if it matches the list or the user declared a CN
    classification for it, and an open question otherwise."""


def _kind(ctx: LineContext, params: DestinationParams, ins: Instrument) -> Match:
    """Is the line's item one the clause concerns? (list entries, or a kind named in words)"""
    item = ctx.item
    match = listed(ctx, item, params.items, ins) if params.items else dual_use(ctx, item)
    if not params.described_as:
        return match
    words = described_words(item.description, params.described_as)
    if not words:
        return Match.none()
    named = "/".join(f"'{w}'" for w in words)
    declared = item.controls_for(REGIME)
    if match.answer is Tri.YES or declared:
        how = match.basis if match.answer is Tri.YES else f"declared {', '.join(declared)}"
        return Match(Tri.YES, match.entry, f"described as {named}; {how}")
    return Match(
        Tri.MAYBE,
        match.entry,
        f"described as {named}, but no CN classification says whether it is a listed dual-use item",
    )


def _reach(
    clause: Clause, ins: Instrument, params: DestinationParams, ctx: LineContext
) -> tuple[Tri, Match, str]:
    item = ctx.item
    match = _kind(ctx, params, ins)
    if match.answer is Tri.NO:
        return Tri.NO, match, ""
    if exported_from(params.exporting_countries, ctx):
        return match.answer, match, f"export from {ctx.case.shipment.ship_from}"
    if params.reach_origin is None:
        return Tri.NO, match, ""
    origin = origin_is(item, params.reach_origin)
    return min(origin, match.answer), match, f"transfer of {item.origin}-origin item"


def _parties(ctx: LineContext) -> list[tuple[str, Party]]:
    return [(role, p) for role in ("consignee", "end_user") if (p := ctx.party(role)) is not None]


class UserBanParams(DestinationParams):
    end_uses: list[EndUse]


def destination_user_ban(
    clause: Clause, ins: Instrument, params: UserBanParams, ctx: LineContext
) -> list[Reason]:
    reach, match, how = _reach(clause, ins, params, ctx)
    if reach is Tri.NO:
        return []
    shipment = ctx.case.shipment
    countries = set(params.destinations)
    users = [f"{role} {p.id}" for role, p in _parties(ctx) if p.military and p.country in countries]
    to_country = shipment.destination in countries or any(
        p.country in countries for _, p in _parties(ctx)
    )
    uses = sorted(u.value for u in ctx.end_uses if u in params.end_uses)
    code = match.entry.code if match.entry and match.entry.code else "listed"
    what = f"dual-use item {ctx.item.id} ({code}); {how}"
    if users or (to_country and uses):
        who = ", ".join(users) if users else f"{'/'.join(uses)} end use"
        answer = reach
        detail = f"{what} to {who} in {'/'.join(sorted(countries))}"
    elif to_country and EndUse.UNKNOWN in ctx.end_uses:
        answer = Tri.MAYBE
        detail = f"{what} to {'/'.join(sorted(countries))}; end use unknown, may be military"
    else:
        return []
    if answer is Tri.YES:
        return [ctx.reason(clause, detail)]
    missing = ["shipment.end_uses"] if answer is Tri.MAYBE and not users else []
    if reach is Tri.MAYBE:
        missing.append(f"items[{ctx.item.id}].origin")
    return [
        ctx.reason(
            clause,
            detail,
            effect=Outcome.NEEDS_REVIEW,
            review_ceiling=clause.effect,
            missing=tuple(missing),
        )
    ]


def destination_policy(
    clause: Clause, ins: Instrument, params: DestinationParams, ctx: LineContext
) -> list[Reason]:
    reach, match, how = _reach(clause, ins, params, ctx)
    if reach is Tri.NO or ctx.case.shipment.destination not in params.destinations:
        return []
    code = match.entry.label if match.entry else "listed item"
    what = f"{code}; {match.basis}" if match.basis else code
    detail = f"{ctx.item.id} ({what}); {how} to {ctx.case.shipment.destination}"
    field = "controls" if params.described_as else "materials"
    return ctx.finding(clause, reach, detail, missing=(f"items[{ctx.item.id}].{field}",))


register(TestKind("destination_user_ban", UserBanParams, base=destination_user_ban))
register(TestKind("destination_policy", DestinationParams, base=destination_policy))

"""Foreign direct product rules (15 CFR 734.9): foreign-made items made with US technology.

Driven by declared facts: `Item.made_with` (the item is a direct product of these US-origin
technology or software ECCNs) and `Item.plant_made_with` (the plant, or a major component
of it, is). A rule reaches the item through its destination or through a listed party with
a given Entity List footnote, whichever the clause names.
"""

from __future__ import annotations

from pydantic import Field

from longarm.domain.vocab import ListCode
from longarm.facts.classification import Tri
from longarm.rulebook.schema import Clause, Instrument
from longarm.rules.context import LineContext
from longarm.rules.us.facts import (
    REGIME,
    DestinationParams,
    code_matches,
    destination,
    destination_in,
    parties,
    product_in,
    us_origin,
)
from longarm.rules.us.reach import Finding, register_jurisdiction


class DirectProductParams(DestinationParams):
    technology: list[str]
    """ECCN patterns of US-origin technology or software the item is a direct product of."""
    plant_technology: list[str] = Field(default_factory=list)
    """ECCN patterns for the plant route (the plant or a major component is the product)."""
    products: list[str] = Field(default_factory=list)
    """ECCN patterns of the foreign-made items in scope (empty: any item)."""
    party_lists: list[ListCode] = Field(default_factory=list)
    party_footnotes: list[int] = Field(default_factory=list)
    """The rule reaches the item when a party on `party_lists` has one of these footnotes."""
    roles: list[str] = Field(default_factory=list)


def direct_product_finding(
    clause: Clause, ins: Instrument, params: DirectProductParams, ctx: LineContext
) -> Finding | None:
    item = ctx.item
    if us_origin(item) is Tri.YES:
        return None
    made = _made_with(item.made_with, params.technology, "a direct product of")
    plant = _made_with(item.plant_made_with, params.plant_technology, "made by a plant that is")
    how = made or plant
    if how is None:
        return None
    product = product_in(item, params.products)
    reach, where, missing = _reach(params, ctx)
    answer = Tri(min(product, reach))
    if answer is Tri.NO:
        return None
    detail = f"{item.id} made in {item.origin} is {how}; {where}"
    if answer is Tri.YES:
        return Finding(Tri.YES, detail, path=(item.id,))
    if product is Tri.MAYBE:
        missing = (*missing, f"items[{item.id}].controls")
    return Finding(Tri.MAYBE, f"{detail} (undecided)", path=(item.id,), missing=missing)


def _made_with(declared: list[str], patterns: list[str], how: str) -> str | None:
    prefix = f"{REGIME}:"
    codes = [c[len(prefix) :] for c in declared if c.startswith(prefix)]
    hits = [c for c in codes if code_matches(c, patterns)]
    return f"{how} US-origin {', '.join(hits)}" if hits else None


def _reach(params: DirectProductParams, ctx: LineContext) -> tuple[Tri, str, tuple[str, ...]]:
    """Whether the destination or a footnoted listed party brings the item in."""
    by_destination = (params.destinations or params.destination_groups) and destination_in(
        params, ctx
    )
    if by_destination:
        return Tri.YES, f"destined to {destination(ctx)}", ()
    if not params.party_lists:
        return Tri.NO, "", ()
    wanted = {code.value for code in params.party_lists}
    best: tuple[Tri, str, tuple[str, ...]] = (Tri.NO, "", ())
    for role, party in parties(ctx, params.roles):
        for m in party.lists:
            if m.list.value not in wanted:
                continue
            if m.footnote in params.party_footnotes:
                note = f"footnote {m.footnote}"
                return Tri.YES, f"{role} {party.id} is a {m.cite()} {note} entity", ()
            if m.footnote_unknown and best[0] is Tri.NO:
                best = (
                    Tri.MAYBE,
                    f"{role} {party.id} is on {m.list.value}, footnote not stated",
                    (f"parties[{party.id}].lists[{m.list.value}].footnote",),
                )
    return best


register_jurisdiction("us_direct_product", DirectProductParams, direct_product_finding)

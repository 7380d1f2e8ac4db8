"""Facts the US tests share: origin, declared ECCNs, destinations and the parties to a deal."""

from __future__ import annotations

from fnmatch import fnmatchcase

from pydantic import Field

from longarm.domain.case import Item, Party
from longarm.domain.vocab import EndUse
from longarm.facts.classification import Tri
from longarm.rules.context import LineContext
from longarm.rules.params import Params
from longarm.rules.us.country_groups import groups_on
from longarm.rules.us.tables import UsTables

REGIME = "US"
NOT_ON_CCL = "EAR99"
"""How an item subject to the EAR but not on the CCL is declared (15 CFR 734.3(c))."""


class DestinationParams(Params):
    """Destinations a clause reaches: named countries and Country Groups (empty: all)."""

    destinations: list[str] = Field(default_factory=list)
    destination_groups: list[str] = Field(default_factory=list)
    exclude_destination_groups: list[str] = Field(default_factory=list)


def tables() -> UsTables:
    return UsTables.load()


def destination(ctx: LineContext) -> str:
    return ctx.case.shipment.destination


def destination_groups(ctx: LineContext) -> frozenset[str]:
    """The destination's Country Groups on the determination date."""
    return groups_on(ctx, destination(ctx))


def destination_in(params: DestinationParams, ctx: LineContext) -> bool:
    """Whether the shipment's destination is within the clause's destinations."""
    dest = destination(ctx)
    groups = destination_groups(ctx)
    if groups & set(params.exclude_destination_groups):
        return False
    if not params.destinations and not params.destination_groups:
        return True
    return dest in params.destinations or bool(groups & set(params.destination_groups))


def us_origin(item: Item, country: str = "US") -> Tri:
    if item.origin == "unknown":
        return Tri.MAYBE
    return Tri.YES if item.origin == country else Tri.NO


def us_codes(item: Item) -> list[str]:
    """Declared US classifications without the namespace: ECCNs (with paragraph) or EAR99."""
    return item.controls_for(REGIME)


def code_matches(code: str, patterns: list[str]) -> bool:
    """An ECCN matches a pattern that names it, a parent paragraph of it, or globs it.

    "3B001.c" matches "3B001.c.1.a"; "9?515.[a-x]*" matches "9A515.x".
    """
    return any(code == p or code.startswith(p + ".") or fnmatchcase(code, p) for p in patterns)


def product_in(item: Item, patterns: list[str]) -> Tri:
    """Whether the item's declared US classification is in `patterns` (empty: any item).

    An item without a US classification may be in scope: MAYBE.
    """
    if not patterns:
        return Tri.YES
    codes = [c for c in us_codes(item) if c != NOT_ON_CCL]
    if not codes:
        return Tri.NO if us_codes(item) else Tri.MAYBE
    return Tri.YES if any(code_matches(c, patterns) for c in codes) else Tri.NO


def end_use_in(ctx: LineContext, uses: list[EndUse]) -> Tri:
    """Whether a declared end use is one of `uses` (empty: any); unknown end use is MAYBE."""
    if not uses:
        return Tri.YES
    if ctx.end_uses & set(uses):
        return Tri.YES
    return Tri.MAYBE if EndUse.UNKNOWN in ctx.end_uses else Tri.NO


def parties(ctx: LineContext, roles: list[str]) -> list[tuple[str, Party]]:
    """The parties in `roles` (each once, first role wins), e.g. consignee and end user."""
    found: list[tuple[str, Party]] = []
    seen: set[str] = set()
    for role in roles:
        party = ctx.party(role)
        if party is not None and party.id not in seen:
            seen.add(party.id)
            found.append((role, party))
    return found

"""Facts the PRC tests share: reach of the export, origin, Annex 1 membership, dual-use status."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import Field

from longarm.bom.graph import below_first
from longarm.domain.case import Item
from longarm.domain.vocab import Form, Status
from longarm.facts.classification import Match, Tri
from longarm.facts.description_materials import item_described
from longarm.rulebook.schema import Instrument, ItemEntry
from longarm.rules.context import LineContext
from longarm.rules.params import Params

REGIME = "CN"


class ReachParams(Params):
    """Where an export starts and ends, for tests that only reach some exports."""

    exporting_countries: list[str] = Field(default_factory=list)
    """Export from these countries is in scope (empty: any)."""
    exclude_ship_from: list[str] = Field(default_factory=list)
    exclude_destinations: list[str] = Field(default_factory=list)


def in_reach(params: ReachParams, ctx: LineContext) -> bool:
    shipment = ctx.case.shipment
    if params.exporting_countries and not exported_from(params.exporting_countries, ctx):
        return False
    if shipment.ship_from in params.exclude_ship_from:
        return False
    return shipment.destination not in params.exclude_destinations


def exported_from(countries: Sequence[str], ctx: LineContext) -> bool:
    """Goods leave `countries`, or technology is provided there to a foreign party (deemed)."""
    shipment = ctx.case.shipment
    if shipment.ship_from not in countries:
        return False
    if shipment.destination not in countries:
        return True
    return is_technology(ctx.item) and any(
        p is not None and p.country not in countries
        for p in (ctx.party("end_user"), ctx.party("consignee"))
    )


def is_technology(item: Item) -> bool:
    """Control codes of the form 1E902: the second character E is the technology group."""
    return any(len(code) > 1 and code[1] == "E" for code in item.controls_for(REGIME))


def unclassified(item: Item) -> bool:
    """Nothing says what the item is: no CN classification, no materials, no bill of
    materials, and a description that names no material."""
    return not (
        item.controls_for(REGIME)
        or item.materials
        or item.components
        or item_described(item, REGIME) is not None
    )


def origin_is(item: Item, country: str) -> Tri:
    if item.origin == "unknown":
        return Tri.MAYBE
    return Tri.YES if item.origin == country else Tri.NO


def listed(ctx: LineContext, item: Item, refs: list[str], within: Instrument) -> Match:
    return ctx.facts.match(item, ctx.entries(refs, within), REGIME)


def contains(
    ctx: LineContext, item: Item, entries: tuple[ItemEntry, ...]
) -> tuple[Tri, tuple[str, ...]]:
    """Whether `item` contains, at any depth, an item matching `entries` (path to it).

    Memoised per item and entry set; the bill of materials is acyclic (checked on input).
    Iterative (children first), so a bill of materials 10,000 levels deep needs no deep
    call stack.
    """
    memo = ctx.facts._contains
    key = (item.id, id(entries))
    if key not in memo:
        items = ctx.case.items_by_id
        for node in below_first(items, item.id, lambda n: (n, id(entries)) in memo):
            memo[(node, id(entries))] = _contains_here(ctx, items[node], entries)
    return memo[key]


def _contains_here(
    ctx: LineContext, item: Item, entries: tuple[ItemEntry, ...]
) -> tuple[Tri, tuple[str, ...]]:
    """`contains` for one item whose components' answers are already memoised."""
    memo = ctx.facts._contains
    elements = {e.element for e in entries if Form.PERMANENT_MAGNET in e.forms}
    if any(m.form is Form.ARTICLE and m.element in elements for m in item.materials):
        return (Tri.YES, (item.id,))
    best: tuple[Tri, tuple[str, ...]] = (Tri.NO, ())
    for comp in item.components:
        child = ctx.case.items_by_id[comp.item]
        here = ctx.facts.match(child, entries, REGIME).answer
        if here is Tri.YES:
            return (Tri.YES, (item.id, child.id))
        found, path = memo[(child.id, id(entries))]
        candidate = max(here, found)
        if candidate > best[0]:
            best = (candidate, (item.id, child.id) if here >= found else (item.id, *path))
    return best


def dual_use(ctx: LineContext, item: Item) -> Match:
    """Is the item on the PRC dual-use list on the determination date?

    The list is whatever the in-force `listed_item_export` clauses of the pack name: an
    item whose announcement is suspended is not controlled while it is suspended.
    """
    best = Match.none()
    for ins, clause in ctx.pack.clauses():
        if clause.test != "listed_item_export" or not clause.params.get("dual_use_list", True):
            continue
        if ctx.book.state(clause.id).status is not Status.IN_FORCE:
            continue
        refs = clause.params.get("items", [])
        found = listed(ctx, item, refs, ins)
        if found.answer > best.answer:
            best = found
    return best

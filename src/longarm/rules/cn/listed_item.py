"""Listed dual-use items exported from the PRC need a licence (DUR; the list announcements),
and the MOFCOM FAQ carve-out for deep-processed goods that merely contain listed magnets."""

from __future__ import annotations

from longarm.domain.determination import Reason
from longarm.domain.vocab import Outcome
from longarm.facts.classification import Tri
from longarm.rulebook.schema import Clause, Instrument
from longarm.rules.cn.facts import ReachParams, contains, in_reach, listed
from longarm.rules.context import LineContext
from longarm.rules.registry import TestKind, register


class ListedItemParams(ReachParams):
    items: list[str]
    """Item sets (of this instrument, or "instrument-id:set") this clause controls."""
    dual_use_list: bool = True
    """The clause puts its items on the Dual-Use Items Export Control List. False for other
    export controls (e.g. the technology-export catalogue), whose items are not dual-use
    items for the destination and party overlays."""


def listed_item_export(
    clause: Clause, ins: Instrument, params: ListedItemParams, ctx: LineContext
) -> list[Reason]:
    if not in_reach(params, ctx):
        return []
    match = listed(ctx, ctx.item, params.items, ins)
    if match.answer is Tri.NO or match.entry is None:
        return []
    entry = match.entry
    code = entry.code or "(list code not known)"
    shipment = ctx.case.shipment
    if match.answer is Tri.YES:
        return [
            ctx.reason(
                clause,
                f"{ctx.item.id} is {code} {entry.label} ({match.basis}); export from "
                f"{shipment.ship_from} needs a licence",
                figures={"code": code},
            )
        ]
    return [
        ctx.reason(
            clause,
            f"{ctx.item.id} may be {code} {entry.label} ({match.basis})",
            effect=Outcome.NEEDS_REVIEW,
            figures={"code": code},
            missing=(f"items[{ctx.item.id}].materials",),
            review_ceiling=clause.effect,
        )
    ]


class CarveOutParams(ReachParams):
    items: list[str]
    """The listed items whose presence inside a deep-processed good does not list the good."""
    listed_items: list[str]
    """The instrument's own list: an item that is itself listed is not carved out."""


def carve_out(
    clause: Clause, ins: Instrument, params: CarveOutParams, ctx: LineContext
) -> list[Reason]:
    if not in_reach(params, ctx):
        return []
    if listed(ctx, ctx.item, params.listed_items, ins).answer is not Tri.NO:
        return []
    found, path = contains(ctx, ctx.item, ctx.entries(params.items, ins))
    if found is Tri.NO:
        return []
    return [
        ctx.reason(
            clause,
            f"{ctx.item.id} is a deep-processed product containing listed magnet material "
            f"({' > '.join(path)}): generally not within the list itself",
            effect=Outcome.NO_LICENSE_REQUIRED,
            path=path,
        )
    ]


register(TestKind("listed_item_export", ListedItemParams, base=listed_item_export))
register(TestKind("carve_out", CarveOutParams, base=carve_out))

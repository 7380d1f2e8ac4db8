"""Listed dual-use items exported from the PRC need a licence (DUR; the list announcements),
and the MOFCOM FAQ carve-out for deep-processed goods that merely contain listed magnets."""

from __future__ import annotations

from dataclasses import replace

from longarm.domain.determination import Reason
from longarm.domain.vocab import Form, Outcome
from longarm.facts.classification import Tri, match_declared
from longarm.rulebook.schema import Clause, Instrument
from longarm.rules.cn.facts import REGIME, ReachParams, contains, in_reach, listed
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
    applies_to: list[str]
    """The listing clauses whose requirement a deep-processed product escapes."""
    items: list[str]
    """The listed items whose presence inside a deep-processed good does not list the good."""
    listed_items: list[str]
    """The instrument's own list, to tell how a listed item was classified."""


def carve_out(
    clause: Clause,
    ins: Instrument,
    params: CarveOutParams,
    ctx: LineContext,
    reasons: list[Reason],
) -> list[Reason]:
    """Deep-processed goods (assemblies, finished goods) that merely contain listed magnets.

    A good that has a bill of materials, or is declared an `article`, and contains listed
    magnet material is not itself listed, even where its materials name the magnet: the
    carve-out rewrites such a listing. A classification the user declared as a control code
    is the user's own reading and is kept.
    """
    item = ctx.item
    if not in_reach(params, ctx):
        return reasons
    assembly = bool(item.components) or any(m.form is Form.ARTICLE for m in item.materials)
    magnets = ctx.entries(params.items, ins)
    inside, path = contains(ctx, item, magnets)
    own = ctx.facts.match(item, magnets, REGIME)
    if not assembly or max(inside, own.answer) is Tri.NO:
        return reasons
    if match_declared(item, ctx.entries(params.listed_items, ins), REGIME) is Tri.YES:
        return reasons
    note = f"deep-processed product: generally not within the list (exempt under {clause.id})"
    rewritten = [
        replace(
            r, effect=Outcome.NO_LICENSE_REQUIRED, review_ceiling=None, detail=f"{r.detail}; {note}"
        )
        if r.rule in params.applies_to and r.operative
        else r
        for r in reasons
    ]
    where = " > ".join(path) if inside is not Tri.NO else f"{item.id} ({own.basis})"
    own_status = ctx.book.state(clause.id).status
    return [
        *rewritten,
        ctx.reason(
            clause,
            f"{item.id} is a deep-processed product containing listed magnet material "
            f"({where}): generally not within the list itself",
            path=path if inside is not Tri.NO else (item.id,),
            status=own_status,
        ),
    ]


register(TestKind("listed_item_export", ListedItemParams, base=listed_item_export))
register(TestKind("carve_out", CarveOutParams, overlay=carve_out))

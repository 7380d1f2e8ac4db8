"""De minimis US content (15 CFR 734.4, Supplement No. 2 to Part 734).

A foreign-made item is subject to the EAR when its US-origin controlled content exceeds the
de minimis level for its destination. Each clause carries one level and the destinations,
products and end uses it applies to; the item is subject when its content exceeds any
applicable level, which is the same as exceeding the lowest one (25 % generally, 10 % for
E:1/E:2, 0 % for the categories of 734.4(a)).

The roll-up counts a US-origin item that needs a licence in the form received (Country Chart
and Part 746), stops at any other US-origin item (EAR99, NLR: never opened, Supp. No. 2 says
"in the form received"), and opens foreign-made parts. Unknown origin, classification or
value give an interval; the finding is undecided only if the interval straddles the level.
"""

from __future__ import annotations

from fractions import Fraction

from pydantic import Field

from longarm.bom.interval import RatioRange
from longarm.bom.rollup import Action, Predicate, Verdict
from longarm.domain.case import Item
from longarm.domain.vocab import EndUse
from longarm.facts.classification import Tri
from longarm.rulebook.schema import Clause, Instrument
from longarm.rules.context import LineContext
from longarm.rules.figures import percent, ratio_figures, share_text
from longarm.rules.us.controlled import controlled_in_form_received
from longarm.rules.us.facts import (
    DestinationParams,
    destination,
    destination_in,
    end_use_in,
    product_in,
    us_origin,
)
from longarm.rules.us.reach import Finding, register_jurisdiction


class DeMinimisParams(DestinationParams):
    threshold: Fraction
    """Content above this share of the item's value makes it subject ("exceeds")."""
    products: list[str] = Field(default_factory=list)
    """Only foreign-made items classified under these ECCN patterns (empty: any)."""
    end_uses: list[EndUse] = Field(default_factory=list)
    """Only for these declared end uses (empty: any)."""
    content: list[str] = Field(default_factory=list)
    """Only US-origin content classified under these ECCN patterns counts, whatever its
    licence position (734.4(a)(6): incorporated 9x515/600-series items); empty: the
    controlled content of Supp. No. 2 (a)(1)."""


def de_minimis_finding(
    clause: Clause, ins: Instrument, params: DeMinimisParams, ctx: LineContext
) -> Finding | None:
    item = ctx.item
    if us_origin(item) is Tri.YES or not destination_in(params, ctx):
        return None
    scope = min(product_in(item, params.products), end_use_in(ctx, params.end_uses))
    if scope is Tri.NO:
        return None
    if params.content:
        key = f"US:de_minimis:{destination(ctx)}:{','.join(params.content)}"
        rollup = ctx.facts.rollup(key, _classified(params.content))
    else:
        rollup = ctx.facts.rollup(f"US:de_minimis:{destination(ctx)}", _predicate(ctx))
    content = rollup.content(item.id)
    what = (
        f"US-origin {' or '.join(params.content)} content"
        if params.content
        else "US-origin controlled content"
    )
    value = ctx.facts.valuation.unit_value(item)
    ratio = RatioRange.of(content.total, value)
    exceeds = ratio.above(params.threshold)
    figures = ratio_figures(content.total, value, ratio, params.threshold)
    path = (item.id, *content.largest.path) if content.largest else (item.id,)
    level = percent(params.threshold)
    share = share_text(ratio)
    if exceeds is False:
        return Finding(
            Tri.NO,
            f"{what} {share} of {item.id}'s value does not exceed "
            f"{level}: not subject under de minimis",
            figures,
            path,
        )
    answer = Tri(min(scope, Tri.YES if exceeds else Tri.MAYBE))
    if answer is Tri.YES:
        return Finding(
            Tri.YES,
            f"{item.id} made in {item.origin}: {what} {share} of value "
            f"exceeds {level} for {destination(ctx)}",
            figures,
            path,
        )
    missing = list(content.missing)
    if value.hi is None:
        missing.append(f"items[{item.id}].unit_value")
    if product_in(item, params.products) is Tri.MAYBE:
        missing.append(f"items[{item.id}].controls")
    if end_use_in(ctx, params.end_uses) is Tri.MAYBE:
        missing.append("shipment.end_uses")
    return Finding(
        Tri.MAYBE,
        f"cannot decide whether {what} of {item.id} ({share}) exceeds "
        f"{level} or whether the level applies",
        figures,
        path,
        tuple(dict.fromkeys(missing)),
    )


def _predicate(ctx: LineContext) -> Predicate:
    """Count controlled US-origin items, stop at other US-origin items, open foreign ones."""

    def verdict(child: Item) -> Verdict:
        origin = us_origin(child)
        if origin is Tri.NO:
            return Verdict.of(Action.OPEN)
        controlled = controlled_in_form_received(ctx, child)
        as_us = {Tri.YES: {Action.COUNT}, Tri.NO: {Action.STOP}, Tri.MAYBE: _EITHER}[
            controlled.answer
        ]
        unknown = list(controlled.missing)
        if origin is Tri.MAYBE:
            unknown.append(f"items[{child.id}].origin")
            as_us = as_us | {Action.OPEN}
        return Verdict(frozenset(as_us), tuple(unknown))

    return verdict


def _classified(patterns: list[str]) -> Predicate:
    """Count US-origin items classified under `patterns`, stop at other US-origin items (in
    the form received), open foreign ones; an unknown classification may be either."""

    def verdict(child: Item) -> Verdict:
        origin = us_origin(child)
        if origin is Tri.NO:
            return Verdict.of(Action.OPEN)
        scope = product_in(child, patterns)
        as_us = {Tri.YES: {Action.COUNT}, Tri.NO: {Action.STOP}, Tri.MAYBE: _EITHER}[scope]
        unknown = [f"items[{child.id}].controls"] if scope is Tri.MAYBE else []
        if origin is Tri.MAYBE:
            unknown.append(f"items[{child.id}].origin")
            as_us = as_us | {Action.OPEN}
        return Verdict(frozenset(as_us), tuple(unknown))

    return verdict


_EITHER = {Action.COUNT, Action.STOP}


register_jurisdiction("us_de_minimis", DeMinimisParams, de_minimis_finding)

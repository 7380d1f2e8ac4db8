"""Embargoed and sanctioned destinations (15 CFR Part 746): the Country Chart points here.

The same clauses decide the line item's licence and whether US-origin content counts as
controlled for de minimis (Supplement No. 2 to Part 734 (a)(1) uses Part 746 too).
"""

from __future__ import annotations

from dataclasses import dataclass

from longarm.domain.case import Item
from longarm.domain.determination import Reason
from longarm.domain.vocab import Outcome, Status
from longarm.facts.classification import Tri
from longarm.rulebook.schema import Clause, Instrument
from longarm.rules.context import LineContext
from longarm.rules.params import Params
from longarm.rules.registry import TestKind, parse_params, register
from longarm.rules.us.facts import NOT_ON_CCL, destination, us_codes
from longarm.rules.us.reach import subject_to_ear

TEST = "us_embargo"


class EmbargoParams(Params):
    destinations: list[str]
    covers_ear99: bool
    """EAR99 items need a licence too (else only CCL items do)."""
    ear99_review: bool = False
    """EAR99 items give needs_review (another authority, e.g. OFAC, may require one)."""


@dataclass(frozen=True)
class EmbargoAnswer:
    answer: Tri
    """Does the clause require a licence for the item? MAYBE: its classification is unknown."""
    detail: str
    review: bool = False
    missing: tuple[str, ...] = ()


def embargo_answer(params: EmbargoParams, item: Item) -> EmbargoAnswer | None:
    """What one embargo clause says of an item, or None when it does not reach the item."""
    codes = us_codes(item)
    if params.covers_ear99:
        return EmbargoAnswer(Tri.YES, f"every item subject to the EAR, {item.id} included")
    ccl = [c for c in codes if c.upper() != NOT_ON_CCL]
    if ccl:
        return EmbargoAnswer(Tri.YES, f"{item.id} is on the CCL ({', '.join(ccl)})")
    if not codes:
        return EmbargoAnswer(
            Tri.MAYBE,
            f"{item.id} has no US classification: may be a CCL item",
            missing=(f"items[{item.id}].controls",),
        )
    if params.ear99_review:
        return EmbargoAnswer(
            Tri.MAYBE,
            f"{item.id} is EAR99: whether it needs a licence or other authorisation is not encoded",
            review=True,
        )
    return None


def covering_clauses(ctx: LineContext) -> list[tuple[Clause, EmbargoParams]]:
    """The in-force embargo clauses whose destinations include the shipment's."""
    found = []
    for _, clause in ctx.pack.clauses():
        if clause.test != TEST or ctx.book.state(clause.id).status is not Status.IN_FORCE:
            continue
        params = parse_params(clause)
        assert isinstance(params, EmbargoParams)
        if destination(ctx) in params.destinations:
            found.append((clause, params))
    return found


def us_embargo(
    clause: Clause, ins: Instrument, params: EmbargoParams, ctx: LineContext
) -> list[Reason]:
    if destination(ctx) not in params.destinations:
        return []
    found = embargo_answer(params, ctx.item)
    if found is None:
        return []
    reach = subject_to_ear(ctx)
    if reach.answer is Tri.NO:
        return []
    detail = f"export to {destination(ctx)}: {found.detail}; {reach.basis}"
    if found.answer is Tri.YES and reach.answer is Tri.YES:
        return [ctx.reason(clause, detail)]
    return [
        ctx.reason(
            clause,
            detail,
            effect=Outcome.NEEDS_REVIEW,
            missing=found.missing + reach.missing,
            review_ceiling=None if found.review else clause.effect,
        )
    ]


register(TestKind(TEST, EmbargoParams, base=us_embargo))

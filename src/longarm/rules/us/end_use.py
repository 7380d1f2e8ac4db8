"""End-use controls (15 CFR 744.23: advanced-node integrated circuits and semiconductor
manufacturing equipment): a licence for items subject to the EAR destined to named
destinations for a declared end use, or for an entity whose ultimate parent is
headquartered there (744.23(a)(4)(ii)), wherever the work is done.

These are knowledge-based controls; an unknown end use (`end_uses` omitted) leaves them open
(needs_review naming `shipment.end_uses`), never a silent clearance.
"""

from __future__ import annotations

from pydantic import Field

from longarm.domain.determination import Reason
from longarm.domain.vocab import EndUse, Outcome
from longarm.facts.classification import Tri
from longarm.rulebook.schema import Clause, Instrument
from longarm.rules.context import LineContext
from longarm.rules.registry import TestKind, register
from longarm.rules.us.facts import (
    NOT_ON_CCL,
    DestinationParams,
    destination,
    destination_groups,
    destination_in,
    end_use_in,
    us_codes,
)
from longarm.rules.us.reach import subject_to_ear
from longarm.rules.us.reach_parties import headquartered_in


class EndUseParams(DestinationParams):
    end_uses: list[EndUse]
    ccl_only: bool = False
    """Only items on the CCL (not EAR99), as 744.23(a)(4) says."""
    roles: list[str] = Field(default_factory=list)
    headquarters_countries: list[str] = Field(default_factory=list)
    headquarters_groups: list[str] = Field(default_factory=list)
    """A party headquartered (ultimate parent) here brings the control wherever it goes;
    empty: only the destinations reach."""


def us_end_use(
    clause: Clause, ins: Instrument, params: EndUseParams, ctx: LineContext
) -> list[Reason]:
    item = ctx.item
    codes = us_codes(item)
    ccl = Tri.YES
    if params.ccl_only:
        on_ccl = [c for c in codes if c.upper() != NOT_ON_CCL]
        ccl = Tri.YES if on_ccl else (Tri.NO if codes else Tri.MAYBE)
    if ccl is Tri.NO:
        return []
    path: tuple[str, ...] = ()
    missing: list[str] = []
    if destination_in(params, ctx):
        where, there = f"destined to {destination(ctx)}", Tri.YES
    elif params.headquarters_countries or params.headquarters_groups:
        dest = destination(ctx)
        if dest in params.headquarters_countries or destination_groups(ctx) & set(
            params.headquarters_groups
        ):
            return []  # the destination rule decides there
        party = headquartered_in(
            ctx, params.roles, params.headquarters_countries, params.headquarters_groups
        )
        if party.answer is Tri.NO:
            return []
        where, there, path = party.detail, party.answer, party.path
        missing.extend(party.missing)
    else:
        return []
    use = end_use_in(ctx, params.end_uses)
    if use is Tri.NO:
        return []
    reach = subject_to_ear(ctx)
    if reach.answer is Tri.NO:
        return []
    answer = Tri(min(ccl, there, use, reach.answer))
    uses = ", ".join(u.value for u in params.end_uses)
    detail = f"{item.id} {where}, for end use {uses}"
    if answer is Tri.YES:
        return [ctx.reason(clause, f"{detail}: licence required; {reach.basis}", path=path)]
    if use is Tri.MAYBE:
        missing.append("shipment.end_uses")
        detail = f"{item.id} {where}; whether it is for end use {uses} is not stated"
    if ccl is Tri.MAYBE:
        missing.append(f"items[{item.id}].controls")
    missing.extend(reach.missing)
    return [
        ctx.reason(
            clause,
            f"{detail}; {reach.basis}",
            effect=Outcome.NEEDS_REVIEW,
            missing=tuple(dict.fromkeys(missing)),
            review_ceiling=clause.effect,
            path=path,
        )
    ]


register(TestKind("us_end_use", EndUseParams, base=us_end_use))

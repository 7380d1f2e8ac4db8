"""Licence requirements by reason for control: the item's ECCN against the Country Chart.

Reaches only items subject to the EAR. Embargoed destinations are left to Part 746 where a
clause covers them; otherwise the chart's silence is a gap, reported as needs_review.
"""

from __future__ import annotations

from longarm.domain.determination import Reason
from longarm.domain.vocab import Outcome
from longarm.facts.classification import Tri
from longarm.rulebook.schema import Clause, Instrument
from longarm.rules.context import LineContext
from longarm.rules.params import Params
from longarm.rules.registry import TestKind, register
from longarm.rules.us.chart import chart_answer
from longarm.rules.us.embargo import covering_clauses
from longarm.rules.us.facts import destination, destination_groups, us_codes
from longarm.rules.us.pointers import pointer_scopes
from longarm.rules.us.reach import subject_to_ear


class ChartParams(Params):
    pass


def us_country_chart(
    clause: Clause, ins: Instrument, params: ChartParams, ctx: LineContext
) -> list[Reason]:
    reach = subject_to_ear(ctx)
    if reach.answer is Tri.NO:
        return []
    item = ctx.item
    country = destination(ctx)
    codes = us_codes(item)
    if not codes:
        if covering_clauses(ctx):
            return []
        return [
            ctx.reason(
                clause,
                f"{item.id} has no US classification (ECCN or EAR99); {reach.basis}",
                effect=Outcome.NEEDS_REVIEW,
                missing=(f"items[{item.id}].controls", *reach.missing),
                review_ceiling=clause.effect,
            )
        ]
    groups = destination_groups(ctx)
    readings = pointer_scopes(ctx)
    answers = [chart_answer(code, country, groups, readings) for code in codes]
    if any(a.embargoed for a in answers) and covering_clauses(ctx):
        return []
    best = max(answers, key=lambda a: a.answer)
    figures: dict[str, float | int | str | None] = {
        "eccn": best.code,
        "destination": country,
        "columns": ", ".join(best.columns),
    }
    if best.answer is Tri.NO:
        # No licence whatever the reach: Supp. No. 2 to Part 734, "no calculation is needed
        # if the foreign-made item does not require a licence to the destination".
        note = "" if reach.answer is Tri.YES else "; whether it is subject does not matter"
        return [
            ctx.reason(
                clause,
                f"{best.detail}: no licence required (NLR){note}",
                effect=Outcome.NO_LICENSE_REQUIRED,
                figures=figures,
            )
        ]
    if best.answer is Tri.YES and reach.answer is Tri.YES:
        return [ctx.reason(clause, f"{best.detail}: licence required", figures=figures)]
    gap = best.detail if best.answer is Tri.MAYBE else f"{best.detail}, if subject"
    # A more specific paragraph would decide: the classification is the missing fact.
    paragraph = (f"items[{item.id}].controls",) if best.deciding else ()
    return [
        ctx.reason(
            clause,
            f"{gap}; {reach.basis}",
            effect=Outcome.NEEDS_REVIEW,
            figures=figures,
            missing=(*paragraph, *reach.missing),
            review_ceiling=clause.effect,
        )
    ]


register(TestKind("us_country_chart", ChartParams, base=us_country_chart))

"""US-origin controlled content (Supplement No. 2 to Part 734 (a)(1)).

A US-origin item counts when it "would require a BIS licence if exported or reexported in
the form received" to the foreign product's destination, under the Country Chart and Part
746 only: Part 744 (parties, end uses) is never used, and EAR99 and NLR items are excluded.
"""

from __future__ import annotations

from dataclasses import dataclass

from longarm.domain.case import Item
from longarm.facts.classification import Tri
from longarm.rules.context import LineContext
from longarm.rules.us.chart import chart_answer
from longarm.rules.us.embargo import covering_clauses, embargo_answer
from longarm.rules.us.facts import destination, destination_groups, us_codes
from longarm.rules.us.pointers import pointer_scopes


@dataclass(frozen=True)
class Controlled:
    answer: Tri
    detail: str
    missing: tuple[str, ...] = ()


def controlled_in_form_received(ctx: LineContext, item: Item) -> Controlled:
    """Would `item` need a licence to the shipment's destination, in the form received?"""
    country = destination(ctx)
    for clause, params in covering_clauses(ctx):
        found = embargo_answer(params, item)
        if found is None:
            continue
        if found.review:
            # EAR99 content counts only where the clause says so (FACTS 12.1).
            return Controlled(Tri.NO, f"{clause.id}: EAR99 content does not count")
        return Controlled(found.answer, f"{clause.id}: {found.detail}", found.missing)
    codes = us_codes(item)
    if not codes:
        return Controlled(
            Tri.MAYBE, f"{item.id} has no US classification", (f"items[{item.id}].controls",)
        )
    groups = destination_groups(ctx)
    readings = pointer_scopes(ctx)
    answers = [chart_answer(code, country, groups, readings) for code in codes]
    best = max(answers, key=lambda a: a.answer)
    return Controlled(best.answer, best.detail)

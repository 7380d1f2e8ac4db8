"""MOFCOM 2025 No. 61 Art. 1(2): Annex 1 items made abroad with PRC-origin rare-earth
technology (the PRC analogue of a foreign direct product rule; no value threshold)."""

from __future__ import annotations

from longarm.domain.determination import Reason
from longarm.domain.vocab import Activity, Outcome
from longarm.facts.classification import Tri
from longarm.rulebook.schema import Clause, Instrument
from longarm.rules.cn.annex import AnnexParams, annex_item
from longarm.rules.cn.facts import in_reach, origin_is
from longarm.rules.context import LineContext
from longarm.rules.registry import TestKind, register


class DirectProductParams(AnnexParams):
    technology_origin: str
    activities: list[Activity]


def direct_product(
    clause: Clause, ins: Instrument, params: DirectProductParams, ctx: LineContext
) -> list[Reason]:
    if not in_reach(params, ctx):
        return []
    item = ctx.item
    made_abroad = Tri(2 - origin_is(item, params.technology_origin))
    annex = annex_item(ctx, item, params, ins)
    used, tech_detail = _used_technology(item.technologies, params)
    answer = min(made_abroad, annex.answer, used)
    if answer is Tri.NO:
        return []
    if answer is Tri.YES:
        return [
            ctx.reason(
                clause,
                f"{item.id} made in {item.origin} is {annex.basis} and was made with {tech_detail}",
                path=annex.path,
                options=annex.options,
            )
        ]
    missing = []
    if used is Tri.MAYBE:
        missing.append(f"items[{item.id}].technologies")
    if made_abroad is Tri.MAYBE:
        missing.append(f"items[{item.id}].origin")
    if annex.answer is Tri.MAYBE:
        missing.append(f"items[{item.id}].materials")
    return [
        ctx.reason(
            clause,
            f"{item.id} may be an Annex 1 item made abroad with {params.technology_origin}-origin "
            f"rare-earth technology ({tech_detail})",
            effect=Outcome.NEEDS_REVIEW,
            path=annex.path,
            options=annex.options,
            missing=tuple(missing),
            review_ceiling=clause.effect,
        )
    ]


def _used_technology(technologies: object, params: DirectProductParams) -> tuple[Tri, str]:
    if technologies == "unknown" or not isinstance(technologies, list):
        return Tri.MAYBE, "technology used unknown"
    best: tuple[Tri, str] = (Tri.NO, "no listed technology")
    for tech in technologies:
        if tech.activity not in params.activities:
            continue
        if tech.origin == params.technology_origin:
            return Tri.YES, f"{tech.origin}-origin {tech.activity.value} technology"
        if tech.origin == "unknown":
            best = (Tri.MAYBE, f"{tech.activity.value} technology of unknown origin")
    return best


register(TestKind("direct_product", DirectProductParams, base=direct_product))

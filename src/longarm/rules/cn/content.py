"""MOFCOM 2025 No. 61 Art. 1(1) and 1(3): foreign-made items with Chinese content, and
Chinese-origin items re-exported from abroad."""

from __future__ import annotations

from fractions import Fraction

from pydantic import Field

from longarm.bom.interval import RatioRange
from longarm.bom.rollup import Action, Verdict
from longarm.domain.case import Item
from longarm.domain.determination import Reason
from longarm.domain.vocab import Outcome
from longarm.facts.classification import Tri
from longarm.rulebook.schema import Clause, Instrument
from longarm.rules.cn.annex import AnnexParams, annex_item
from longarm.rules.cn.facts import REGIME, in_reach, origin_is, unclassified
from longarm.rules.context import LineContext
from longarm.rules.figures import percent, ratio_figures, share_text
from longarm.rules.registry import TestKind, parse_params, register


class OriginItemParams(AnnexParams):
    origin: str


def origin_item_reexport(
    clause: Clause, ins: Instrument, params: OriginItemParams, ctx: LineContext
) -> list[Reason]:
    if not in_reach(params, ctx):
        return []
    item = ctx.item
    annex = annex_item(ctx, item, params, ins)
    origin = origin_is(item, params.origin)
    answer = min(annex.answer, origin)
    if answer is Tri.NO:
        return []
    detail = f"{item.id} is an Annex 1 item, {annex.basis}, of {item.origin} origin"
    if answer is Tri.YES:
        return [ctx.reason(clause, detail, path=annex.path, options=annex.options)]
    missing = []
    if origin is Tri.MAYBE:
        missing.append(f"items[{item.id}].origin")
    if annex.answer is Tri.MAYBE:
        missing.append(f"items[{item.id}].materials")
    return [
        ctx.reason(
            clause,
            f"{item.id} may be a {params.origin}-origin Annex 1 item ({annex.basis or 'unclear'})",
            effect=Outcome.NEEDS_REVIEW,
            path=annex.path,
            options=annex.options,
            missing=tuple(missing),
            review_ceiling=clause.effect,
        )
    ]


class ContentFloorParams(AnnexParams):
    origin: str
    """Content of this origin counts; the product itself must be made elsewhere."""
    threshold: Fraction
    numerator: list[str]
    """Item sets whose `origin` items count toward the numerator."""
    numerator_option: str | None = None
    numerator_option_items: list[str] = Field(default_factory=list)
    """Further item sets counted when `numerator_option` is true."""
    origin_alternative: str | None = None
    """An `origin_item_reexport` clause that reaches the item if it is of `origin` after all:
    when only the item's own origin is unknown and the floor is met, either branch requires
    the same licence, so the facts decide."""


def content_floor(
    clause: Clause, ins: Instrument, params: ContentFloorParams, ctx: LineContext
) -> list[Reason]:
    if not in_reach(params, ctx):
        return []
    item = ctx.item
    made_abroad = Tri(2 - origin_is(item, params.origin))  # YES <-> NO, MAYBE stays
    product = annex_item(ctx, item, params, ins)
    applies = min(product.answer, made_abroad)
    if applies is Tri.NO:
        return []
    options = list(product.options)
    counted = ctx.entries(params.numerator, ins)
    extra_params: ContentFloorParams | None = None
    if params.numerator_option is not None:
        options.append(params.numerator_option)
        if ctx.options[params.numerator_option]:
            extra_params = params.model_copy(update={"items": params.numerator_option_items})
            # One entry set for both, so that a description read two ways ("SmCo": a Part I
            # alloy or Part II magnet material) counts when every reading counts.
            counted = ctx.entries([*params.numerator, *params.numerator_option_items], ins)

    def predicate(child: Item) -> Verdict:
        kind = ctx.facts.match(child, counted, REGIME).answer
        if extra_params is not None:
            kind = max(kind, annex_item(ctx, child, extra_params, ins).answer)
        if kind is Tri.NO and unclassified(child):
            # Nothing says what it is made of (contract 2: where a regime needs a
            # classification it cannot derive, it says needs_review).
            kind = Tri.MAYBE
        count = min(kind, origin_is(child, params.origin))
        if count is Tri.YES:
            return Verdict.of(Action.COUNT)
        if count is Tri.NO:
            return Verdict.of(Action.OPEN)
        unknown = [f"items[{child.id}].origin"] if child.origin == "unknown" else []
        if kind is Tri.MAYBE:
            unknown.append(f"items[{child.id}].materials")
        return Verdict(frozenset({Action.COUNT, Action.OPEN}), tuple(unknown))

    key = clause.id
    content = ctx.facts.rollup(key, predicate).content(item.id)
    value = ctx.facts.valuation.unit_value(item)
    ratio = RatioRange.of(content.total, value)
    met = ratio.at_least(params.threshold)
    figures = ratio_figures(content.total, value, ratio, params.threshold)
    path = content.largest.path if content.largest else ()
    path = (item.id, *path)
    missing = list(content.missing)
    if value.hi is None:
        missing.append(f"items[{item.id}].unit_value")
    pct = share_text(ratio)
    if met is False:
        return [
            ctx.reason(
                clause,
                f"{params.origin}-origin controlled content {pct} of {item.id}'s value "
                f"(< {percent(params.threshold)}): Art. 1(1) not met",
                effect=Outcome.NOT_SUBJECT,
                figures=figures,
                path=path,
                options=tuple(options),
            )
        ]
    if met is True and applies is Tri.YES:
        return [
            ctx.reason(
                clause,
                f"{item.id} made in {item.origin} is {product.basis}; {params.origin}-origin "
                f"controlled content {pct} of value (>= {percent(params.threshold)})",
                figures=figures,
                path=path,
                options=tuple(options),
            )
        ]
    if (
        met is True
        and product.answer is Tri.YES
        and made_abroad is Tri.MAYBE
        and _alternative_reaches(clause, params, ctx)
    ):
        return [
            ctx.reason(
                clause,
                f"{item.id} is {product.basis} of unknown origin; {params.origin}-origin "
                f"controlled content {pct} of value (>= {percent(params.threshold)}): a licence "
                f"is required whether it was made abroad (this clause) or in {params.origin} "
                f"({params.origin_alternative})",
                figures=figures,
                path=path,
                options=tuple(options),
            )
        ]
    if made_abroad is Tri.MAYBE:
        missing.append(f"items[{item.id}].origin")
    if product.answer is Tri.MAYBE:
        missing.append(f"items[{item.id}].materials")
    return [
        ctx.reason(
            clause,
            f"cannot decide whether {params.origin}-origin controlled content of {item.id} "
            f"reaches {percent(params.threshold)} ({pct}) or whether it is a covered item",
            effect=Outcome.NEEDS_REVIEW,
            figures=figures,
            path=path,
            options=tuple(options),
            missing=tuple(dict.fromkeys(missing)),
            review_ceiling=clause.effect,
        )
    ]


def _alternative_reaches(clause: Clause, params: ContentFloorParams, ctx: LineContext) -> bool:
    """Does `params.origin_alternative` require the same licence, on the same date, for this
    item if it is of `params.origin`?"""
    alt_id = params.origin_alternative
    if alt_id is None:
        return False
    found = [(ins, c) for ins, c in ctx.pack.clauses() if c.id == alt_id]
    if not found:
        return False
    alt_ins, alt = found[0]
    if alt.effect is not clause.effect:
        return False
    if ctx.book.state(alt_id).status is not ctx.book.state(clause.id).status:
        return False
    alt_params = parse_params(alt)
    if not isinstance(alt_params, OriginItemParams) or alt_params.origin != params.origin:
        return False
    if not in_reach(alt_params, ctx):
        return False
    return annex_item(ctx, ctx.item, alt_params, alt_ins).answer is Tri.YES


register(TestKind("origin_item_reexport", OriginItemParams, base=origin_item_reexport))
register(TestKind("content_floor", ContentFloorParams, base=content_floor))

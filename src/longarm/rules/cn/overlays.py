"""Overlays on a licence requirement: who the parties are (No. 61 Art. 2), what the goods are
for (Art. 3, 4) and what is exempt (Art. 5). They act only where a clause they name in
`applies_to` requires a licence, and share that clause's status (a suspended requirement
makes its overlays suspended too)."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from pydantic import Field

from longarm.domain.determination import Reason
from longarm.domain.vocab import EndUse, ListCode, Outcome, Status
from longarm.facts.classification import Tri
from longarm.rulebook.schema import Clause, Instrument
from longarm.rules.context import LineContext
from longarm.rules.figures import percent
from longarm.rules.params import Params
from longarm.rules.registry import TestKind, register


class OverlayParams(Params):
    applies_to: list[str]


def licence_base(reasons: list[Reason], applies_to: list[str]) -> Reason | None:
    """The reason an overlay attaches to: a licence requirement (or an open question about
    one) of a clause it names; an operative one before a suspended one."""
    candidates = [
        r
        for r in reasons
        if r.rule in applies_to and (r.effect.severity >= Outcome.LICENSE_REQUIRED.severity)
    ]
    candidates.sort(key=lambda r: (not r.operative, r.effect is Outcome.NEEDS_REVIEW))
    return candidates[0] if candidates else None


def _attach(
    ctx: LineContext, clause: Clause, base: Reason, answer: Tri, detail: str, **kwargs: object
) -> Reason:
    own = ctx.book.state(clause.id).status
    status = base.status if own is Status.IN_FORCE else own
    undecided = answer is Tri.MAYBE or base.effect is Outcome.NEEDS_REVIEW
    reason = ctx.reason(
        clause,
        f"{detail} (applies to the requirement under {base.rule})",
        effect=Outcome.NEEDS_REVIEW if undecided else clause.effect,
        review_ceiling=clause.effect if undecided else None,
        status=status,
        **kwargs,  # type: ignore[arg-type]
    )
    return reason


class EndUserParams(OverlayParams):
    roles: list[str]
    military_users: bool = False
    lists: list[ListCode] = Field(default_factory=list)
    affiliates_threshold: Fraction | None = None
    aggregate_option: str | None = None


def end_user(
    clause: Clause, ins: Instrument, params: EndUserParams, ctx: LineContext, reasons: list[Reason]
) -> list[Reason]:
    base = licence_base(reasons, params.applies_to)
    if base is None:
        return reasons
    lists = frozenset(code.value for code in params.lists)
    aggregate = ctx.options[params.aggregate_option] if params.aggregate_option else True
    threshold = params.affiliates_threshold
    coverage = (
        ctx.facts.coverage(lists, threshold, aggregate) if threshold is not None and lists else {}
    )
    options = (params.aggregate_option,) if params.aggregate_option else ()
    added: list[Reason] = []
    for role in params.roles:
        party = ctx.party(role)
        if party is None:
            continue
        if params.military_users and party.military:
            added.append(
                _attach(
                    ctx,
                    clause,
                    base,
                    Tri.YES,
                    f"{role} {party.id} is a military user",
                    path=(party.id,),
                )
            )
        direct = [m.cite() for m in party.lists if m.list.value in lists]
        if direct:
            added.append(
                _attach(
                    ctx,
                    clause,
                    base,
                    Tri.YES,
                    f"{role} {party.id} is on {', '.join(direct)}",
                    path=(party.id,),
                )
            )
            continue
        cov = coverage.get(party.id)
        if cov is None or cov.covered is False:
            continue
        chain = cov.chain(coverage)
        answer = Tri.YES if cov.covered else Tri.MAYBE
        held = percent(cov.share)
        detail = (
            f"{role} {party.id} is held {held} (>= {percent(threshold or 0)}) by "
            f"listed parties or their affiliates ({', '.join(cov.roots)})"
            if cov.covered
            else f"{role} {party.id} has listed owners ({', '.join(cov.roots)}) whose shares "
            "are unknown"
        )
        added.append(
            _attach(
                ctx,
                clause,
                base,
                answer,
                detail,
                path=chain,
                options=options,
                missing=cov.missing,
                figures={"share": float(cov.share), "threshold": float(threshold or 0)},
            )
        )
    return reasons + added


class EndUseParams(OverlayParams):
    end_uses: list[EndUse]


def end_use(
    clause: Clause, ins: Instrument, params: EndUseParams, ctx: LineContext, reasons: list[Reason]
) -> list[Reason]:
    base = licence_base(reasons, params.applies_to)
    if base is None:
        return reasons
    hits = sorted(u.value for u in ctx.end_uses if u in params.end_uses)
    if hits:
        return [*reasons, _attach(ctx, clause, base, Tri.YES, f"end use {', '.join(hits)}")]
    if EndUse.UNKNOWN in ctx.end_uses:
        return [
            *reasons,
            _attach(
                ctx,
                clause,
                base,
                Tri.MAYBE,
                f"end use unknown: may be {', '.join(u.value for u in params.end_uses)}",
                missing=("shipment.end_uses",),
            ),
        ]
    return reasons


class ExemptionParams(OverlayParams):
    end_uses: list[EndUse]


def exemption(
    clause: Clause,
    ins: Instrument,
    params: ExemptionParams,
    ctx: LineContext,
    reasons: list[Reason],
) -> list[Reason]:
    uses = ctx.end_uses
    if not uses or not uses <= set(params.end_uses):
        return reasons
    base = licence_base(reasons, params.applies_to)
    if base is None:
        return reasons
    own = ctx.book.state(clause.id).status
    if own is not Status.IN_FORCE:
        return reasons
    exempted = [
        replace(
            r,
            effect=Outcome.NO_LICENSE_REQUIRED,
            review_ceiling=None,
            detail=f"{r.detail}; exempt under {clause.id}",
        )
        if r.rule in params.applies_to
        else r
        for r in reasons
    ]
    note = ctx.reason(
        clause,
        f"end use {', '.join(sorted(u.value for u in uses))}: no licence needed",
        status=base.status,
    )
    return [*exempted, note]


register(TestKind("end_user", EndUserParams, overlay=end_user))
register(TestKind("end_use", EndUseParams, overlay=end_use))
register(TestKind("exemption", ExemptionParams, overlay=exemption))

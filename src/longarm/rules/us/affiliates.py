"""The Affiliates Rule (Supplement No. 8 to Part 744): parties owned 50 % or more, directly or
indirectly, individually or in aggregate, by listed parties or by entities already caught.

Coverage is the shared ownership fixed point (`CaseFacts.coverage`); the most restrictive
policy among the listed owners reached applies. A listed owner whose share is unknown is Red
Flag 29: needs_review. While the rule is suspended its reasons show with status suspended.
"""

from __future__ import annotations

from fractions import Fraction

from longarm.domain.determination import Reason
from longarm.domain.vocab import ListCode, Outcome
from longarm.facts.classification import Tri
from longarm.rulebook.schema import Clause, Instrument
from longarm.rules.context import LineContext
from longarm.rules.figures import percent
from longarm.rules.params import Params
from longarm.rules.registry import TestKind, register
from longarm.rules.us.facts import parties
from longarm.rules.us.parties import Policy, membership_policy, policy_reasons
from longarm.rules.us.reach import subject_to_ear


class AffiliatesParams(Params):
    lists: list[ListCode]
    threshold: Fraction
    roles: list[str]


def us_affiliates(
    clause: Clause, ins: Instrument, params: AffiliatesParams, ctx: LineContext
) -> list[Reason]:
    lists = frozenset(code.value for code in params.lists)
    coverage = ctx.facts.coverage(lists, params.threshold, True)
    reasons: list[Reason] = []
    for role, party in parties(ctx, params.roles):
        cov = coverage.get(party.id)
        if cov is None or cov.listed or cov.covered is False:
            continue
        policy = _most_restrictive(ctx, cov.roots, lists)
        if policy is None:
            continue
        chain = cov.chain(coverage)
        figures: dict[str, float | int | str | None] = {
            "share": float(cov.share),
            "threshold": float(params.threshold),
        }
        owners = ", ".join(cov.roots)
        reach = subject_to_ear(ctx)
        if cov.covered:
            detail = (
                f"{role} {party.id} is owned {percent(cov.share)} (>= "
                f"{percent(params.threshold)}) by listed parties or their affiliates "
                f"({owners}); most restrictive owner policy from {policy.clause}"
            )
            reasons.extend(
                policy_reasons(ctx, clause, policy, reach, detail, path=chain, figures=figures)
            )
            continue
        # Red Flag 29: listed owners whose shares are unknown; a licence may be needed.
        detail = (
            f"{role} {party.id} has listed owners ({owners}) whose shares are unknown "
            f"(Red Flag 29); known restricted share {percent(cov.share)}"
        )
        if reach.answer is Tri.NO:
            reasons.extend(policy_reasons(ctx, clause, policy, reach, detail, path=chain))
            continue
        reasons.append(
            ctx.reason(
                clause,
                detail,
                effect=Outcome.NEEDS_REVIEW,
                path=chain,
                figures=figures,
                missing=cov.missing + reach.missing,
                review_ceiling=policy.ceiling,
            )
        )
    return reasons


def _most_restrictive(
    ctx: LineContext, roots: tuple[str, ...], lists: frozenset[str]
) -> Policy | None:
    """The most severe policy over the roots' memberships of `lists` ("if any applicable
    policy required denial, BIS would deny"); unknown policies keep their ceiling."""
    found = [
        policy
        for root in roots
        for m in ctx.case.parties_by_id[root].lists
        if m.list.value in lists and (policy := membership_policy(ctx, m)) is not None
    ]
    if not found:
        return None
    worst = max(found, key=lambda p: p.outcome.severity)
    ceiling = max((p.ceiling for p in found), key=lambda o: o.severity)
    return Policy(worst.outcome, all(p.known for p in found), ceiling, worst.clause)


register(TestKind("us_affiliates", AffiliatesParams, base=us_affiliates))

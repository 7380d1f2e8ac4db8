"""Listed parties (15 CFR 744.8, 744.11/744.16, 744.21): a licence for every item subject to
the EAR when a listed party is the intermediate consignee or the end user, reviewed under
the policy stated on the party's list membership."""

from __future__ import annotations

from dataclasses import dataclass

from longarm.domain.case import ListMembership, Party
from longarm.domain.determination import Reason
from longarm.domain.vocab import ListCode, Outcome
from longarm.facts.classification import Tri
from longarm.rulebook.schema import Clause, Instrument
from longarm.rules.context import LineContext
from longarm.rules.params import Params
from longarm.rules.registry import TestKind, parse_params, register
from longarm.rules.us.facts import parties
from longarm.rules.us.reach import Reach, subject_to_ear

TEST = "us_listed_party"


class ListedPartyParams(Params):
    lists: list[ListCode]
    roles: list[str]
    default_policy: Outcome | None = None
    """Review policy when a membership does not state one; None: unknown (needs_review)."""
    unknown_policy_ceiling: Outcome = Outcome.PRESUMPTION_OF_DENIAL
    """The most severe policy an unstated one could be."""


@dataclass(frozen=True)
class Policy:
    """The review policy of one list membership."""

    outcome: Outcome
    known: bool
    ceiling: Outcome
    clause: str


def membership_policy(ctx: LineContext, membership: ListMembership) -> Policy | None:
    """The policy of a membership: stated on it, else the default of the clause for its list.

    None when no clause of the pack covers the list (e.g. US:UVL).
    """
    for _, clause in ctx.pack.clauses():
        if clause.test != TEST:
            continue
        params = parse_params(clause)
        assert isinstance(params, ListedPartyParams)
        if membership.list not in params.lists:
            continue
        if membership.policy is not None:
            return Policy(membership.policy, True, membership.policy, clause.id)
        if params.default_policy is not None:
            return Policy(params.default_policy, True, params.default_policy, clause.id)
        return Policy(clause.effect, False, params.unknown_policy_ceiling, clause.id)
    return None


def policy_reasons(
    ctx: LineContext,
    clause: Clause,
    policy: Policy,
    reach: Reach,
    detail: str,
    *,
    path: tuple[str, ...],
    **extra: object,
) -> list[Reason]:
    """Reasons for a listed party's requirement: the policy, or what keeps it open."""
    if reach.answer is Tri.NO:
        return [
            ctx.reason(
                clause,
                f"{detail}, but {ctx.item.id} is not subject to the EAR: the listing does not "
                "reach it",
                effect=Outcome.NOT_SUBJECT,
                path=path,
                **extra,  # type: ignore[arg-type]
            )
        ]
    reasons = []
    if reach.answer is Tri.YES:
        known = "" if policy.known else " (review policy not stated on the membership)"
        reasons.append(
            ctx.reason(
                clause,
                f"{detail}: licence required, review policy {policy.outcome.value}{known}; "
                f"{reach.basis}",
                effect=policy.outcome,
                path=path,
                **extra,  # type: ignore[arg-type]
            )
        )
    if reach.answer is Tri.MAYBE or not policy.known:
        why = reach.basis if reach.answer is Tri.MAYBE else "review policy unknown"
        missing = reach.missing if reach.answer is Tri.MAYBE else ()
        reasons.append(
            ctx.reason(
                clause,
                f"{detail}: {why}",
                effect=Outcome.NEEDS_REVIEW,
                path=path,
                missing=missing,
                review_ceiling=policy.ceiling,
            )
        )
    return reasons


def us_listed_party(
    clause: Clause, ins: Instrument, params: ListedPartyParams, ctx: LineContext
) -> list[Reason]:
    hits: list[tuple[str, Party, ListMembership]] = [
        (role, party, m)
        for role, party in parties(ctx, params.roles)
        for m in party.lists
        if m.list in params.lists
    ]
    if not hits:
        return []
    reach = subject_to_ear(ctx)
    reasons: list[Reason] = []
    for role, party, m in hits:
        policy = membership_policy(ctx, m)
        if policy is None:  # pragma: no cover - the clause itself covers the list
            continue
        where = f" (footnote {m.footnote})" if m.footnote is not None else ""
        detail = f"{role} {party.id} is on {m.cite()}{where}"
        reasons.extend(policy_reasons(ctx, clause, policy, reach, detail, path=(party.id,)))
    return reasons


register(TestKind(TEST, ListedPartyParams, base=us_listed_party))

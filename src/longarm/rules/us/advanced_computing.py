"""Advanced computing requirements stated in words (15 CFR 742.6(a)(6); CCL 3A090, 4A090 and
the .z paragraphs): where the CCL row sends the item, or to an entity whose ultimate parent
is headquartered in Macau or Country Group D:5 wherever it is (BIS guidance of 2026-05-31),
reviewed under the policy the pack states for the destination, the parent and the item's
declared review class.

The Country Chart clause already says a licence is needed where the row's destinations
reach; this clause adds the review policy and the headquarters reach.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from longarm.domain.determination import Reason
from longarm.domain.vocab import Outcome
from longarm.facts.classification import Tri
from longarm.rulebook.schema import Clause, Instrument, SourceTag
from longarm.rules.context import LineContext
from longarm.rules.params import Params
from longarm.rules.registry import TestKind, register
from longarm.rules.us.country_groups import groups_on
from longarm.rules.us.facts import (
    code_matches,
    destination,
    destination_groups,
    tables,
    us_codes,
)
from longarm.rules.us.reach import subject_to_ear
from longarm.rules.us.reach_parties import PartyReach, headquartered_in
from longarm.rules.us.table_rows import LicenceRequirement


class ReviewPolicy(Params):
    policy: Outcome
    countries: list[str] = Field(default_factory=list)
    """Destinations (or headquarters countries) it applies to; with `groups`, empty: any."""
    groups: list[str] = Field(default_factory=list)
    review_classes: list[str] = Field(default_factory=list)
    """Only for items declaring one of these classes (`items[].review_classes`)."""
    start: date | None = Field(default=None, alias="from")
    citation: str
    tag: SourceTag = "C"


class AdvancedComputingParams(Params):
    pointer: str
    """CCL rows citing this section (prefix, e.g. "§ 742.6(a)(6)") are read."""
    roles: list[str]
    headquarters_countries: list[str] = Field(default_factory=list)
    headquarters_groups: list[str] = Field(default_factory=list)
    headquarters_from: date | None = None
    headquarters_products: list[str] = Field(default_factory=list)
    """ECCN patterns the headquarters reach applies to (empty: every row read)."""
    policies: list[ReviewPolicy]
    """The first that applies sets the review policy; else the clause's effect."""


def _rows(code: str, pointer: str) -> list[LicenceRequirement]:
    try:
        entry = tables().eccn(code)
    except ValueError:
        return []
    rows = entry.non_chart_requirements if entry else ()
    return [r for r in rows if r.pointer and r.pointer.startswith(pointer) and r.destinations]


def _policy(
    params: AdvancedComputingParams, ctx: LineContext, where: str, groups: frozenset[str]
) -> ReviewPolicy | None:
    classes = set(ctx.item.review_classes)
    for p in params.policies:
        if p.start is not None and ctx.book.as_of < p.start:
            continue
        if (p.countries or p.groups) and not (where in p.countries or groups & set(p.groups)):
            continue
        if p.review_classes and not classes & set(p.review_classes):
            continue
        return p
    return None


def _ceiling(params: AdvancedComputingParams, clause: Clause) -> Outcome:
    """The most severe policy an open finding could turn out to have."""
    return Outcome.most_severe([clause.effect, *(p.policy for p in params.policies)])


def us_advanced_computing(
    clause: Clause, ins: Instrument, params: AdvancedComputingParams, ctx: LineContext
) -> list[Reason]:
    reach = subject_to_ear(ctx)
    if reach.answer is Tri.NO:
        return []
    country = destination(ctx)
    groups = destination_groups(ctx)
    found: list[tuple[int, Reason]] = []
    for code in us_codes(ctx.item):
        for row in _rows(code, params.pointer):
            coverage = row.scope.covers(code)
            if coverage.answer is Tri.NO or row.destinations is None:
                continue
            party = PartyReach(Tri.NO, "")
            if row.destinations.reaches(country, groups):
                there, where = Tri.YES, f"destined to {country}"
                policy_country, policy_groups = country, groups
            else:
                after = params.headquarters_from
                if row.destinations.worldwide or (after is not None and ctx.book.as_of < after):
                    continue
                if params.headquarters_products and not code_matches(
                    code, params.headquarters_products
                ):
                    continue
                party = headquartered_in(
                    ctx, params.roles, params.headquarters_countries, params.headquarters_groups
                )
                if party.answer is Tri.NO:
                    continue
                there, where = party.answer, party.detail
                policy_country = party.country or ""
                policy_groups = groups_on(ctx, party.country) if party.country else frozenset()
            policy = _policy(params, ctx, policy_country, policy_groups)
            outcome = policy.policy if policy else clause.effect
            cite = f"; review policy {outcome.value} ({policy.citation})" if policy else ""
            detail = f"{code}: {row.control!r} ({row.country_chart}); {where}{cite}; {reach.basis}"
            answer = Tri(min(coverage.answer, there, reach.answer))
            if answer is Tri.YES:
                reason = ctx.reason(clause, detail, effect=outcome, path=party.path or ())
                found.append((outcome.severity, reason))
                continue
            missing = (
                *(f"items[{ctx.item.id}].controls" for _ in coverage.deciding[:1]),
                *party.missing,
                *reach.missing,
            )
            deciding = f" (decided by {', '.join(coverage.deciding)})" if coverage.deciding else ""
            found.append(
                (
                    -1,
                    ctx.reason(
                        clause,
                        f"{detail}{deciding}",
                        effect=Outcome.NEEDS_REVIEW,
                        missing=tuple(dict.fromkeys(missing)),
                        review_ceiling=outcome if not party.detail else _ceiling(params, clause),
                        path=party.path or (),
                    ),
                )
            )
    if not found:
        return []
    decided = [f for f in found if f[0] >= 0]
    return [max(decided or found, key=lambda f: f[0])[1]]


register(TestKind("us_advanced_computing", AdvancedComputingParams, base=us_advanced_computing))

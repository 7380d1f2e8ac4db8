"""Parties that bring a destination-scoped requirement with them: an entity headquartered in,
or whose ultimate parent is headquartered in, named countries or Country Groups (742.6(a)(6),
744.23), wherever the goods go."""

from __future__ import annotations

from dataclasses import dataclass

from longarm.facts.classification import Tri
from longarm.rules.context import LineContext
from longarm.rules.us.country_groups import groups_on
from longarm.rules.us.facts import parties
from longarm.rules.us.headquarters import headquarters


@dataclass(frozen=True)
class PartyReach:
    answer: Tri
    detail: str
    country: str | None = None
    """The headquarters country that brought the requirement (when decided)."""
    path: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


def headquartered_in(
    ctx: LineContext, roles: list[str], countries: list[str], groups: list[str]
) -> PartyReach:
    """Whether a party in `roles` has its ultimate parent headquartered in the scope."""

    def inside(country: str) -> bool:
        return country in countries or bool(groups_on(ctx, country) & set(groups))

    best = PartyReach(Tri.NO, "")
    for role, party in parties(ctx, roles):
        hq = headquarters(ctx.case, party)
        hits = {c for c in hq.countries if inside(c)}
        chain = " -> ".join(hq.path)
        if hq.countries and hits == hq.countries:
            where = sorted(hits)[0]
            return PartyReach(
                Tri.YES,
                f"{role} {party.id}'s ultimate parent is headquartered in {where} ({chain})",
                where,
                hq.path,
            )
        if (hits or not hq.countries) and best.answer is Tri.NO:
            best = PartyReach(
                Tri.MAYBE,
                f"{role} {party.id}'s ultimate parent may be headquartered in "
                f"{', '.join(sorted(hits)) or 'an unknown country'} ({chain})",
                None,
                hq.path,
                hq.missing,
            )
    return best

"""Country Group membership on the determination date (Supplement No. 1 to Part 740).

The groups table is one eCFR issue; a clause of test `us_country_groups` records the dated
changes around it (UAE into A:5 from 2026-07-10, 91 FR 43034), so a determination dated
before a change sees the groups as they then were. The clause gives no reason of its own:
the reasons that depend on a group say which groups the destination was in.
"""

from __future__ import annotations

from datetime import date

from longarm.domain.determination import Reason
from longarm.domain.vocab import Status
from longarm.rulebook.schema import Clause, Instrument
from longarm.rules.context import LineContext
from longarm.rules.params import Params
from longarm.rules.registry import TestKind, parse_params, register
from longarm.rules.us.tables import UsTables

TEST = "us_country_groups"


class GroupChange(Params):
    country: str
    group: str
    added: date | None = None
    """First day of membership; before it the destination was not in the group."""
    removed: date | None = None
    """First day without membership; from it the destination is not in the group."""
    citation: str


class CountryGroupParams(Params):
    changes: list[GroupChange]


def groups_on(ctx: LineContext, country: str) -> frozenset[str]:
    """The destination's Country Groups on `ctx`'s date: the table, corrected by the pack's
    dated membership changes."""
    groups = set(UsTables.load().groups_of(country))
    as_of = ctx.book.as_of
    for _, clause in ctx.pack.clauses():
        if clause.test != TEST or ctx.book.state(clause.id).status is not Status.IN_FORCE:
            continue
        params = parse_params(clause)
        assert isinstance(params, CountryGroupParams)
        for change in params.changes:
            if change.country != country:
                continue
            member = (change.added is None or as_of >= change.added) and (
                change.removed is None or as_of < change.removed
            )
            (groups.add if member else groups.discard)(change.group)
    return frozenset(groups)


def us_country_groups(
    clause: Clause, ins: Instrument, params: CountryGroupParams, ctx: LineContext
) -> list[Reason]:
    return []


register(TestKind(TEST, CountryGroupParams, base=us_country_groups))

"""`check --screen`: take the parties' list memberships from screening, citing each hit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from longarm.domain.case import Case, ListMembership, Party
from longarm.domain.vocab import ListCode, Outcome

if TYPE_CHECKING:
    from longarm.screening.api import Screener

_LISTS = {code.value: code for code in ListCode}
_OUTCOMES = {outcome.value: outcome for outcome in Outcome}


def with_screened_lists(case: Case) -> Case:
    """The case with each party's `lists` replaced by its screening hits (best hit per list).

    Hits on lists outside the contract's vocabulary (e.g. the CSL's ISN list) are not
    memberships any rule keys on, so they are left out.
    """
    from longarm.screening.api import load_default_screener

    screener = load_default_screener()
    return case.model_copy(
        update={"parties": [_screened(party, screener) for party in case.parties]}
    )


def _screened(party: Party, screener: Screener) -> Party:
    from longarm.screening.api import screen_party_memberships

    memberships: dict[str, ListMembership] = {}
    for hit in screen_party_memberships(party.name, party.country, screener):
        code = _LISTS.get(hit.list_code)
        if code is None or code.value in memberships:
            continue
        memberships[code.value] = ListMembership(
            list=code,
            policy=_OUTCOMES.get(hit.policy or ""),
            footnote=hit.footnote,
            entry_id=hit.entry_id,
            entry_name=hit.name,
            score=round(hit.score, 4),
        )
    return party.model_copy(update={"lists": list(memberships.values())})

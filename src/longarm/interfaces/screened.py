"""`check --screen`: take the parties' list memberships from screening, citing each hit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from longarm.domain.case import Case, ListMembership, Party
from longarm.domain.vocab import ListCode, Outcome

if TYPE_CHECKING:
    from longarm.screening.api import Screener
    from longarm.screening.model import Hit

_LISTS = {code.value: code for code in ListCode}
_OUTCOMES = {outcome.value: outcome for outcome in Outcome}


def with_screened_lists(case: Case) -> Case:
    """The case with each party's `lists` replaced by its screening hits (best hit per list).

    Hits on lists outside the contract's vocabulary (e.g. the CSL's ISN list) are not
    memberships any rule keys on, so they are left out.
    """
    from longarm.screening.api import load_default_screener

    screener = load_default_screener()
    return case.replace(parties=[_screened(party, screener) for party in case.parties])


def _screened(party: Party, screener: Screener) -> Party:
    """One membership per list. Where several entries of a list tie for the best score, the
    party could be any of them, so the most restrictive review policy among them is kept."""
    from longarm.screening.api import screen_party_memberships

    best: dict[str, list[Hit]] = {}
    for hit in screen_party_memberships(party.name, party.country, screener):
        if hit.list_code not in _LISTS:
            continue
        tied = best.setdefault(hit.list_code, [])
        if not tied or hit.score == tied[0].score:
            tied.append(hit)
        elif hit.score > tied[0].score:
            best[hit.list_code] = [hit]
    memberships = [_membership(max(tied, key=_severity)) for tied in best.values()]
    return party.model_copy(update={"lists": memberships})


def _severity(hit: Hit) -> int:
    policy = _OUTCOMES.get(hit.policy or "")
    return -1 if policy is None else policy.severity


def _membership(hit: Hit) -> ListMembership:
    return ListMembership(
        list=_LISTS[hit.list_code],
        policy=_OUTCOMES.get(hit.policy or ""),
        # An entry that carries no footnote has none: omitted, not null (unknown).
        **({"footnote": hit.footnote} if hit.footnote is not None else {}),
        entry_id=hit.entry_id,
        entry_name=hit.name,
        score=round(hit.score, 4),
    )

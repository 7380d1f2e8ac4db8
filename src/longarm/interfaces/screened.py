"""`check --screen`: the parties' list memberships from screening, with a person deciding.

CONTRACT section 6. Each party is screened (name and country) against the bundled lists, US
and Chinese, as they stood on the case's date. A *confirmed* hit (`screening.review`: the
strong-match criterion, or a person's `accept` recorded in the store) becomes a membership,
citing the entry and score. A *possible* hit never decides: the determination is made with
the confirmed memberships, and again with the possible ones added; every reason of the
second that a possible hit caused is carried over as `needs_review`, naming the entry and
score and what it would give if a person accepted the hit. A hit a person rejected for that
party is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from longarm.domain.case import Case, ListMembership, Party
from longarm.domain.determination import Determination, LineResult, Reason, RegimeResult, combine
from longarm.domain.vocab import ListCode, Outcome

if TYPE_CHECKING:
    from longarm.screening.api import Screener
    from longarm.screening.model import Hit

_LISTS = {code.value: code for code in ListCode}
_OUTCOMES = {outcome.value: outcome for outcome in Outcome}


@dataclass(frozen=True)
class PartyHits:
    """One party's hits, sorted into what decides and what a person must look at."""

    party: str
    confirmed: tuple[Hit, ...]
    possible: tuple[Hit, ...]


def screen_parties(case: Case, store: Path | None = None) -> list[PartyHits]:
    """Screen every party of the case as of its date, applying the store's decisions."""
    from longarm.screening.api import load_default_screener
    from longarm.screening.lists.cn_lists import active_on
    from longarm.screening.review import is_confirmed

    screener = load_default_screener()
    decided = _decisions(case, store)
    out = []
    for party in case.parties:
        hits = [
            h for h in _hits(screener, party, case.as_of)
            if h.list_code in _LISTS and active_on(h.entry, case.as_of)
        ]  # fmt: skip
        mine = decided.get(party.id, {})
        kept = [h for h in hits if mine.get((h.list_code, h.entry_id)) != "reject"]
        confirmed = [
            h for h in kept if is_confirmed(h) or mine.get((h.list_code, h.entry_id)) == "accept"
        ]
        possible = [h for h in kept if h not in confirmed]
        out.append(PartyHits(party.id, tuple(confirmed), tuple(possible)))
    return out


def _hits(screener: Screener, party: Party, when: date) -> list[Hit]:
    return list(screener.screen_name(party.name, party.country).hits)


def _decisions(case: Case, store: Path | None) -> dict[str, dict[tuple[str, str], str]]:
    """Per party id, the standing decisions on its hits (none when there is no store)."""
    from longarm.errors import LongarmError
    from longarm.screening.decisions import decisions_for
    from longarm.store.database import Store
    from longarm.store.location import resolve_store_path

    if not resolve_store_path(store).exists():
        return {}
    try:
        with Store.open(store) as opened:
            return {p.id: decisions_for(opened, p.name, p.country) for p in case.parties}
    except LongarmError:
        return {}


def with_screened_lists(case: Case, store: Path | None = None) -> Case:
    """The case with each party's `lists` replaced by its confirmed hits (best per list)."""
    found = {p.party: p.confirmed for p in screen_parties(case, store)}
    return _with(case, found)


def check_screened(
    case: Case, regimes: list[str] | None, store: Path | None = None
) -> tuple[Case, Determination]:
    """The case with its confirmed memberships and its determination, possible hits turned
    into `needs_review` reasons (see the module docstring)."""
    from longarm.engine import determine

    parties = screen_parties(case, store)
    confirmed = _with(case, {p.party: p.confirmed for p in parties})
    decided = determine(confirmed, regimes)
    if not any(p.possible for p in parties):
        return confirmed, decided
    both = _with(case, {p.party: (*p.confirmed, *p.possible) for p in parties})
    cites = {
        _membership(h).cite(): f"parties[{p.party}].lists" for p in parties for h in p.possible
    }
    return confirmed, _merge(decided, determine(both, regimes), cites)


def _with(case: Case, hits: dict[str, tuple[Hit, ...]]) -> Case:
    return case.replace(parties=[_listed(party, hits.get(party.id, ())) for party in case.parties])


def _listed(party: Party, hits: tuple[Hit, ...]) -> Party:
    """One membership per list. Where several entries of a list tie for the best score, the
    party could be any of them, so the most restrictive review policy among them is kept."""
    best: dict[str, list[Hit]] = {}
    for hit in hits:
        tied = best.setdefault(hit.list_code, [])
        if not tied or hit.score == tied[0].score:
            tied.append(hit)
        elif hit.score > tied[0].score:
            best[hit.list_code] = [hit]
    memberships = [_membership(max(tied, key=_severity)) for tied in best.values()]
    return party.model_copy(update={"lists": memberships})


def _merge(decided: Determination, both: Determination, cites: dict[str, str]) -> Determination:
    regimes = {k: _merge_regime(v, both.regimes.get(k), cites) for k, v in decided.regimes.items()}
    lines = tuple(
        LineResult(line.item, line.quantity, {
            k: _merge_regime(v, other.regimes.get(k), cites) for k, v in line.regimes.items()
        })
        for line, other in zip(decided.lines, both.lines, strict=True)
    )  # fmt: skip
    return replace(decided, regimes=regimes, lines=lines)


def _merge_regime(
    decided: RegimeResult, both: RegimeResult | None, cites: dict[str, str]
) -> RegimeResult:
    if both is None:
        return decided
    questions = [_question(r, cites) for r in both.reasons if _caused(r, cites)]
    if not questions:
        return decided
    reasons = (*decided.reasons, *questions)
    return RegimeResult(combine(list(reasons), decided.outcome), reasons)


def _caused(reason: Reason, cites: dict[str, str]) -> bool:
    return any(cite in reason.detail for cite in cites)


def _question(reason: Reason, cites: dict[str, str]) -> Reason:
    named = [cite for cite in cites if cite in reason.detail]
    ceiling = reason.effect if reason.effect is not Outcome.NEEDS_REVIEW else reason.review_ceiling
    return replace(
        reason,
        effect=Outcome.NEEDS_REVIEW,
        review_ceiling=ceiling,
        at_least=None,
        missing=(*reason.missing, *(cites[c] for c in named)),
        detail=(
            f"possible screening match, not confirmed: {'; '.join(named)}; a person must "
            "accept or reject it (longarm screen review); if accepted: " + reason.detail
        ),
    )


def _severity(hit: Hit) -> int:
    policy = _OUTCOMES.get(hit.policy or "")
    return -1 if policy is None else policy.severity


def _membership(hit: Hit) -> ListMembership:
    return ListMembership(
        list=_LISTS[hit.list_code],
        policy=_OUTCOMES.get(hit.policy or ""),
        footnote=hit.footnote,
        entry_id=hit.entry_id,
        entry_name=hit.name,
        score=round(hit.score, 4),
    )

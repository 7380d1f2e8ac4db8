"""`RuleBook.at(as_of)`: for each clause, whether it operated on a date, and why.

This is the one dating primitive (STYLE.md habit 2): `effective_from` inclusive,
`effective_to` exclusive, suspensions as windows whose end may be inclusive. Rules never
compare dates themselves; they ask the dated rule book.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from longarm.domain.vocab import Status
from longarm.rulebook.loader import Pack
from longarm.rulebook.schema import Clause, Instrument, Suspension


@dataclass(frozen=True)
class ClauseState:
    """A clause as it stood on one date."""

    instrument: Instrument
    clause: Clause
    status: Status | None
    """None when the clause had ended (repealed or expired) by that date."""
    detail: str
    revived_from: date | None = None


@dataclass(frozen=True)
class DatedRuleBook:
    """One pack resolved for one date; immutable, computed once per determination."""

    pack: Pack
    as_of: date
    states: dict[str, ClauseState]

    def state(self, clause_id: str) -> ClauseState:
        return self.states[clause_id]

    def revived(self) -> list[ClauseState]:
        return [s for s in self.states.values() if s.revived_from is not None]


class RuleBook:
    """The law of one regime over time."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack

    def at(self, as_of: date, *, revive_after_suspension: bool = True) -> DatedRuleBook:
        states = {
            clause.id: _state(self.pack, ins, clause, as_of, revive_after_suspension)
            for ins, clause in self.pack.clauses()
        }
        return DatedRuleBook(self.pack, as_of, states)


def _suspensions_of(pack: Pack, ins: Instrument, clause: Clause) -> list[tuple[str, Suspension]]:
    found = []
    for other in pack.instruments:
        for susp in other.suspends:
            if susp.target in (ins.id, clause.id):
                found.append((other.id, susp))
    return sorted(found, key=lambda pair: pair[1].start)


def _state(pack: Pack, ins: Instrument, clause: Clause, as_of: date, revive: bool) -> ClauseState:
    start = clause.effective_from or ins.effective_from
    end = clause.effective_to or ins.effective_to
    if end is not None and as_of >= end:
        return ClauseState(ins, clause, None, f"ceased to apply on {end}")
    revived_from: date | None = None
    revival_note = ""
    for by, susp in _suspensions_of(pack, ins, clause):
        suspender = pack.instrument(by)
        if as_of < susp.start or as_of < suspender.effective_from:
            continue
        window = f"{susp.start} to {susp.last_day} (inclusive) by {by}"
        if as_of <= susp.last_day:
            pending = f"; due to take effect {start}" if as_of < start else ""
            return ClauseState(ins, clause, Status.SUSPENDED, f"suspended {window}{pending}")
        if not revive:
            return ClauseState(
                ins,
                clause,
                Status.SUSPENDED,
                f"suspended {window}; not revived (option revive_after_suspension=false)",
            )
        revived_from = susp.last_day + timedelta(days=1)
        revival_note = (
            f"; suspension {window} ended, measure applies again from {revived_from} "
            "(option revive_after_suspension=true; no later instrument in the pack)"
        )
    if as_of < start:
        return ClauseState(ins, clause, Status.NOT_YET_IN_FORCE, f"takes effect {start}")
    return ClauseState(
        ins, clause, Status.IN_FORCE, f"in force from {start}{revival_note}", revived_from
    )

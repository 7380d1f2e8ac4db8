"""`RuleBook.at(as_of)`: for each clause, whether it operated on a date, and why.

This is the one dating primitive (STYLE.md habit 2): `effective_from` inclusive,
`effective_to` exclusive, suspensions as windows whose end may be inclusive. Rules never
compare dates themselves; they ask the dated rule book.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from longarm.domain.vocab import Status
from longarm.rulebook.announcements import Announcement, announcement_for
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
    options: tuple[str, ...] = ()
    """The interpretive options this status depends on (reported in every reason)."""
    figures: dict[str, str] = field(default_factory=dict)
    """The dates compared: `legal_until` (the published text), `announced_until`."""
    announcement: Announcement | None = None
    note: str = ""
    """The part of `detail` that dates a suspension or revival (shared by every clause the
    same suspension touches, so a line can say it once)."""


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

    def at(
        self,
        as_of: date,
        *,
        revive_after_suspension: bool = True,
        honour_announced_extensions: bool = False,
    ) -> DatedRuleBook:
        reading = _Reading(revive_after_suspension, honour_announced_extensions)
        states = {
            clause.id: _state(self.pack, ins, clause, as_of, reading)
            for ins, clause in self.pack.clauses()
        }
        return DatedRuleBook(self.pack, as_of, states)


@dataclass(frozen=True)
class _Reading:
    revive: bool
    honour: bool


def _suspensions_of(pack: Pack, ins: Instrument, clause: Clause) -> list[tuple[str, Suspension]]:
    found = []
    for other in pack.instruments:
        for susp in other.suspends:
            if susp.target in (ins.id, clause.id):
                found.append((other.id, susp))
    return sorted(found, key=lambda pair: pair[1].start)


REVIVE = "revive_after_suspension"
HONOUR = "honour_announced_extensions"


def _state(
    pack: Pack, ins: Instrument, clause: Clause, as_of: date, reading: _Reading
) -> ClauseState:
    start = clause.effective_from or ins.effective_from
    end = clause.effective_to or ins.effective_to
    if end is not None and as_of >= end:
        return ClauseState(ins, clause, None, f"ceased to apply on {end}")
    revived_from: date | None = None
    revival_note = ""
    options: tuple[str, ...] = ()
    figures: dict[str, str] = {}
    announcement: Announcement | None = None
    for by, susp in _suspensions_of(pack, ins, clause):
        suspender = pack.instrument(by)
        if as_of < susp.start or as_of < suspender.effective_from:
            continue
        window = f"{susp.start} to {susp.last_day} (inclusive) by {by}"
        announcement = announcement_for(suspender, susp.target, as_of)
        said = f"; {announcement.sentence()}" if announcement else ""
        announced = announcement.last_day if announcement else None
        figures = {"legal_until": susp.last_day.isoformat()}
        if announced is not None:
            figures["announced_until"] = announced.isoformat()
        if as_of <= susp.last_day:
            pending = f"; due to take effect {start}" if as_of < start else ""
            note = f"suspended {window}{said}"
            return ClauseState(
                ins,
                clause,
                Status.SUSPENDED,
                f"{note}{pending}",
                figures=figures,
                announcement=announcement,
                note=note,
            )
        honour = (HONOUR,) if announced is not None else ()
        if reading.honour and announced is not None and as_of <= announced:
            note = (
                f"suspended {window} on the published text{said}; treated as suspended to "
                f"{announced} (option {HONOUR}=true)"
            )
            return ClauseState(
                ins,
                clause,
                Status.SUSPENDED,
                note,
                options=honour,
                figures=figures,
                announcement=announcement,
                note=note,
            )
        on_announcement = reading.honour and announced is not None
        if not reading.revive:
            note = f"suspended {window}{said}; not revived (option {REVIVE}=false)"
            return ClauseState(
                ins,
                clause,
                Status.SUSPENDED,
                note,
                options=(REVIVE, *honour),
                figures=figures,
                announcement=announcement,
                note=note,
            )
        last = announced if on_announcement and announced is not None else susp.last_day
        revived_from = last + timedelta(days=1)
        if on_announcement:
            basis = f"treated as extended to {announced} (option {HONOUR}=true)"
        elif honour:
            basis = f"the published text governs (option {HONOUR}=false)"
        else:
            basis = "no later instrument in the pack"
        revival_note = (
            f"suspension {window} ended{' on the published text' if said else ''}{said}; "
            f"{basis}, so the measure applies again from {revived_from} "
            f"(option {REVIVE}=true)"
        )
        options = (REVIVE, *honour)
    if as_of < start:
        return ClauseState(ins, clause, Status.NOT_YET_IN_FORCE, f"takes effect {start}")
    if revived_from is None:
        return ClauseState(ins, clause, Status.IN_FORCE, f"in force from {start}")
    return ClauseState(
        ins,
        clause,
        Status.IN_FORCE,
        revival_note,
        revived_from,
        options,
        figures,
        announcement,
        revival_note,
    )

"""The dates on which a law pack changes something: a measure takes effect, ends, is suspended
or applies again. Read from the pack's data, never from code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from longarm.rulebook.loader import Pack


@dataclass(frozen=True)
class PackEvent:
    """One dated change: what happens (`kind`) to which instrument or clause, and by what."""

    on: date
    regime: str
    kind: str
    """`takes_effect`, `ends`, `suspended`, `suspension_ends`."""
    target: str
    title: str
    by: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {
            "date": self.on.isoformat(),
            "regime": self.regime,
            "kind": self.kind,
            "target": self.target,
            "title": self.title,
            "by": self.by,
        }


def pack_timeline(pack: Pack) -> list[PackEvent]:
    """Every dated change in a pack, oldest first."""
    titles = {ins.id: ins.title.en for ins in pack.instruments}
    for ins in pack.instruments:
        for clause in ins.clauses:
            titles[clause.id] = f"{ins.title.en}: {clause.citation}"
    events: list[PackEvent] = []
    for ins in pack.instruments:
        events.append(
            PackEvent(ins.effective_from, pack.regime, "takes_effect", ins.id, ins.title.en)
        )
        if ins.effective_to:
            events.append(PackEvent(ins.effective_to, pack.regime, "ends", ins.id, ins.title.en))
        for clause in ins.clauses:
            if clause.effective_from and clause.effective_from != ins.effective_from:
                events.append(
                    PackEvent(
                        clause.effective_from,
                        pack.regime,
                        "takes_effect",
                        clause.id,
                        titles[clause.id],
                    )
                )
            if clause.effective_to and clause.effective_to != ins.effective_to:
                events.append(
                    PackEvent(
                        clause.effective_to, pack.regime, "ends", clause.id, titles[clause.id]
                    )
                )
        for susp in ins.suspends:
            title = titles.get(susp.target, susp.target)
            events.append(
                PackEvent(susp.start, pack.regime, "suspended", susp.target, title, ins.id)
            )
            events.append(
                PackEvent(
                    susp.last_day + timedelta(days=1),
                    pack.regime,
                    "suspension_ends",
                    susp.target,
                    title,
                    ins.id,
                )
            )
    return sorted(events, key=lambda e: (e.on, e.kind, e.target))

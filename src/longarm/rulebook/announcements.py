"""Announced extensions of suspensions: which one touches a clause on a date, and how to say it.

A suspension has a legal end (the published text) and may have an announced, political end
with no instrument yet (FACTS-3 B5). Only statements made on or before the determination
date count: a determination dated before an announcement cannot know of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from longarm.rulebook.schema import AnnouncedExtension, Instrument, Statement


@dataclass(frozen=True)
class Announcement:
    """An announced extension as known on one date."""

    extension: AnnouncedExtension
    statements: tuple[Statement, ...]

    @property
    def last_day(self) -> date | None:
        return self.extension.last_day

    def sentence(self) -> str:
        """What was announced, when and by whom, and that no instrument followed."""
        who = " and ".join(f"{s.by} on {s.on}" for s in self.statements)
        checked = self.extension.checked
        if self.last_day is None:
            return (
                f"no extension to a date was announced for this suspension (the statement of "
                f"{who} names none; no instrument seen by {checked})"
            )
        return (
            f"an extension to {self.last_day} (inclusive) was announced by {who}, with no "
            f"amending instrument published (instrument pending; none seen by {checked})"
        )

    def brief(self) -> str:
        """The announcement in a few words, for a warning."""
        when = "/".join(str(s.on) for s in self.statements)
        if self.last_day is None:
            return f"no extension to a date announced (checked {self.extension.checked})"
        return f"an extension to {self.last_day} was announced ({when}), instrument pending"


def announcement_for(suspender: Instrument, target: str, as_of: date) -> Announcement | None:
    """The pending announced extension of `suspender`'s suspension of `target`, as known on
    `as_of` (the latest-dated one if several)."""
    found: Announcement | None = None
    for ext in suspender.announced_extensions:
        if not ext.pending or not ext.covers(target):
            continue
        known = tuple(s for s in ext.statements if s.on <= as_of)
        if not known:
            continue
        candidate = Announcement(ext, known)
        if found is None or known[-1].on >= found.statements[-1].on:
            found = candidate
    return found

"""Date windows: dates between which no law pack can change anything.

The law reaches a determination's date only through the dates written in the packs
(effective and end dates, suspension windows, announcement dates...). Two dates with no
pack date `d` (nor the day after one, for the inclusive comparisons) between them are
decided alike, so lines that differ only in such dates are decided once. The dates are
read from the packs' data, whatever field holds them, so a new kind of dated fact in a
pack is covered without code here.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from longarm.rulebook.loader import Pack

ONE_DAY = timedelta(days=1)


def pack_dates(packs: Iterable[Pack]) -> list[date]:
    """Every date written anywhere in the packs' manifests and instruments, sorted."""
    found: set[date] = set()
    for pack in packs:
        _collect(pack.manifest.model_dump(), found)
        for ins in pack.instruments:
            _collect(ins.model_dump(), found)
    return sorted(found)


class DateWindows:
    """Numbers the windows between consecutive pack dates."""

    def __init__(self, dates: Sequence[date]) -> None:
        edges = set(dates) | {d + ONE_DAY for d in dates}
        self.edges = sorted(edges)

    def window(self, as_of: date) -> int:
        """The same number for two dates exactly when no pack date separates them."""
        return bisect.bisect_right(self.edges, as_of)

    def changes_between(self, start: date, end: date) -> list[date]:
        """The dates in (start, end] on which the law may change."""
        lo = bisect.bisect_right(self.edges, start)
        hi = bisect.bisect_right(self.edges, end)
        return self.edges[lo:hi]


def _collect(value: Any, found: set[date]) -> None:
    if isinstance(value, date):
        found.add(value)
    elif isinstance(value, dict):
        for v in value.values():
            _collect(v, found)
    elif isinstance(value, list | tuple | set | frozenset):
        for v in value:
            _collect(v, found)


def date_events(packs: Iterable[Pack]) -> dict[date, list[str]]:
    """For each date on which the law may change, the instruments whose data name it (a
    date `d` itself, or `d` as the day after an inclusive last day)."""
    events: dict[date, set[str]] = {}
    for pack in packs:
        for ins in pack.instruments:
            found: set[date] = set()
            _collect(ins.model_dump(), found)
            for d in found:
                events.setdefault(d, set()).add(ins.id)
                events.setdefault(d + ONE_DAY, set()).add(f"{ins.id} (day after {d})")
    return {d: sorted(ids) for d, ids in events.items()}


def law_key(packs: Iterable[Pack], as_of: date, options: dict[str, bool]) -> tuple[object, ...]:
    """What the packs say on `as_of` under `options`: every clause's status and dating.

    Two dates with the same key are decided alike (rules see the date only through the
    dated rule book), so a timeline need not decide again on a date whose key has not
    changed. `options` are the resolved options, as the engine passes them.
    """
    from longarm.rulebook.rulebook import RuleBook

    key: list[object] = []
    for pack in packs:
        book = RuleBook(pack).at(
            as_of,
            revive_after_suspension=options["revive_after_suspension"],
            honour_announced_extensions=options["honour_announced_extensions"],
        )
        for clause_id, state in sorted(book.states.items()):
            key.append((clause_id, state.status, state.detail, state.revived_from, state.options))
    return tuple(key)

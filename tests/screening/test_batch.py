"""The batch path: many queries at once give what one at a time gives."""

from __future__ import annotations

from datetime import date

from longarm.screening.api import Screener
from longarm.screening.model import ListEntry, ListSnapshot, Query

NAMES = [
    "Huawei Technologies",
    "Semiconductor Manufacturing Intl. Corp.",
    "SMIC",
    "Rami Makhluf",
    "中芯国际集成电路制造有限公司",
    "洛克希德·马丁公司",
    "Acme Robotics Inc",
    "",
]


def test_screen_many_equals_screen_one_by_one(small_screener: Screener) -> None:
    queries = [Query(n, "CN" if i % 2 else None) for i, n in enumerate(NAMES)]
    batch = list(small_screener.screen_many(queries))
    single = [small_screener.screen(q) for q in queries]
    assert [r.to_dict() for r in batch] == [r.to_dict() for r in single]
    assert any(r.hits for r in batch)


def test_every_entry_sharing_a_name_is_returned() -> None:
    entries = tuple(
        ListEntry(list_code=f"US:L{i}", entry_id=f"e-{i}", name="Aero Systems Pte. Ltd.")
        for i in range(60)
    )
    screener = Screener([ListSnapshot("test", date(2026, 1, 1), entries)])
    hits = screener.screen_name("Aero Systems").hits
    assert len(hits) == 60

"""The persisted screener: reused while its inputs are unchanged, rebuilt when they change."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from longarm.screening import cache
from longarm.screening.api import Screener
from longarm.screening.model import ListEntry, ListSnapshot


def _build() -> Screener:
    entry = ListEntry("US:EL", "e1", "Acme Photonics Ltd", countries=("CN",))
    return Screener([ListSnapshot("test", date(2026, 7, 31), (entry,))])


def test_second_call_loads_the_saved_screener(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LONGARM_CACHE", str(tmp_path))
    source = tmp_path / "list.json"
    source.write_text("one", encoding="utf-8")
    built: list[int] = []

    def build() -> Screener:
        built.append(1)
        return _build()

    first = cache.cached_screener(build, [source])
    second = cache.cached_screener(build, [source])
    assert built == [1]
    assert second.screen_name("Acme Photonics").hits[0].entry_id == "e1"
    assert first is not second
    source.write_text("two", encoding="utf-8")  # a new snapshot: rebuilt
    cache.cached_screener(build, [source])
    assert built == [1, 1]
    assert len(list(tmp_path.glob("screener-*.pickle"))) == 1

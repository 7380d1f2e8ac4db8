"""Fixtures for screening tests.

Strategy: unit tests build small in-memory indexes from hand-made entries (fast, exact);
importer tests read the real public files in `../shared/data` (relative to the repo root,
where pytest runs); one module builds the bundled CSL screener once per session.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from longarm.screening.api import Screener
from longarm.screening.model import ListEntry, ListSnapshot

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return SHARED_DATA


def entry(
    code: str, entry_id: str, name: str, *aliases: str, countries: tuple[str, ...] = ("CN",)
) -> ListEntry:
    return ListEntry(
        list_code=code, entry_id=entry_id, name=name, aliases=aliases, countries=countries
    )


@pytest.fixture(scope="session")
def small_screener() -> Screener:
    from datetime import date

    entries = (
        entry(
            "US:EL",
            "el-1",
            "Semiconductor Manufacturing International Corporation",
            "SMIC",
            "中芯国际集成电路制造有限公司",
        ),
        entry("US:EL", "el-2", "Huawei Technologies Co., Ltd.", "Huawei"),
        entry("US:EL", "el-3", "China Telecom Corporation Limited"),
        entry("US:SDN", "sdn-1", "Rami Makhlouf", countries=("SY",)),
        entry("CN:UEL", "uel-1", "Lockheed Martin Corporation", countries=("US",)),
    )
    return Screener([ListSnapshot("test", date(2026, 1, 1), entries)])

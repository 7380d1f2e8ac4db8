"""RuleBook.at(as_of): in force, suspended (inclusive ends), not yet in force, revived."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from longarm.domain.vocab import Status
from longarm.errors import PackError
from longarm.rulebook.loader import load_pack
from longarm.rulebook.rulebook import RuleBook


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return RuleBook(load_pack("CN"))


@pytest.mark.parametrize(
    ("clause", "day", "status"),
    [
        ("cn.2025-61.art1.3", "2025-10-08", Status.NOT_YET_IN_FORCE),
        ("cn.2025-61.art1.3", "2025-10-09", Status.IN_FORCE),
        ("cn.2025-61.art1.3", "2025-11-06", Status.IN_FORCE),
        ("cn.2025-61.art1.3", "2025-11-07", Status.SUSPENDED),
        ("cn.2025-61.art1.1", "2025-12-01", Status.SUSPENDED),
        ("cn.2025-61.art1.1", "2026-11-10", Status.SUSPENDED),
        ("cn.2025-61.art1.1", "2026-11-11", Status.IN_FORCE),
        ("cn.2024-46.art2.graphite", "2026-11-27", Status.SUSPENDED),
        ("cn.2024-46.art2.graphite", "2026-11-28", Status.IN_FORCE),
        ("cn.2024-46.art1", "2026-01-01", Status.IN_FORCE),
        ("cn.2025-18.export", "2025-04-03", Status.NOT_YET_IN_FORCE),
        ("cn.2025-18.export", "2026-01-01", Status.IN_FORCE),
        ("cn.2025-57.export", "2025-11-07", Status.SUSPENDED),
    ],
)
def test_status_on_date(book: RuleBook, clause: str, day: str, status: Status) -> None:
    assert book.at(date.fromisoformat(day)).state(clause).status is status


def test_revival_is_reported_with_its_date(book: RuleBook) -> None:
    state = book.at(date(2026, 11, 11)).state("cn.2025-61.art1.1")
    assert state.revived_from == date(2026, 11, 11)
    assert "applies again from 2026-11-11" in state.detail


def test_without_revival_option_a_measure_stays_suspended(book: RuleBook) -> None:
    state = book.at(date(2027, 1, 1), revive_after_suspension=False).state("cn.2025-61.art1.1")
    assert state.status is Status.SUSPENDED
    assert "not revived" in state.detail


def test_repealed_list_stops_and_its_successor_starts(book: RuleBook) -> None:
    before = book.at(date(2024, 11, 30))
    after = book.at(date(2024, 12, 1))
    assert before.state("cn.2023-23.export").status is Status.IN_FORCE
    assert after.state("cn.2023-23.export").status is None
    assert after.state("cn.2024-51.export").status is Status.IN_FORCE


def test_pack_has_version_digest_and_data_date() -> None:
    pack = load_pack("CN")
    assert pack.manifest.version
    assert len(pack.sha256) == 64
    assert pack.manifest.data_as_of.year >= 2026


def _copy_pack(tmp_path: Path) -> Path:
    src = load_pack("CN").root
    dst = tmp_path / "cn"
    dst.mkdir()
    for f in src.glob("*.yaml"):
        (dst / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("2025-061.yaml", "test: content_floor", "test: content_flor", "unknown test"),
        ("2025-061.yaml", 'threshold: "0.001"', 'threshold: "lots"', "threshold"),
        ("2025-070.yaml", "target: cn.2025-61,", "target: cn.2025-99,", "unknown 'cn.2025-99'"),
        ("2025-018.yaml", "items: [items]", "items: [nothing]", "nothing"),
        (
            "2025-061.yaml",
            "effective_from: 2025-12-01",
            "effective_from: 2025-12-41",
            "out of range",
        ),
    ],
)
def test_malformed_pack_fails_loudly(
    tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    root = _copy_pack(tmp_path)
    path = root / "cn" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PackError, match=message):
        load_pack("CN", root)

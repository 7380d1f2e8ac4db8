"""List snapshots by date, versions, and the whitelist, in a temporary DuckDB store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from longarm.screening.api import Screener, query_key
from longarm.screening.model import ListEntry, ListSnapshot
from longarm.screening.store import DuckDBStore, store_path


def _snap(when: date, *names: str) -> ListSnapshot:
    entries = tuple(ListEntry("US:EL", f"id-{n}", n, countries=("CN",)) for n in names)
    return ListSnapshot("csl", when, entries)


def test_snapshots_as_of_date(tmp_path: Path) -> None:
    store = DuckDBStore(tmp_path / "s.duckdb")
    store.save_snapshot(_snap(date(2025, 1, 1), "Alpha Photonics"))
    store.save_snapshot(_snap(date(2026, 1, 1), "Alpha Photonics", "Beta Quantum Devices"))
    assert [s.snapshot_date for s in store.snapshots_as_of(date(2025, 6, 1))] == [date(2025, 1, 1)]
    old = Screener.from_store(store, date(2025, 6, 1))
    new = Screener.from_store(store, date(2026, 6, 1))
    assert not old.screen_name("Beta Quantum Devices").hits
    result = new.screen_name("Beta Quantum Devices")
    assert result.hits and result.to_dict()["lists"] == [
        {"list": "US:EL", "snapshot": "2026-01-01"}
    ]
    assert store.snapshots_as_of(date(2024, 1, 1)) == []
    store.close()


def test_reimport_same_date_is_a_new_version(tmp_path: Path) -> None:
    store = DuckDBStore(tmp_path / "s.duckdb")
    store.save_snapshot(_snap(date(2026, 1, 1), "Alpha Photonics"))
    second = store.save_snapshot(_snap(date(2026, 1, 1), "Alpha Photonics", "Gamma Optics"))
    assert second.version == 2
    (latest,) = store.snapshots_as_of(None)
    assert latest.version == 2 and len(latest.entries) == 2
    store.close()


def test_whitelist_suppresses_for_that_user_only(tmp_path: Path) -> None:
    store = DuckDBStore(tmp_path / "s.duckdb")
    store.save_snapshot(_snap(date(2026, 1, 1), "Alpha Photonics"))
    store.add_whitelist(
        "alice",
        query_key("Alpha Photonics Ltd"),
        "US:EL",
        "id-Alpha Photonics",
        "our own subsidiary",
    )
    alice = Screener.from_store(store, user="alice").screen_name("Alpha Photonics Ltd")
    bob = Screener.from_store(store, user="bob").screen_name("Alpha Photonics Ltd")
    assert not alice.hits and alice.to_dict()["suppressed"][0]["entry_id"] == "id-Alpha Photonics"
    assert bob.hits
    store.remove_whitelist("alice", query_key("Alpha Photonics Ltd"), "id-Alpha Photonics")
    assert Screener.from_store(store, user="alice").screen_name("Alpha Photonics Ltd").hits
    store.close()


def test_store_path_from_env(monkeypatch: object, tmp_path: Path) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setenv("LONGARM_STORE", str(tmp_path / "x.duckdb"))
    assert store_path() == tmp_path / "x.duckdb"
    assert store_path(tmp_path / "y.duckdb") == tmp_path / "y.duckdb"

"""Fixtures for every test.

Strategy: no test touches the user's own store. Each test gets a fresh store file under its
tmp folder through `LONGARM_STORE`, which commands and subprocesses read.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store" / "longarm.duckdb"
    monkeypatch.setenv("LONGARM_STORE", str(path))
    return path


@pytest.fixture(autouse=True, scope="session")
def isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The screener cache (`longarm.screening.cache`) in a session tmp folder, not the user's."""
    path = tmp_path_factory.mktemp("cache")
    patch = pytest.MonkeyPatch()
    patch.setenv("LONGARM_CACHE", str(path))
    yield path
    patch.undo()

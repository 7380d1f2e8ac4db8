"""Fixtures of the API tests.

Strategy: every test talks to the real app (`create_app`) through Starlette's in-process test
client, on a fresh store under its tmp folder holding one key of each role (`serverkit`).
Nothing is mocked: packs are the bundled ones and the audit log is the store's own. Settings
are passed to `create_app`, never set globally.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from serverkit import Keys, make_keys

from longarm.api import Settings, create_app


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "server" / "longarm.duckdb"


@pytest.fixture
def keys(store_path: Path) -> Keys:
    return make_keys(store_path)


@pytest.fixture
def settings(store_path: Path, keys: Keys) -> Settings:
    return Settings(store_path=store_path)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client

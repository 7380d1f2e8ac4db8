"""Kit of the server tests (API and browser): keys of each role and demo cases as JSON bodies.

Strategy: keys are made with the same `create_key` as `longarm keys create` on a store under
the test's tmp folder; demo cases are the bundled files, sent as JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from longarm.interfaces.casefiles import demo_cases
from longarm.store.database import Store
from longarm.store.keys import Role, create_key


@dataclass(frozen=True)
class Server:
    """A `longarm serve` process started by a test: its address and an admin key."""

    url: str
    key: str
    store: Path


@dataclass(frozen=True)
class Keys:
    viewer: str
    analyst: str
    admin: str

    def header(self, role: str) -> dict[str, str]:
        return {"X-API-Key": getattr(self, role)}


def make_keys(store_path: Path) -> Keys:
    with Store.open(store_path) as store:
        made = {r.value: create_key(store, r, actor="test")[1] for r in Role}
    return Keys(**made)


def case_json(path: Path) -> str:
    """A demo case file as the JSON body a client would send."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return json.dumps(data, default=_iso)


def demo_case(number: int) -> Path:
    return next(p for p in demo_cases() if p.name.startswith(f"0{number}_"))


def _iso(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)

"""Test kit: case data built from the shared contract example, and paths to shared data.

Strategy: tests build small cases in memory (`make_case`) or read the YAML cases on disk;
nothing mutates global settings, and packs are read from the bundled package data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from longarm.domain.case import Case
from longarm.io.case_reader import parse_case

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def base_case() -> dict[str, Any]:
    """A Korean Tb magnet with Chinese Tb oxide inside: the contract's running example."""
    return {
        "as_of": "2027-01-10",
        "shipment": {
            "id": "S",
            "ship_from": "KR",
            "destination": "DE",
            "exporter": "EXP",
            "end_user": "EU",
            "end_uses": ["civil"],
            "lines": [{"item": "MAG-KR", "quantity": 1}],
        },
        "items": [
            {
                "id": "MAG-KR",
                "origin": "KR",
                "unit_value": 20.0,
                "controls": ["CN:1C904.a"],
                "materials": [{"element": "Tb", "form": "permanent_magnet"}],
                "components": [{"item": "TBOX", "quantity": 1}],
            },
            {
                "id": "TBOX",
                "origin": "CN",
                "unit_value": 0.5,
                "materials": [{"element": "Tb", "form": "oxide"}],
            },
        ],
        "parties": [
            {"id": "EXP", "name": "Exporter KR", "country": "KR"},
            {"id": "EU", "name": "Windkraft GmbH", "country": "DE"},
        ],
    }


def make_case(data: dict[str, Any]) -> Case:
    return parse_case(yaml.safe_dump(data), "case.yaml")


def items_case(items: list[dict[str, Any]], **extra: Any) -> Case:
    """A minimal valid case around some items: one line of the first item, JP to DE."""
    data: dict[str, Any] = {
        "as_of": "2027-01-01",
        "shipment": {
            "id": "S",
            "ship_from": "JP",
            "destination": "DE",
            "exporter": "P",
            "lines": [{"item": items[0]["id"], "quantity": 1}],
        },
        "items": items,
        "parties": [{"id": "P", "name": "P", "country": "JP"}],
    }
    data.update(extra)
    return make_case(data)

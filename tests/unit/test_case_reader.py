"""Bad input exits with the file, the field path and the reason (CONTRACT.md 1 and 2)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from testkit import base_case

from longarm.errors import InputError
from longarm.io.case_reader import MAX_CASE_BYTES, parse_case, read_case


def _error(data: Any, *, text: str | None = None) -> InputError:
    with pytest.raises(InputError) as info:
        parse_case(text if text is not None else yaml.safe_dump(data), "case.yaml")
    return info.value


def _mutated(**changes: Any) -> dict[str, Any]:
    data = base_case()
    for path, value in changes.items():
        target: Any = data
        keys = path.split("__")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        last = keys[-1]
        target[int(last) if last.isdigit() else last] = value
    return data


@pytest.mark.parametrize(
    ("changes", "path", "reason"),
    [
        (
            {"items__0__components__0__item": "MAG-9"},
            "items[0].components[0].item",
            "unknown item 'MAG-9'",
        ),
        ({"shipment__lines__0__item": "NOPE"}, "shipment.lines[0].item", "unknown item 'NOPE'"),
        ({"shipment__end_user": "GHOST"}, "shipment.end_user", "unknown party 'GHOST'"),
        ({"items__1__id": "MAG-KR"}, "items[1].id", "duplicate id 'MAG-KR'"),
        ({"items__1__unit_value": -1.0}, "items[1].unit_value", "must be >= 0"),
        ({"items__1__unit_value": float("nan")}, "items[1].unit_value", "finite"),
        ({"items__1__unit_value": float("inf")}, "items[1].unit_value", "finite"),
        (
            {"items__0__components__0__quantity": 0},
            "items[0].components[0].quantity",
            "must be > 0",
        ),
        ({"shipment__lines__0__quantity": -2}, "shipment.lines[0].quantity", "must be > 0"),
        ({"shipment__ship_from": "XX"}, "shipment.ship_from", "ISO 3166-1"),
        ({"items__1__origin": "China"}, "items[1].origin", ""),
        ({"items__1__currency": "EUROS"}, "items[1].currency", "ISO 4217"),
        ({"as_of": "2027-13-10"}, "as_of", "month"),
        (
            {"items__1__materials__0__element": "Xx"},
            "items[1].materials[0].element",
            "unknown element",
        ),
        ({"options": {"no_such_option": True}}, "options.no_such_option", "unknown option"),
        ({"shipment__end_uses": ["picnic"]}, "shipment.end_uses[0]", ""),
        ({"items__0__controls": ["1C904.a"]}, "items[0].controls", "namespaced"),
    ],
)
def test_bad_field_names_its_path(changes: dict[str, Any], path: str, reason: str) -> None:
    error = _error(_mutated(**changes))
    assert error.path == path
    assert reason in error.reason
    assert str(error).startswith(f"case.yaml: {path}: ")


def test_unknown_field_is_an_error_not_a_silent_drop() -> None:
    data = base_case()
    data["items"][1]["unit_valeu"] = data["items"][1].pop("unit_value")
    error = _error(data)
    assert error.path == "items[1].unit_valeu"
    assert "unknown field" in error.reason


def test_cycle_names_the_loop() -> None:
    data = base_case()
    data["items"][1]["components"] = [{"item": "MAG-KR", "quantity": 1}]
    error = _error(data)
    assert "MAG-KR -> TBOX -> MAG-KR" in error.reason


def test_mixed_currencies_need_fx() -> None:
    data = base_case()
    data["items"][1]["currency"] = "EUR"
    error = _error(data)
    assert error.path == "items[1].currency"
    assert "fx.EUR" in error.reason
    data["fx"] = {"EUR": 1.08}
    assert parse_case(yaml.safe_dump(data)).fx["EUR"] > 1


def test_single_foreign_currency_needs_no_fx() -> None:
    data = base_case()
    for item in data["items"]:
        item["currency"] = "JPY"
    assert parse_case(yaml.safe_dump(data)).items[0].currency == "JPY"


def test_document_must_be_a_mapping() -> None:
    assert "mapping" in _error(None, text="- a\n- b\n").reason


def test_duplicate_yaml_key_is_an_error() -> None:
    text = yaml.safe_dump(base_case()).replace("as_of:", "as_of: '2026-01-01'\nas_of:", 1)
    assert "duplicate key 'as_of'" in _error(None, text=text).reason


def test_norway_stays_a_country_not_a_boolean() -> None:
    text = yaml.safe_dump(base_case()).replace("destination: DE", "destination: NO")
    assert parse_case(text).shipment.destination == "NO"


def test_decimals_are_read_exactly() -> None:
    case = parse_case(yaml.safe_dump(base_case()))
    assert str(case.items_by_id["TBOX"].unit_value) == "0.5"


def test_json_case_is_read(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(base_case()), encoding="utf-8")
    assert read_case(path).shipment.id == "S"


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_CASE_BYTES + 1)
    with pytest.raises(InputError, match="over the"):
        read_case(path)


def test_unknown_shares_and_values_are_allowed() -> None:
    data = copy.deepcopy(base_case())
    data["items"][1]["unit_value"] = None
    data["items"][1]["origin"] = "unknown"
    data["parties"][1]["owners"] = [{"party": "EXP", "share": None}]
    case = parse_case(yaml.safe_dump(data))
    assert case.items_by_id["TBOX"].unit_value is None

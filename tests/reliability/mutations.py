"""Bad inputs, generated: every one must be refused (exit 2) with its file, field and reason.

Shared by the property tests (`test_bad_input.py`, driven by hypothesis) and by
`bench/reliability.py` (driven by a seeded `random.Random`, against the real CLI). Each
generator returns text that is *certainly* bad: a mutation is only drawn from a pool of
values that no field of that name accepts, so an accepted input is a real defect.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import yaml

Path = tuple[str | int, ...]


def rich_case() -> dict[str, Any]:
    """A valid case that uses every section of the contract (CONTRACT.md 2)."""
    return {
        "as_of": "2026-01-15",
        "shipment": {
            "id": "S-001",
            "ship_from": "JP",
            "destination": "US",
            "exporter": "EXP",
            "consignee": "CON",
            "end_user": "EU1",
            "end_uses": ["civil"],
            "lines": [{"item": "MOTOR-1", "quantity": 10}],
        },
        "items": [
            {
                "id": "MOTOR-1",
                "description": "Servo motor",
                "origin": "JP",
                "unit_value": "120.0",
                "currency": "JPY",
                "controls": ["US:EAR99"],
                "technologies": [{"activity": "magnet_manufacturing", "origin": "JP"}],
                "components": [{"item": "MAG-1", "quantity": 4}],
            },
            {
                "id": "MAG-1",
                "description": "Sintered NdFeB magnet, Dy-bearing",
                "origin": "CN",
                "unit_value": "2.5",
                "controls": ["CN:1C905.a"],
                "materials": [{"element": "Dy", "form": "permanent_magnet"}],
            },
        ],
        "parties": [
            {"id": "EXP", "name": "Exporter", "country": "JP"},
            {"id": "CON", "name": "Consignee", "country": "US", "lists": []},
            {
                "id": "EU1",
                "name": "Acme Robotics Inc.",
                "country": "US",
                "military": False,
                "lists": [{"list": "US:EL", "footnote": 1, "score": "0.9"}],
                "owners": [{"party": "HOLD-1", "share": "0.25"}],
            },
            {"id": "HOLD-1", "name": "Holding", "country": "US"},
        ],
        "fx": {"JPY": "0.0067"},
        "options": {"cn_part2_includes_assemblies": True},
        "expect": {"CN": "license_required"},
    }


_NUMBER_BAD: list[Any] = [
    "012", "1:30", "0b11", "0x1F", "1_000", "ten", "", True, False, [], {}, [1], {"a": 1},
    Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("1e400"),
    Decimal("1e999999999"), 10**48, -(10**48), -1, Decimal("1e-40"), "1e5x", "٣",
]  # fmt: skip
_QUANTITY_BAD = [*_NUMBER_BAD, 0, None, Decimal("-0.5")]
_VALUE_BAD = [*_NUMBER_BAD, Decimal("-0.01")]
_SHARE_BAD = [*_NUMBER_BAD, Decimal("1.5"), Decimal("-0.1"), 2]
_RATE_BAD = [*_NUMBER_BAD, 0, None]
_COUNTRY_BAD = ["XX", "China", "", "C", "CHN", 12, None, True, [], {"a": 1}, "U S"]
_REF_BAD = ["GHOST", "", 12, None, [], {"a": 1}, "EXP "]
_BOOL_BAD = ["yes", "no", "true", 1, 0, None, "on", [], "NO"]
_DATE_BAD = [
    1700000000, "2026-13-01", "2026-02-30", "01/02/2026", "2026-01-01T10:00:00", "20260101",
    True, None, "", Decimal("2026.01"), [], "2026-W03-1",
]  # fmt: skip
_CODE_BAD = [
    "US:3A9999", "US:ZZ001", "CN:9Z999", "3A090", "", "US:", "XX:3A090", 12, None,
    "US:3A09O.a", "CN:1C905.z", "US:EAR98", "US:3A090..a", [], "US:3A090.a b",
]  # fmt: skip
_TEXT_BAD = [12, None, [], {"a": 1}, True, Decimal("1.5")]

_POOLS: dict[str, list[Any]] = {
    "quantity": _QUANTITY_BAD,
    "unit_value": _VALUE_BAD,
    "share": _SHARE_BAD,
    "score": [*[v for v in _NUMBER_BAD if v != Decimal("1e-40")], Decimal("7"), Decimal("-0.1")],
    "footnote": ["01", "-1", Decimal("1.5"), True, "one", []],
    "JPY": _RATE_BAD,
    "ship_from": _COUNTRY_BAD,
    "destination": _COUNTRY_BAD,
    "country": _COUNTRY_BAD,
    "origin": [*_COUNTRY_BAD[:-1], "UNKNOWN"],
    "currency": ["EUROS", "usd", "", 1, None, "XXX"],
    "item": _REF_BAD,
    "party": _REF_BAD,
    "exporter": _REF_BAD,
    "consignee": [v for v in _REF_BAD if v is not None],
    "end_user": [v for v in _REF_BAD if v is not None],
    "military": _BOOL_BAD,
    "cn_part2_includes_assemblies": _BOOL_BAD,
    "as_of": _DATE_BAD,
    "controls[]": _CODE_BAD,
    "controls": ["US:3A090", 12, {"a": 1}, [[]]],
    "element": ["Xx", "dy", "DY", 1, None, ""],
    "form": ["magnet", "", 1, None],
    "activity": ["cooking", "", 1, None],
    "list": ["US:XX", "EL", "", 1, None],
    "end_uses": [[], "civil", ["picnic"], [None], None, [1], "[]"],
    "end_uses[]": ["picnic", None, 1, "", "CIVIL"],
    "CN": ["cleared", "", 1, None, "NEEDS_REVIEW"],
    "id": _TEXT_BAD,
    "name": _TEXT_BAD,
    "description": _TEXT_BAD,
}
_REQUIRED = {
    (): ["as_of", "shipment", "items", "parties"],
    ("shipment",): ["id", "ship_from", "destination", "exporter", "lines"],
    ("line",): ["item", "quantity"],
    ("item",): ["id", "origin"],
    ("party",): ["id", "name", "country"],
    ("owner",): ["party", "share"],
    ("material",): ["element", "form"],
}


def leaves(data: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every (path, key name) of the case, list members named by their list's key."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*path, key), key
            yield from leaves(value, (*path, key))
    elif isinstance(data, list):
        name = f"{path[-1]}[]" if path else ""
        for n, value in enumerate(data):
            if not isinstance(value, dict | list):
                yield (*path, n), name
            yield from leaves(value, (*path, n))


def mappings(data: Any, path: Path = ()) -> Iterator[Path]:
    if isinstance(data, dict):
        yield path
        for key, value in data.items():
            yield from mappings(value, (*path, key))
    elif isinstance(data, list):
        for n, value in enumerate(data):
            yield from mappings(value, (*path, n))


def get(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def _kind(path: Path) -> tuple[str, ...]:
    names = {"lines": "line", "items": "item", "parties": "party", "owners": "owner"}
    names |= {"materials": "material"}
    if not path:
        return ()
    if path == ("shipment",):
        return ("shipment",)
    parent = path[-2] if len(path) >= 2 else ""
    return (names[str(parent)],) if str(parent) in names else ("?",)


Mutation = tuple[str, Callable[[dict[str, Any]], None]]


def mutations(data: dict[str, Any]) -> list[Mutation]:
    """Every single bad change of `data`: a label (file-relative field path) and the edit."""
    found: list[Mutation] = []
    for path, name in leaves(data):
        pool = _POOLS.get(name)
        if pool is None:
            continue
        for value in pool:
            found.append((f"set {path} = {value!r}", _setter(path, value)))
    for path in mappings(data):
        for extra in ("unit_valeu", "orgin", "Origin", "end_use", "x"):
            found.append((f"add {path}.{extra}", _setter((*path, extra), "1")))
        for required in _REQUIRED.get(_kind(path), []):
            if required in get(data, path):
                found.append((f"drop {path}.{required}", _dropper((*path, required))))
    dup_item = ("items", 1, "id")
    found.append(("duplicate item id", _setter(dup_item, data["items"][0]["id"])))
    found.append(("duplicate party id", _setter(("parties", 1, "id"), "EXP")))
    found.append(("self-owned", _setter(("parties", 2, "owners", 0, "party"), "EU1")))
    found.append(
        ("bom cycle", _setter(("items", 1, "components"), [{"item": "MOTOR-1", "quantity": 1}]))
    )
    found.append(("no lines", _setter(("shipment", "lines"), [])))
    found.append(("items not a list", _setter(("items",), {"id": "X"})))
    found.append(("mixed currency no fx", _setter(("fx",), {})))
    found.append(("unknown option", _setter(("options",), {"no_such": True})))
    return found


def _setter(path: Path, value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(data: dict[str, Any]) -> None:
        get(data, path[:-1])[path[-1]] = copy.deepcopy(value)

    return apply


def _dropper(path: Path) -> Callable[[dict[str, Any]], None]:
    def apply(data: dict[str, Any]) -> None:
        del get(data, path[:-1])[path[-1]]

    return apply


def mutated(data: dict[str, Any], mutation: Mutation) -> dict[str, Any]:
    out = copy.deepcopy(data)
    mutation[1](out)
    return out


class _Dumper(yaml.SafeDumper):
    pass


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    text = {"NaN": ".nan", "Infinity": ".inf", "-Infinity": "-.inf"}.get(str(value), str(value))
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


_Dumper.add_representer(Decimal, _decimal)


def to_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True)


def to_json(data: Any) -> str:
    """JSON with Decimals written as number literals (NaN and Infinity as Python writes them)."""
    return _encode(data)


def _encode(data: Any) -> str:
    if isinstance(data, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {_encode(v)}" for k, v in data.items()) + "}"
    if isinstance(data, list):
        return "[" + ", ".join(_encode(v) for v in data) + "]"
    if isinstance(data, Decimal):
        return {"NaN": "NaN", "Infinity": "Infinity", "-Infinity": "-Infinity"}.get(
            str(data), str(data)
        )
    return json.dumps(data)


def structural(rng: random.Random) -> tuple[str, bytes, str]:
    """One malformed document: (label, content, suffix) from a family chosen by `rng`."""
    label, text, suffix = _structural(rng)
    if label == "not utf-8":
        return label, to_yaml(rich_case()).encode("utf-16"), suffix
    return label, text.encode("utf-8"), suffix


def _structural(rng: random.Random) -> tuple[str, str, str]:
    """One malformed document: (label, text, suffix) from a family chosen by `rng`."""
    base = to_yaml(rich_case())
    family = rng.randrange(12)
    if family == 0:
        depth = rng.choice([65, 900, 5000, 100_000])
        return f"deep yaml {depth}", "as_of: " + "[" * depth + "]" * depth + "\n", ".yaml"
    if family == 1:
        depth = rng.choice([65, 900, 5000, 100_000])
        return f"deep json {depth}", '{"as_of": ' + "[" * depth + "]" * depth + "}", ".json"
    if family == 2:
        fan = rng.randrange(5, 12)
        lines = ["a0: &a0 [" + ",".join(["lol"] * fan) + "]"]
        lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * fan) + "]" for i in range(1, 10)]
        return f"alias bomb fan {fan}", "\n".join(lines) + "\n", ".yaml"
    if family == 3:
        key = rng.choice(["as_of", "shipment", "items", "parties"])
        return f"duplicate key {key}", base + f"{key}: x\n", ".yaml"
    if family == 4:
        text = to_json(rich_case())
        return (
            "duplicate json key",
            text.replace('"id": "S-001"', '"id": "S-001", "id": "S-2"'),
            ".json",
        )
    if family == 5:
        return (
            "list as key",
            base.replace("  id: S-001\n", "  id: S-001\n  ? [a, b]\n  : 1\n"),
            ".yaml",
        )
    if family == 6:
        return (
            "mapping as key",
            base.replace("  id: S-001\n", "  id: S-001\n  ? {a: 1}\n  : 1\n"),
            ".yaml",
        )
    if family == 7:
        cut = rng.randrange(1, len(base) - 1)
        return (
            f"truncated at {cut} + garbage",
            base[:cut] + rng.choice(["[", "{", ": :", "\t- ]", '"']),
            ".yaml",
        )
    if family == 8:
        return "not utf-8", "", ".yaml"
    if family == 9:
        digits = rng.choice([48, 4000, 100_000])
        return (
            f"{digits}-digit number",
            base.replace('"120.0"', "9" * digits).replace("'120.0'", "9" * digits),
            ".yaml",
        )
    if family == 10:
        return "top-level list", "- " + base.replace("\n", "\n  "), ".yaml"
    tag = rng.choice(["!!python/object:os.system", "!!binary", "!!set", "!!int", "!!omap"])
    return f"tag {tag}", base.replace("as_of: '2026-01-15'", f"as_of: {tag} '012'"), ".yaml"

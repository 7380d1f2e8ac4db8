"""Random catalogues for property tests: items with multi-level BOMs, parties with owners
and list memberships, shipments around the 2026-11 dates, as case-file data.

Every generated case carries the whole catalogue, so the cases share one set of items and
parties and can be written as one table folder (`tablekit.write_cases`).
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

ORIGINS = ["CN", "US", "JP", "KR", "DE", "unknown"]
VALUES = [None, 0, 0.5, 1, 2.5, 10, 100]
CONTROLS = [
    "CN:1C905.a",
    "CN:1C904.b",
    "CN:1E902.a",
    "US:3A001.a.1",
    "US:3A991.a",
    "US:2B001",
    "US:3A090.a",
    "US:EAR99",
]
MATERIALS = [
    {"element": "Dy", "form": "permanent_magnet"},
    {"element": "Tb", "form": "oxide"},
    {"element": "Ga", "form": "compound"},
    {"element": "Sm", "form": "article"},
]
TECHNOLOGIES: list[Any] = [[], [{"activity": "magnet_manufacturing", "origin": "CN"}], "unknown"]
COUNTRIES = ["CN", "US", "DE", "JP", "RU"]
LISTS: list[list[str]] = [
    [],
    [],
    ["US:EL"],
    ["US:EL:presumption_of_denial"],
    ["US:MEU"],
    ["CN:control_list"],
    ["CN:UEL"],
]
SHARES = [None, 0.25, 0.5, 1]
DATES = [
    "2025-12-01",
    "2026-11-08",
    "2026-11-09",
    "2026-11-10",
    "2026-11-11",
    "2026-11-26",
    "2026-11-27",
    "2026-11-28",
    "2027-03-01",
]
ROUTES = ["CN", "JP", "US", "KR", "DE"]
DESTINATIONS = ["US", "DE", "CN", "RU", "KR", "IR"]
END_USES = ["civil", "military", "advanced_semiconductor", "unknown"]
OPTIONS = ["honour_announced_extensions", "revive_after_suspension", "cn_part2_includes_assemblies"]


def _membership(code: str) -> Any:
    parts = code.split(":")
    if len(parts) == 2:
        return code
    return {"list": ":".join(parts[:2]), "policy": parts[2]}


@st.composite
def catalogue_cases(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A few shipments over one random catalogue, as case-file mappings."""
    n_items = draw(st.integers(2, 8))
    items = []
    for i in range(n_items):
        children = draw(st.lists(st.integers(0, i - 1), max_size=3, unique=True)) if i else []
        value = draw(st.sampled_from(VALUES))
        item: dict[str, Any] = {
            "id": f"I{i}",
            "origin": draw(st.sampled_from(ORIGINS)),
            "unit_value": None if value is None else float(value),
            "currency": draw(st.sampled_from(["USD", "USD", "USD", "EUR"])),
            "controls": draw(st.lists(st.sampled_from(CONTROLS), max_size=2, unique=True)),
            "materials": draw(st.lists(st.sampled_from(MATERIALS), max_size=2, unique_by=str)),
            "technologies": draw(st.sampled_from(TECHNOLOGIES)),
            "components": [
                {"item": f"I{c}", "quantity": draw(st.sampled_from([1, 2, 0.5]))} for c in children
            ],
        }
        if draw(st.booleans()) and draw(st.booleans()):
            item["made_with"] = ["US:3E001"]
        items.append(item)
    n_parties = draw(st.integers(2, 5))
    parties = []
    for p in range(n_parties):
        owners = draw(st.lists(st.integers(p + 1, n_parties), max_size=2, unique=True))
        parties.append(
            {
                "id": f"P{p}",
                "name": f"Party {p}",
                "country": draw(st.sampled_from(COUNTRIES)),
                "military": draw(st.booleans()) and draw(st.booleans()),
                "lists": [_membership(c) for c in draw(st.sampled_from(LISTS))],
                "owners": [
                    {"party": f"P{o}", "share": draw(st.sampled_from(SHARES))}
                    for o in owners
                    if o < n_parties
                ],
            }
        )
    fx = {"EUR": 1.08} if any(i["currency"] == "EUR" for i in items) else {}
    options = {
        name: draw(st.booleans())
        for name in draw(st.lists(st.sampled_from(OPTIONS), max_size=2, unique=True))
    }
    party_ids = [p["id"] for p in parties]
    cases: list[dict[str, Any]] = []
    for s in range(draw(st.integers(1, 5))):
        if cases and draw(st.booleans()):
            # The same order again on another date: lines that share all facts but the date.
            again = dict(cases[0], as_of=draw(st.sampled_from(DATES)))
            cases.append(dict(again, shipment=dict(cases[0]["shipment"], id=f"S{s}")))
            continue
        shipment: dict[str, Any] = {
            "id": f"S{s}",
            "ship_from": draw(st.sampled_from(ROUTES)),
            "destination": draw(st.sampled_from(DESTINATIONS)),
            "exporter": draw(st.sampled_from(party_ids)),
            "lines": [
                {"item": f"I{draw(st.integers(0, n_items - 1))}", "quantity": 1 + line}
                for line in range(draw(st.integers(1, 3)))
            ],
        }
        for role in ("consignee", "end_user"):
            if draw(st.booleans()):
                shipment[role] = draw(st.sampled_from(party_ids))
        uses = draw(st.lists(st.sampled_from(END_USES), max_size=2, unique=True))
        if uses:
            shipment["end_uses"] = uses
        cases.append(
            {
                "as_of": draw(st.sampled_from(DATES)),
                "shipment": shipment,
                "items": items,
                "parties": parties,
                "fx": fx,
                "options": options,
            }
        )
    return cases

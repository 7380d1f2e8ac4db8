"""Synthetic data as case files (CONTRACT section 2): one shipment with what it names."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np

from longarm.synthetic.catalogue import SyntheticCatalogue
from longarm.synthetic.supply import SupplyChain


def money(cents: int) -> Decimal | None:
    """Cents as an exact decimal; None for an unknown value (-1)."""
    return None if cents < 0 else Decimal(cents).scaleb(-2)


def quantity(cat: SyntheticCatalogue, edge: int) -> Decimal:
    return Decimal(int(cat.qty_num[edge])) / Decimal(cat.qty_den)


def item_dict(
    cat: SyntheticCatalogue, k: int, rows: tuple[int, int] | None = None
) -> dict[str, Any]:
    """One item as a case file's `items` entry; `rows` is its CSR row range (found if None)."""
    kind = cat.kinds[int(cat.kind[k])]
    start, end = rows if rows is not None else _rows(cat, k)
    item: dict[str, Any] = {
        "id": cat.ids[k],
        "description": kind.description,
        "origin": cat.origins[int(cat.origin[k])],
        "unit_value": money(int(cat.value_cents[k])),
    }
    if kind.controls:
        item["controls"] = list(kind.controls)
    if kind.materials:
        item["materials"] = [_material(m) for m in kind.materials]
    if end > start:
        item["components"] = [
            {"item": cat.ids[int(cat.child[e])], "quantity": quantity(cat, e)}
            for e in range(start, end)
        ]
    return item


def _material(text: str) -> dict[str, str]:
    element, form, *rest = text.split(":")
    out = {"element": element, "form": form}
    if rest:
        out["designation"] = rest[0]
    return out


def _rows(cat: SyntheticCatalogue, k: int) -> tuple[int, int]:
    start = int(np.searchsorted(cat.parent, k, side="left"))
    end = int(np.searchsorted(cat.parent, k, side="right"))
    return start, end


def reachable(cat: SyntheticCatalogue, roots: list[int]) -> list[int]:
    """Items named by `roots` and their bills of materials, in first-seen order."""
    seen: dict[int, None] = {}
    stack = list(reversed(roots))
    while stack:
        k = stack.pop()
        if k in seen:
            continue
        seen[k] = None
        start, end = _rows(cat, k)
        stack.extend(int(c) for c in cat.child[start:end][::-1])
    return list(seen)


def catalogue_items(
    cat: SyntheticCatalogue, indices: list[int] | None = None
) -> list[dict[str, Any]]:
    """`items` entries for some items (all if None); rows found once for all."""
    chosen = range(cat.n_items) if indices is None else indices
    starts = np.searchsorted(cat.parent, np.arange(cat.n_items), side="left")
    ends = np.searchsorted(cat.parent, np.arange(cat.n_items), side="right")
    return [item_dict(cat, k, (int(starts[k]), int(ends[k]))) for k in chosen]


def case_for_shipment(chain: SupplyChain, shipment: int) -> dict[str, Any]:
    """The case file of one shipment: its lines, items (with BOMs) and parties (with owners)."""
    cat, ships = chain.catalogue, chain.shipments
    lines = np.flatnonzero(ships.line_shipment == shipment)
    line_items = [int(ships.line_item[k]) for k in lines]
    items = [item_dict(cat, k) for k in reachable(cat, line_items)]
    roles = {
        "exporter": int(ships.exporter[shipment]),
        "consignee": int(ships.consignee[shipment]),
        "end_user": int(ships.end_user[shipment]),
    }
    named = [p for p in roles.values() if p >= 0]
    shipment_data: dict[str, Any] = {
        "id": ships.ids[shipment],
        "ship_from": ships.ship_from[shipment],
        "destination": ships.destination[shipment],
        "end_uses": list(ships.end_uses[shipment]),
        "lines": [
            {"item": cat.ids[int(ships.line_item[k])], "quantity": int(ships.line_quantity[k])}
            for k in lines
        ],
    }
    for role, party in roles.items():
        if party >= 0:
            shipment_data[role] = chain.parties.ids[party]
    return {
        "as_of": ships.as_of[shipment].isoformat(),
        "shipment": shipment_data,
        "items": items,
        "parties": chain.parties.case_parties(named),
    }

"""View models of the pages: the bill of materials and the ownership chains as trees, and the
reasons with the path each one highlights. Pure functions of the case and the determination."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

MAX_TREE_NODES = 1500
"""Nodes drawn per tree; a bigger bill of materials is cut with a note (the page stays fast)."""

OUTCOME_TONE = {
    "not_subject": "ok",
    "no_license_required": "ok",
    "license_required": "warn",
    "case_by_case": "warn",
    "presumption_of_denial": "bad",
    "prohibited": "bad",
    "needs_review": "review",
}
"""Colour family of each outcome on the pages."""


@dataclass
class ItemNode:
    """One item in the drawn bill of materials."""

    id: str
    description: str
    origin: str
    unit_value: str
    currency: str
    quantity: str
    """Units per one unit of the parent (per line for the root)."""
    total_quantity: str
    """Units in the whole line."""
    controls: list[str]
    path: str
    """Ids from the line's item down to this one, joined by '/'."""
    children: list[ItemNode] = field(default_factory=list)
    truncated: bool = False


@dataclass
class PartyNode:
    """A party and, as children, its owners with their shares."""

    id: str
    name: str
    country: str
    share: str | None
    lists: list[str]
    path: str
    """Ids from the shipment's party up to this owner, joined by '<'."""
    children: list[PartyNode] = field(default_factory=list)


@dataclass
class _Budget:
    left: int = MAX_TREE_NODES


def bom_tree(case: dict[str, Any], item_id: str, quantity: Any) -> ItemNode:
    """The bill of materials under one line, expanded (a shared part shows under each parent)."""
    items = {i["id"]: i for i in case.get("items", [])}
    return _item(items, item_id, Decimal(str(quantity)), Decimal(str(quantity)), (), _Budget())


def _item(
    items: dict[str, Any],
    item_id: str,
    quantity: Decimal,
    total: Decimal,
    above: tuple[str, ...],
    budget: _Budget,
) -> ItemNode:
    item = items.get(item_id, {"id": item_id})
    path = (*above, item_id)
    budget.left -= 1
    value = item.get("unit_value")
    node = ItemNode(
        id=item_id,
        description=str(item.get("description", "")),
        origin=str(item.get("origin", "unknown")),
        unit_value="unknown" if value is None else f"{Decimal(str(value)):,.2f}",
        currency=str(item.get("currency", "USD")),
        quantity=_number(quantity),
        total_quantity=_number(total),
        controls=[str(c) for c in item.get("controls", [])],
        path="/".join(path),
    )
    for comp in item.get("components", []):
        if budget.left <= 0:
            node.truncated = True
            break
        if comp["item"] in path:  # a cycle cannot reach here (bad input), but never loop
            continue
        qty = Decimal(str(comp["quantity"]))
        node.children.append(_item(items, comp["item"], qty, total * qty, path, budget))
    return node


def ownership_trees(case: dict[str, Any]) -> list[tuple[str, PartyNode]]:
    """For each party the shipment names (exporter, consignee, end user): it and its owners."""
    parties = {p["id"]: p for p in case.get("parties", [])}
    shipment = case.get("shipment", {})
    out = []
    for role in ("exporter", "consignee", "end_user"):
        ident = shipment.get(role)
        if ident and ident in parties:
            out.append((role.replace("_", " "), _party(parties, ident, None, (), _Budget())))
    return out


def _party(
    parties: dict[str, Any],
    ident: str,
    share: Any,
    below: tuple[str, ...],
    budget: _Budget,
) -> PartyNode:
    party = parties.get(ident, {"id": ident, "name": ident, "country": "?"})
    path = (*below, ident)
    budget.left -= 1
    node = PartyNode(
        id=ident,
        name=str(party.get("name", ident)),
        country=str(party.get("country", "")),
        share=None if share is None else f"{Decimal(str(share)) * 100:.4g} %",
        lists=[m["list"] if isinstance(m, dict) else str(m) for m in party.get("lists", [])],
        path="<".join(path),
    )
    for owner in party.get("owners", []):
        if owner["party"] in path or budget.left <= 0:
            continue
        node.children.append(_party(parties, owner["party"], owner.get("share"), path, budget))
    return node


def reason_kind(case: dict[str, Any], path: list[str]) -> str:
    """`owners` when a reason's path is an ownership chain, else `bom`."""
    parties = {p["id"] for p in case.get("parties", [])}
    items = {i["id"] for i in case.get("items", [])}
    if path and all(p in parties for p in path) and not all(p in items for p in path):
        return "owners"
    return "bom"


def path_attr(path: list[str]) -> str:
    """A reason's path as the JSON the page's script reads."""
    return json.dumps(path, ensure_ascii=False)


def tone(outcome: str) -> str:
    return OUTCOME_TONE.get(outcome, "review")


def _number(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.rstrip("0").rstrip(".") if "." in text else text

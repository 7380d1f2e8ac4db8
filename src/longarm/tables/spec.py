"""The tables of CONTRACT.md section 8: file names and exact column names."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableSpec:
    """One table: its file stem, required and optional columns, and whether it may be absent."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    must_exist: bool = True

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


ITEMS = TableSpec(
    "items",
    ("id", "origin", "unit_value"),
    (
        "description",
        "currency",
        "controls",
        "materials",
        "technologies",
        "made_with",
        "plant_made_with",
        "review_classes",
    ),
)
BOM = TableSpec("bom", ("parent", "child", "quantity"), must_exist=False)
PARTIES = TableSpec("parties", ("id", "name", "country"), ("military", "lists", "headquarters"))
OWNERS = TableSpec("owners", ("party", "owner", "share"), must_exist=False)
SHIPMENTS = TableSpec(
    "shipments",
    ("id", "as_of", "ship_from", "destination", "exporter"),
    ("consignee", "end_user", "end_uses"),
)
LINES = TableSpec("lines", ("shipment", "line", "item", "quantity"))
FX = TableSpec("fx", ("currency",), ("usd_per_unit",), must_exist=False)

TABLES: tuple[TableSpec, ...] = (ITEMS, BOM, PARTIES, OWNERS, SHIPMENTS, LINES, FX)

SUFFIXES = (".csv", ".parquet", ".xlsx")
"""File formats read, by suffix (lower case)."""

"""Test kit for ERP tables: write cases as a folder of CONTRACT.md section 8 tables.

Strategy: tests start from case files (the contract's reference shape), write them as
tables in a tmp folder (CSV, Parquet or Excel), and compare what the tables path gives with
what `determine()` gives on the case. Several cases may share one catalogue: items and
parties with the same id must then be the same.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from longarm.domain.case import Case, Item, Party

COLUMNS = {
    "items": [
        "id",
        "description",
        "origin",
        "unit_value",
        "currency",
        "controls",
        "materials",
        "technologies",
        "made_with",
        "plant_made_with",
        "review_classes",
    ],
    "bom": ["parent", "child", "quantity"],
    "parties": ["id", "name", "country", "military", "lists", "headquarters"],
    "owners": ["party", "owner", "share"],
    "shipments": [
        "id",
        "as_of",
        "ship_from",
        "destination",
        "exporter",
        "consignee",
        "end_user",
        "end_uses",
    ],
    "lines": ["shipment", "line", "item", "quantity"],
    "fx": ["currency", "usd_per_unit"],
}


def case_tables(cases: Iterable[Case]) -> dict[str, list[dict[str, str]]]:
    """Rows per table (text cells, '' for empty) for some cases sharing one catalogue."""
    items: dict[str, Item] = {}
    parties: dict[str, Party] = {}
    fx: dict[str, str] = {}
    tables: dict[str, list[dict[str, str]]] = {name: [] for name in COLUMNS}
    for case in cases:
        for item in case.items:
            if items.setdefault(item.id, item) != item:
                raise ValueError(f"item {item.id} differs between cases")
        for party in case.parties:
            if parties.setdefault(party.id, party) != party:
                raise ValueError(f"party {party.id} differs between cases")
        for code, rate in case.fx.items():
            fx[code] = str(rate)
        s = case.shipment
        tables["shipments"].append(
            {
                "id": s.id,
                "as_of": case.as_of.isoformat(),
                "ship_from": s.ship_from,
                "destination": s.destination,
                "exporter": s.exporter,
                "consignee": s.consignee or "",
                "end_user": s.end_user or "",
                "end_uses": ";".join(u.value for u in s.end_uses),
            }
        )
        for n, line in enumerate(s.lines, start=1):
            tables["lines"].append(
                {
                    "shipment": s.id,
                    "line": str(n),
                    "item": line.item,
                    "quantity": str(line.quantity),
                }
            )
    for item in items.values():
        tables["items"].append(_item_row(item))
        for comp in item.components:
            tables["bom"].append(
                {"parent": item.id, "child": comp.item, "quantity": str(comp.quantity)}
            )
    for party in parties.values():
        tables["parties"].append(
            {
                "id": party.id,
                "name": party.name,
                "country": party.country,
                "military": "true" if party.military else "false",
                "lists": ";".join(_membership(m) for m in party.lists),
                "headquarters": party.headquarters or "",
            }
        )
        for owner in party.owners:
            share = "" if owner.share is None else str(owner.share)
            tables["owners"].append({"party": party.id, "owner": owner.party, "share": share})
    tables["fx"] = [{"currency": k, "usd_per_unit": v} for k, v in sorted(fx.items())]
    return tables


def _item_row(item: Item) -> dict[str, str]:
    if item.technologies == "unknown":
        tech = "unknown"
    else:
        tech = ";".join(f"{t.activity.value}:{t.origin}" for t in item.technologies)
    materials = ";".join(
        f"{m.element}:{m.form.value}" + (f":{m.designation}" if m.designation else "")
        for m in item.materials
    )
    return {
        "id": item.id,
        "description": item.description,
        "origin": item.origin,
        "unit_value": "unknown" if item.unit_value is None else str(item.unit_value),
        "currency": item.currency,
        "controls": ";".join(item.controls),
        "materials": materials,
        "technologies": tech,
        "made_with": ";".join(item.made_with),
        "plant_made_with": ";".join(item.plant_made_with),
        "review_classes": ";".join(item.review_classes),
    }


def _membership(m: Any) -> str:
    def part(name: str, value: Any) -> str:
        if value is None:
            return "unknown" if name in m.model_fields_set else ""
        return str(getattr(value, "value", value))

    parts = [m.list.value, part("policy", m.policy), part("footnote", m.footnote)]
    while parts and not parts[-1]:
        parts.pop()
    return ":".join(parts)


def write_tables(folder: Path, tables: dict[str, list[dict[str, str]]], fmt: str = "csv") -> Path:
    """Write rows as one file per table (csv, parquet or xlsx); empty optional tables are
    left out. Returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        if not rows and name in ("bom", "owners", "fx"):
            continue
        columns = COLUMNS[name]
        path = folder / f"{name}.{fmt}"
        if fmt == "csv":
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, columns)
                writer.writeheader()
                writer.writerows(rows)
        elif fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            data = {c: [r.get(c) or None for r in rows] for c in columns}
            pq.write_table(
                pa.table(data, schema=pa.schema([(c, pa.string()) for c in columns])), path
            )
        elif fmt == "xlsx":
            from openpyxl import Workbook

            book = Workbook()
            sheet = book.active
            sheet.append(columns)
            for r in rows:
                sheet.append([r.get(c) or None for c in columns])
            book.save(path)
        else:
            raise ValueError(fmt)
    return folder


def write_cases(folder: Path, cases: Iterable[Case], fmt: str = "csv") -> Path:
    return write_tables(folder, case_tables(cases), fmt)


def renamed(case: Case, prefix: str) -> Case:
    """The case with every item, party and shipment id prefixed, so that several cases can
    share one catalogue without their ids clashing."""
    data = case.model_dump()
    data["shipment"]["id"] = prefix + data["shipment"]["id"]
    for role in ("exporter", "consignee", "end_user"):
        if data["shipment"][role] is not None:
            data["shipment"][role] = prefix + data["shipment"][role]
    for line in data["shipment"]["lines"]:
        line["item"] = prefix + line["item"]
    for item in data["items"]:
        item["id"] = prefix + item["id"]
        for comp in item["components"]:
            comp["item"] = prefix + comp["item"]
    for party in data["parties"]:
        party["id"] = prefix + party["id"]
        for owner in party["owners"]:
            owner["party"] = prefix + owner["party"]
    return Case.model_validate(data)

"""Synthetic data as the tables of CONTRACT section 8 (CSV or Parquet, one file per table).

Cells are text as an ERP extract has them: list cells `;`-joined, an empty cell for an
omitted field, `unknown` for an unknown fact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from longarm.synthetic.supply import SupplyChain


def _cents_text(cents: np.ndarray[Any, Any]) -> list[str]:
    return ["unknown" if c < 0 else f"{c // 100}.{c % 100:02d}" for c in cents.tolist()]


def _decimal_text(nums: np.ndarray[Any, Any], den: int) -> list[str]:
    if den == 1:
        return [str(n) for n in nums.tolist()]
    places = len(str(den)) - 1
    return [f"{n // den}.{n % den:0{places}d}".rstrip("0").rstrip(".") for n in nums.tolist()]


def table_columns(chain: SupplyChain) -> dict[str, dict[str, list[str]]]:
    """Every table as columns of text cells."""
    cat, parties, ships = chain.catalogue, chain.parties, chain.shipments
    kinds = [cat.kinds[k] for k in cat.kind.tolist()]
    items = {
        "id": cat.ids,
        "description": [k.description for k in kinds],
        "origin": [cat.origins[o] for o in cat.origin.tolist()],
        "unit_value": _cents_text(cat.value_cents),
        "currency": ["USD"] * cat.n_items,
        "controls": [";".join(k.controls) for k in kinds],
        "materials": [";".join(k.materials) for k in kinds],
    }
    bom = {
        "parent": [cat.ids[p] for p in cat.parent.tolist()],
        "child": [cat.ids[c] for c in cat.child.tolist()],
        "quantity": _decimal_text(cat.qty_num, cat.qty_den),
    }
    party_table = {
        "id": parties.ids,
        "name": parties.names,
        "country": parties.country,
        "military": ["true" if m else "false" for m in parties.military],
        "lists": [";".join(x) for x in parties.lists],
    }
    owners = {
        "party": [parties.ids[p] for p in parties.owner_party.tolist()],
        "owner": [parties.ids[o] for o in parties.owner_owner.tolist()],
        "share": ["" if s is None else str(s) for s in parties.owner_share],
    }
    pid = parties.ids
    shipments = {
        "id": ships.ids,
        "as_of": [d.isoformat() for d in ships.as_of],
        "ship_from": ships.ship_from,
        "destination": ships.destination,
        "exporter": [pid[p] for p in ships.exporter.tolist()],
        "consignee": ["" if p < 0 else pid[p] for p in ships.consignee.tolist()],
        "end_user": [pid[p] for p in ships.end_user.tolist()],
        "end_uses": [";".join(u) for u in ships.end_uses],
    }
    lines = {
        "shipment": [ships.ids[s] for s in ships.line_shipment.tolist()],
        "line": [str(n) for n in ships.line_number.tolist()],
        "item": [cat.ids[i] for i in ships.line_item.tolist()],
        "quantity": [str(q) for q in ships.line_quantity.tolist()],
    }
    return {
        "items": items,
        "bom": bom,
        "parties": party_table,
        "owners": owners,
        "shipments": shipments,
        "lines": lines,
    }


def write_tables(chain: SupplyChain, out_dir: Path, fmt: str = "csv") -> list[Path]:
    """Write `items`, `bom`, `parties`, `owners`, `shipments`, `lines` as `fmt` (csv|parquet)."""
    import pyarrow as pa

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, columns in table_columns(chain).items():
        table = pa.table({k: pa.array(v, type=pa.string()) for k, v in columns.items()})
        path = out_dir / f"{name}.{fmt}"
        if fmt == "csv":
            import pyarrow.csv as pacsv

            pacsv.write_csv(table, path)
        elif fmt == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(table, path)
        else:
            raise ValueError(f"unknown table format {fmt!r}; expected csv or parquet")
        written.append(path)
    return written

"""BIS Denied Persons List, tab-separated with quoted fields (`dpl.txt`)."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

from longarm.errors import InputError
from longarm.screening.lists.codes import stable_id
from longarm.screening.lists.csv_rows import read_rows
from longarm.screening.model import ListEntry, ListSnapshot

SOURCE = "bis_dpl"
LIST_CODE = "US:DPL"
_REQUIRED = ("Name", "Country", "Effective_Date", "Expiration_Date")


def _us_date(value: str) -> date | None:
    try:
        return datetime.strptime(value.strip(), "%m/%d/%Y").date()
    except ValueError:
        return None


def load_dpl(path: Path, snapshot_date: date) -> ListSnapshot:
    """Read the DPL file; one entry per row (the same person may have several addresses)."""
    rows = read_rows(path, _REQUIRED, delimiter="\t", encoding="utf-8")
    entries = []
    for n, row in enumerate(rows, start=2):
        name = (row.get("Name") or "").strip()
        if not name:
            raise InputError(str(path), f"row {n}: Name", "empty name")
        country = (row.get("Country") or "").strip().upper()
        address = " ".join((row.get(k) or "").strip() for k in ("Street_Address", "City"))
        entries.append(
            ListEntry(
                list_code=LIST_CODE,
                entry_id=stable_id(LIST_CODE, name, address, row.get("Effective_Date") or ""),
                name=name,
                countries=(country,) if len(country) == 2 else (),
                entity_type=None,
                source="BIS Denied Persons List",
                start_date=_us_date(row.get("Effective_Date") or ""),
                end_date=_us_date(row.get("Expiration_Date") or ""),
                identifiers=(),
            )
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return ListSnapshot(SOURCE, snapshot_date, tuple(entries), sha256=digest)

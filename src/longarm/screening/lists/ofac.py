"""OFAC SDN legacy CSV set: `sdn.csv`, `alt.csv` (aliases), `add.csv` (addresses).

The files have no header; `-0-` means empty. Columns (OFAC "SDN.CSV" layout):
sdn: ent_num, name, type, programs, title, call_sign, vessel_type, tonnage, grt, flag,
owner, remarks. alt: ent_num, alt_num, alt_type, alt_name, remarks. add: ent_num, add_num,
address, city, country, remarks.
"""

from __future__ import annotations

import csv
import hashlib
from collections import defaultdict
from datetime import date
from functools import lru_cache
from pathlib import Path

import pycountry

from longarm.errors import InputError
from longarm.screening.model import ListEntry, ListSnapshot

SOURCE = "ofac_sdn"
LIST_CODE = "US:SDN"
_EMPTY = "-0-"


def _clean(value: str) -> str:
    value = value.strip()
    return "" if value == _EMPTY else value


def _rows(path: Path, width: int) -> list[list[str]]:
    try:
        with path.open(encoding="latin-1", newline="") as fh:
            # The files end with a DOS end-of-file mark (\x1a) on a line of its own.
            rows = [r for r in csv.reader(fh) if r and any(c.strip(" \x1a") for c in r)]
    except OSError as exc:
        raise InputError(str(path), "", f"cannot read: {exc}") from exc
    for n, row in enumerate(rows, start=1):
        if len(row) < width:
            raise InputError(str(path), f"row {n}", f"expected {width} columns, got {len(row)}")
    return rows


@lru_cache(maxsize=1024)
def country_code(name: str) -> str | None:
    """ISO alpha-2 code of an OFAC country name (None when pycountry does not know it)."""
    if not name:
        return None
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        try:
            return str(pycountry.countries.search_fuzzy(name)[0].alpha_2)
        except LookupError:
            return None


def load_sdn(folder: Path, snapshot_date: date) -> ListSnapshot:
    """Read `sdn.csv`, `alt.csv` and `add.csv` from one folder into a snapshot."""
    sdn = _rows(folder / "sdn.csv", 12)
    aliases: dict[str, list[str]] = defaultdict(list)
    if (folder / "alt.csv").exists():
        for row in _rows(folder / "alt.csv", 4):
            aliases[row[0].strip()].append(_clean(row[3]))
    countries: dict[str, list[str]] = defaultdict(list)
    if (folder / "add.csv").exists():
        for row in _rows(folder / "add.csv", 5):
            code = country_code(_clean(row[4]))
            if code:
                countries[row[0].strip()].append(code)
    entries = []
    for n, row in enumerate(sdn, start=1):
        ent, name = row[0].strip(), _clean(row[1])
        if not name:
            raise InputError(str(folder / "sdn.csv"), f"row {n}: name", "empty name")
        kind = _clean(row[2]).casefold() or "entity"
        entries.append(
            ListEntry(
                list_code=LIST_CODE,
                entry_id=ent,
                name=name,
                aliases=tuple(a for a in aliases.get(ent, ()) if a),
                countries=tuple(dict.fromkeys(countries.get(ent, ()))),
                entity_type=kind,
                source="OFAC SDN",
                programs=tuple(p.strip() for p in _clean(row[3]).strip("[]").split("] [") if p),
                identifiers=(_clean(row[11]),) if _clean(row[11]) else (),
            )
        )
    digest = hashlib.sha256((folder / "sdn.csv").read_bytes()).hexdigest()
    return ListSnapshot(SOURCE, snapshot_date, tuple(entries), sha256=digest)

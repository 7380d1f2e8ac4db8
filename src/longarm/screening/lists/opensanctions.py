"""OpenSanctions-style CSV of Chinese designations (`datasets/cn/sanctions/sanctions.csv`).

Columns: Type, QID, Name, Alias, Chinese name, Country, Topics, Summary, Chinese summary, Body,
List, Date (dd.mm.yyyy), End date, Source URL, Address. The data is CC BY-NC: longarm reads
such files when a user supplies them and never ships one.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

import pycountry

from longarm.errors import InputError
from longarm.screening.lists.codes import load_list_codes, stable_id
from longarm.screening.lists.csv_rows import read_rows
from longarm.screening.model import ListEntry, ListSnapshot

SOURCE = "cn_sanctions"
_REQUIRED = ("Type", "Name", "Alias", "Chinese name", "Country", "List", "Date")


def _date(value: str) -> date | None:
    value = value.strip()
    for fmt in ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _country(value: str) -> tuple[str, ...]:
    value = value.strip()
    if not value:
        return ()
    if len(value) == 2:
        return (value.upper(),)
    try:
        return (str(pycountry.countries.lookup(value).alpha_2),)
    except LookupError:
        return ()


def load_cn_sanctions(
    path: Path, snapshot_date: date, *, with_chinese_names: bool = True
) -> ListSnapshot:
    """Read the CSV. `with_chinese_names=False` drops the Chinese names (cross-script tests)."""
    codes = load_list_codes()
    rows = read_rows(path, _REQUIRED)
    entries = []
    for n, row in enumerate(rows, start=2):
        name = (row.get("Name") or "").strip()
        chinese = (row.get("Chinese name") or "").strip()
        if not name and not chinese:
            raise InputError(str(path), f"row {n}: Name", "no name")
        aliases = [a.strip() for a in (row.get("Alias") or "").split(";") if a.strip()]
        if with_chinese_names and chinese:
            aliases.append(chinese)
        list_name = (row.get("List") or "").strip()
        code = codes.cn_lists.get(list_name, codes.cn_default)
        listed = _date(row.get("Date") or "")
        entries.append(
            ListEntry(
                list_code=code,
                entry_id=stable_id(code, name or chinese, row.get("Date") or ""),
                name=name or chinese,
                aliases=tuple(aliases),
                countries=_country(row.get("Country") or ""),
                entity_type=(row.get("Type") or "").strip().casefold() or None,
                source=(row.get("Body") or "").strip(),
                start_date=listed,
                end_date=_date(row.get("End date") or ""),
                source_url=(row.get("Source URL") or "").strip() or None,
            )
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return ListSnapshot(SOURCE, snapshot_date, tuple(entries), sha256=digest)

"""China's export-control lists shipped as cited data (`screening/data/cn_lists.yaml`).

Control List (`CN:control_list`), Watch List (`CN:watch_list`) and Unreliable Entity List
(`CN:UEL`) entries, each with its announcement, listing date and any delisting or suspension
dates. `active_on` says whether an entry (of any list) counts on a date, which is how
`longarm screen --as-of` and `check --screen` apply them by date.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

from longarm.errors import InputError
from longarm.screening.model import ListEntry, ListSnapshot

FILE = "cn_lists.yaml"
LIST_CODES = ("CN:control_list", "CN:watch_list", "CN:UEL")


def _date(value: Any, where: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise InputError(FILE, where, f"{value!r} is not a date") from exc


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


@cache
def load_cn_lists() -> ListSnapshot:
    """Every entry of the shipped Chinese lists; a malformed row is an `InputError`."""
    path = resources.files("longarm.screening").joinpath("data", FILE)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    notices = {}
    for n, a in enumerate(data.get("announcements", [])):
        where = f"announcements[{n}]"
        if a.get("list") not in LIST_CODES:
            raise InputError(FILE, f"{where}.list", f"unknown list {a.get('list')!r}")
        if not a.get("source"):
            raise InputError(FILE, f"{where}.source", "an announcement needs its source")
        notices[a["id"]] = a
    entries = []
    for n, row in enumerate(data.get("entries", [])):
        where = f"entries[{n}]"
        notice = notices.get(row.get("announcement"))
        if notice is None:
            raise InputError(FILE, f"{where}.announcement", "not an announcement of this file")
        if not row.get("en"):
            raise InputError(FILE, f"{where}.en", "an entry needs its English name")
        listed = _date(row.get("listed", notice["date"]), f"{where}.listed")
        entries.append(
            ListEntry(
                list_code=notice["list"],
                entry_id=f"{notice['id']}:{_slug(row['en'])}",
                name=str(row["en"]),
                aliases=tuple(str(z) for z in [row.get("zh")] if z),
                countries=(str(row["country"]),) if row.get("country") else (),
                entity_type="entity",
                source=str(notice.get("title", notice["id"])),
                programs=(str(notice["id"]),),
                start_date=listed,
                end_date=_date(row.get("delisted"), f"{where}.delisted"),
                source_url=str(notice["source"]),
            )
        )
    return ListSnapshot("mofcom_lists", date.fromisoformat(str(data["version"])), tuple(entries))


def active_on(entry: ListEntry, when: date | None) -> bool:
    """Whether an entry counts on a date: listed by then and not yet delisted (entries
    without dates, as the CSL's, always count). No date: today."""
    day = when or date.today()
    if entry.start_date is not None and entry.start_date > day:
        return False
    return entry.end_date is None or day < entry.end_date

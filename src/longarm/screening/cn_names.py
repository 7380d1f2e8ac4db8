"""Chinese names of the Chinese parties on the US lists (`data/cn_names_us_lists.yaml`).

The CSL publishes Latin-script names only; a user in China types 中芯国际 or 华为. Each row
of the cited table attaches a party's registered Chinese name and abbreviations as aliases
of the entries its pattern names, so that they are indexed, matched and explained like any
other alias (the hit's `matched_name` is the Chinese name).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

import yaml

from longarm.errors import InputError
from longarm.screening.model import ListEntry

TABLE = "cn_names_us_lists.yaml"


@dataclass(frozen=True, slots=True)
class ChineseNames:
    """One row: Chinese names, the pattern of entry names they belong to, the source."""

    names: tuple[str, ...]
    entries: re.Pattern[str]
    basis: str
    lists: tuple[str, ...] = ()


@cache
def load_table() -> tuple[ChineseNames, ...]:
    """The table's rows; a malformed row is an `InputError` naming it."""
    path = resources.files("longarm.screening").joinpath("data", TABLE)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rows = []
    for n, row in enumerate(data.get("rows", [])):
        where = f"rows[{n}]"
        if not isinstance(row, dict) or not row.get("zh") or not row.get("entries"):
            raise InputError(TABLE, where, "needs zh (list) and entries (pattern)")
        if not row.get("basis"):
            raise InputError(TABLE, where, "needs basis (the source of the Chinese name)")
        try:
            pattern = re.compile(str(row["entries"]))
        except re.error as exc:
            raise InputError(TABLE, f"{where}.entries", str(exc)) from exc
        rows.append(ChineseNames(tuple(str(z) for z in row["zh"]), pattern, str(row["basis"]),
                                 tuple(row.get("lists", ()))))  # fmt: skip
    return tuple(rows)


def with_chinese_names(entries: Sequence[ListEntry]) -> list[ListEntry]:
    """The entries, those the table names with its Chinese names added as aliases."""
    table = load_table()
    out = []
    for entry in entries:
        key = entry.name.casefold()
        extra = [
            z
            for row in table
            if (not row.lists or entry.list_code in row.lists) and row.entries.search(key)
            for z in row.names
            if z not in entry.aliases
        ]
        out.append(
            replace(entry, aliases=(*entry.aliases, *dict.fromkeys(extra))) if extra else entry
        )
    return out

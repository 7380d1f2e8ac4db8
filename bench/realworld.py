"""The real-name evaluation sets of `bench/data/` (see `bench/data/README.md`)."""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from longarm.screening.model import ListEntry

DATA = Path(__file__).resolve().parent / "data"
SPLITS = ("main", "heldout")
"""`main`: the sets the precision and recall rules were developed against (their failures
were read); `heldout`: written after that work and not looked at before being measured."""


@dataclass(frozen=True, slots=True)
class Listed:
    """A listed party queried the way a user types it."""

    id: str
    query: str
    country: str
    kind: str
    script: str
    target: str
    expected: tuple[str, ...]
    """`list:entry_id` of every entry of that party (any one in the top 3 is a find)."""


@dataclass(frozen=True, slots=True)
class Unlisted:
    """A real company on no list."""

    id: str
    name: str
    country: str
    script: str
    group: str


def _file(kind: str, split: str) -> Path:
    """`realworld_listed.csv` or, for the held-out split, `realworld_heldout_listed.csv`."""
    return DATA / (f"realworld_{kind}.csv" if split == "main" else f"realworld_{split}_{kind}.csv")


def load_listed(split: str = "main") -> list[Listed]:
    with _file("listed", split).open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [
        Listed(
            r["id"],
            r["query"],
            r["country"],
            r["kind"],
            r["script"],
            r["target"],
            tuple(x for x in r["expected"].split(";") if x),
        )
        for r in rows
    ]


def load_unlisted(split: str = "main") -> list[Unlisted]:
    with _file("unlisted", split).open(encoding="utf-8") as fh:
        return [
            Unlisted(r["id"], r["name"], r["country"], r["script"], r["group"])
            for r in csv.DictReader(fh)
        ]


def resolve_target(target: str, entries: Sequence[ListEntry]) -> list[str]:
    """`list:entry_id` of the entries whose name or an alias matches the target pattern."""
    rx = re.compile(target)
    return [
        f"{e.list_code}:{e.entry_id}"
        for e in entries
        if any(rx.search(n.casefold()) for n in (e.name, *e.aliases))
    ]


def screening_entries() -> list[ListEntry]:
    """Every entry the default screener holds (the bundled lists)."""
    from longarm.screening.api import load_default_screener

    return list(load_default_screener().matcher.index.entries)

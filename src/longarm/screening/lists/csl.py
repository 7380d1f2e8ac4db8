"""US Consolidated Screening List importers: the compact snapshot, trade.gov bulk JSON and CSV.

The trade.gov bulk download (`consolidated.json` / `.csv`) is public domain. The compact
snapshot bundled with longarm is the same data with lookup tables and without street
addresses, IDs and start dates.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from longarm.errors import InputError
from longarm.screening.lists.codes import csl_list_code, footnotes, normalise_policy, stable_id
from longarm.screening.lists.csv_rows import read_rows
from longarm.screening.model import ListEntry, ListSnapshot

SOURCE = "csl"


def _split(value: str | None, sep: str = ";") -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(v.strip() for v in value.split(sep) if v.strip())


def _entry_type(value: str | None) -> str | None:
    return value.strip().casefold() if value else None


def _make_entry(
    source: str,
    name: str,
    *,
    entity_number: str | None,
    raw_id: str | None,
    aliases: Iterable[str],
    countries: Iterable[str],
    entity_type: str | None,
    programs: Iterable[str],
    requirement: str | None,
    policy_text: str | None,
    identifiers: Iterable[str] = (),
    start: str | None = None,
    end: str | None = None,
    url: str | None = None,
) -> ListEntry:
    code = csl_list_code(source)
    # Entity numbers are stable across publications; EL rows have none, so their id is a
    # hash of list and name (stable as long as BIS does not rename the entry).
    entry_id = entity_number or raw_id or stable_id(code, name)
    return ListEntry(
        list_code=code,
        entry_id=str(entry_id),
        name=name.strip(),
        aliases=tuple(dict.fromkeys(a.strip() for a in aliases if a and a.strip())),
        countries=tuple(dict.fromkeys(c.strip().upper() for c in countries if c and c.strip())),
        entity_type=_entry_type(entity_type),
        source=source,
        programs=tuple(programs),
        license_requirement=requirement or None,
        license_policy=policy_text or None,
        policy=normalise_policy(policy_text) if code == "US:EL" else None,
        footnotes=footnotes(requirement) if code == "US:EL" else (),
        identifiers=tuple(identifiers),
        start_date=_date(start),
        end_date=_date(end),
        source_url=url or None,
    )


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(str(path), "", f"cannot read JSON: {exc}") from exc


def load_compact(path: Path, snapshot_date: date | None = None) -> ListSnapshot:
    """Read the compact CSL snapshot (field key + lookup tables + entries)."""
    data = _read_json(path)
    try:
        tables: Mapping[str, list[str]] = data["tables"]
        rows: list[dict[str, Any]] = data["entries"]
        generated = str(data.get("sourceGeneratedAt", ""))
    except (KeyError, TypeError) as exc:
        raise InputError(str(path), "tables", "not a compact CSL snapshot") from exc

    def lookup(table: str, row: dict[str, Any], key: str) -> str | None:
        idx = row.get(key)
        return None if idx is None else tables[table][int(idx)]

    entries = []
    for n, row in enumerate(rows):
        if not row.get("n"):
            raise InputError(str(path), f"entries[{n}].n", "entry without a name")
        source = tables["sources"][int(row["s"])]
        program = lookup("programmes", row, "pg")
        entries.append(
            _make_entry(
                source,
                str(row["n"]),
                entity_number=row.get("e"),
                raw_id=None,
                aliases=row.get("a") or (),
                countries=row.get("c") or (),
                entity_type=row.get("t"),
                programs=_split(program),
                requirement=lookup("licenceRequirements", row, "lr"),
                policy_text=lookup("licencePolicies", row, "lp"),
                url=lookup("urls", row, "u"),
            )
        )
    when = snapshot_date or _date(generated)
    if when is None:
        raise InputError(str(path), "sourceGeneratedAt", "no snapshot date; pass one")
    return ListSnapshot(SOURCE, when, tuple(entries), sha256=_sha256(path))


def _countries_from_addresses(addresses: Iterable[Any]) -> list[str]:
    out = []
    for addr in addresses:
        if isinstance(addr, dict) and addr.get("country"):
            out.append(str(addr["country"]))
    return out


def load_bulk_json(path: Path, snapshot_date: date) -> ListSnapshot:
    """Read trade.gov `consolidated.json` (an object with `results`, or a bare list)."""
    data = _read_json(path)
    rows = data.get("results", data) if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise InputError(str(path), "results", "expected a list of entries")
    entries = []
    for n, row in enumerate(rows):
        if not isinstance(row, dict) or not row.get("name"):
            raise InputError(str(path), f"results[{n}].name", "entry without a name")
        ids = [
            f"{i.get('type', '')} {i.get('number', '')}".strip()
            for i in row.get("ids") or ()
            if isinstance(i, dict)
        ]
        countries = _countries_from_addresses(row.get("addresses") or ())
        countries += list(row.get("nationalities") or ()) + list(row.get("citizenships") or ())
        entries.append(
            _make_entry(
                str(row.get("source", "")),
                str(row["name"]),
                entity_number=row.get("entity_number") or None,
                raw_id=row.get("id") or row.get("_id"),
                aliases=row.get("alt_names") or (),
                countries=countries,
                entity_type=row.get("type"),
                programs=row.get("programs") or (),
                requirement=row.get("license_requirement"),
                policy_text=row.get("license_policy"),
                identifiers=ids,
                start=row.get("start_date"),
                end=row.get("end_date"),
                url=row.get("source_list_url"),
            )
        )
    return ListSnapshot(SOURCE, snapshot_date, tuple(entries), sha256=_sha256(path))


_CSV_REQUIRED = ("source", "name", "alt_names", "addresses")


def load_csv(path: Path, snapshot_date: date) -> ListSnapshot:
    """Read trade.gov `consolidated.csv` (2025 layout: `_id`, `source`, `name`, ...)."""
    rows = read_rows(path, _CSV_REQUIRED)
    entries = []
    for n, row in enumerate(rows, start=2):
        name = (row.get("name") or "").strip()
        if not name:
            raise InputError(str(path), f"row {n}: name", "empty name")
        # Addresses are "street, city, country-name, CC; ..." with the ISO code last.
        countries = [a.rsplit(",", 1)[-1].strip() for a in _split(row.get("addresses"))]
        countries = [c for c in countries if len(c) == 2 and c.isalpha()]
        countries += list(_split(row.get("nationalities"), ","))
        countries += list(_split(row.get("citizenships"), ","))
        entries.append(
            _make_entry(
                str(row.get("source", "")),
                name,
                entity_number=row.get("entity_number") or None,
                raw_id=row.get("_id") or row.get("id"),
                aliases=_split(row.get("alt_names")),
                countries=countries,
                entity_type=row.get("type"),
                programs=_split(row.get("programs")),
                requirement=row.get("license_requirement"),
                policy_text=row.get("license_policy"),
                identifiers=_split(row.get("ids")),
                start=row.get("start_date"),
                end=row.get("end_date"),
                url=row.get("source_list_url"),
            )
        )
    return ListSnapshot(SOURCE, snapshot_date, tuple(entries), sha256=_sha256(path))

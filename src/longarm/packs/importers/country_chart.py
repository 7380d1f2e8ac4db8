"""Import the Commerce Country Chart (15 CFR Part 738, Supplement No. 1).

Output, keyed by ISO alpha-2 code: each destination's Country Chart columns marked X
("NS 1" spelled "NS1"), its footnote numbers, the embargoed destinations whose rows carry
no marks but a pointer to Part 746, the territories the EAR governs by another row
(Hong Kong by China), and the 738.3(a)(1) entries that need a licence to all destinations.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from longarm.packs.importers._keys import snake_keys
from longarm.packs.importers.countries import CountryResolver
from longarm.packs.importers.snapshot import Snapshot

# A column heading as printed in the chart: reason code, optional space, column number.
_COLUMN = re.compile(r"^(?P<reason>[A-Z]{2}) ?(?P<number>[1-9])$")


def column_code(snapshot: Snapshot, heading: object, field: str) -> str:
    """Spell a column heading the way rules name it: "NS 1" -> "NS1"."""
    text = snapshot.expect(heading, str, field)
    match = _COLUMN.match(text.strip())
    if match is None:
        raise snapshot.error(field, f"not a Country Chart column: {text!r}")
    return match["reason"] + match["number"]


def _footnote_numbers(
    snapshot: Snapshot, row: dict[str, Any], path: str, known: dict[str, str]
) -> list[int]:
    numbers = snapshot.field(row, "footnotes", list, path)
    for index, number in enumerate(numbers):
        snapshot.expect(number, int, f"{path}.footnotes[{index}]")
        if str(number) not in known:
            raise snapshot.error(f"{path}.footnotes[{index}]", f"no footnote {number}")
    return sorted(set(numbers))


def import_country_chart(path: Path) -> dict[str, Any]:
    """Read a Part 738 extract and return the `country_chart.json` table.

    Args:
        path: the eCFR extract (`ear_part738_country_chart_<date>.json`).

    Returns:
        The table as a JSON-ready dict; see the module docstring for its content.

    Raises:
        InputError: a field is missing or malformed, a country name cannot be mapped to a
            code, a mark names an unknown column or a footnote that does not exist.
    """
    snap = Snapshot(path)
    doc = snap.document
    table = snap.provenance("Part 738")

    columns = [
        column_code(snap, heading, f"columns[{index}]")
        for index, heading in enumerate(snap.field(doc, "columns", list, ""))
    ]
    labels = {
        column_code(snap, heading, f"columnLabels.{heading}"): snap.expect(
            label, str, f"columnLabels.{heading}"
        )
        for heading, label in snap.field(doc, "columnLabels", dict, "").items()
    }
    if sorted(labels) != sorted(columns):
        raise snap.error("columnLabels", "labels do not match the columns")

    footnotes: dict[str, str] = {}
    for number, text in snap.field(doc, "footnotes", dict, "").items():
        if not number.isdigit():
            raise snap.error(f"footnotes.{number}", "footnote number is not an integer")
        footnotes[number] = snap.expect(text, str, f"footnotes.{number}")
    aliases = {
        alias: snap.expect(target, str, f"aliases.{alias}")
        for alias, target in snap.field(doc, "aliases", dict, "").items()
    }
    resolver = CountryResolver(snap.name, aliases)

    rows: dict[str, dict[str, Any]] = {}
    countries = snap.field(doc, "countries", dict, "")
    if snap.field(doc, "countryCount", int, "") != len(countries):
        raise snap.error("countryCount", f"says {doc['countryCount']}, found {len(countries)}")
    for name, raw_row in countries.items():
        where = f"countries.{name}"
        row = snap.expect(raw_row, dict, where)
        code = resolver.code(name, where)
        if code in rows:
            raise snap.error(where, f"{code} already given by {rows[code]['name']!r}")
        marks = snap.field(row, "marks", list, where)
        marked = {column_code(snap, mark, f"{where}.marks[{i}]") for i, mark in enumerate(marks)}
        if unknown := marked - set(columns):
            raise snap.error(f"{where}.marks", f"unknown columns {sorted(unknown)}")
        rows[code] = {
            "name": name,
            "columns": sorted(marked),
            "footnotes": _footnote_numbers(snap, row, where, footnotes),
        }

    embargoed: dict[str, dict[str, Any]] = {}
    for name, raw_row in snap.field(doc, "embargoed", dict, "").items():
        where = f"embargoed.{name}"
        row = snap.expect(raw_row, dict, where)
        code = resolver.code(name, where)
        if code in rows or code in embargoed:
            raise snap.error(where, f"{code} has both a graded row and an embargoed row")
        embargoed[code] = {
            "name": name,
            "pointer": snap.field(row, "pointer", str, where),
            "footnotes": _footnote_numbers(snap, row, where, footnotes),
        }

    inheritance: dict[str, dict[str, str]] = {}
    for territory, raw_rule in snap.field(doc, "territoryInheritance", dict, "").items():
        where = f"territoryInheritance.{territory}"
        rule = snap.expect(raw_rule, dict, where)
        row_code = resolver.code(snap.field(rule, "row", str, where), f"{where}.row")
        if row_code not in rows and row_code not in embargoed:
            raise snap.error(f"{where}.row", f"{row_code} has no row in the chart")
        inheritance[resolver.code(territory, where)] = {
            "name": territory,
            "row": row_code,
            "basis": snap.field(rule, "basis", str, where),
        }

    named = {entry["name"]: code for code, entry in (rows | embargoed).items()}
    alias_codes: dict[str, str] = {}
    for alias, target in aliases.items():
        if target not in named:
            raise snap.error(f"aliases.{alias}", f"{target!r} is not a row of the chart")
        alias_codes[alias] = named[target]

    table |= {
        "columns": columns,
        "column_labels": labels,
        "countries": rows,
        "embargoed": embargoed,
        "footnotes": footnotes,
        "aliases": alias_codes,
        "territory_inheritance": inheritance,
        "territory_inheritance_note": snap.field(doc, "territoryInheritanceNote", str, ""),
        "all_destinations_entries": snake_keys(snap.field(doc, "allDestinationsEntries", dict, "")),
        "procedure": snake_keys(snap.field(doc, "procedure", dict, "")),
        "notes": snake_keys(snap.field(doc, "notes", dict, "")),
        "oddities": snap.field(doc, "oddities", list, ""),
    }
    return table

"""Import the Commerce Control List (15 CFR Part 774, Supplement No. 1).

Output, keyed by ECCN: heading, category, the reasons for control as written and as codes,
each row of the entry's License Requirements table with the Country Chart columns it names,
the union of those columns (`reasons_for_control`, e.g. ["AT1", "NS1", "NS2"]), and the
licence exception paragraphs as written.

What the source does not give, and the table therefore does not claim, is listed in
`CAVEATS` and copied into the output.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from longarm.packs.importers.ccl_destinations import read_destinations
from longarm.packs.importers.ccl_scope import read_scope
from longarm.packs.importers.snapshot import Snapshot

# An ECCN: category digit, product group letter, three digits (15 CFR 738.2(d)).
_ECCN = re.compile(r"^[0-9][A-E][0-9]{3}$")
# Reason codes in the "Reason for Control" line: "NS, MT NP, AT", "CC 1", "CC1".
_REASON_CODE = re.compile(r"\b([A-Z]{2})(?=\s*[0-9]?\b)")
# "NS applies to ..." starts each requirement row; one row may carry two ("NP applies to
# entire entry AT applies to entire entry").
_APPLIES = re.compile(r"\b([A-Z]{2}) applies\b")
# "NS Column 1", as the Country Chart column the row points to.
_COLUMN_REF = re.compile(r"\b([A-Z]{2})\s+Column\s+([1-9])\b")
# One row (1C351) writes only "Column 1."; the reason is then the row's single reason.
_BARE_COLUMN_REF = re.compile(r"^Column\s+([1-9])\b")
# A row covers the whole entry only if it says so and names no exception or paragraph.
_WHOLE_ENTRY = re.compile(r"^(?:[A-Z]{2} applies to (?:the )?entire entry\s*\.?\s*)+$")

CAVEATS = (
    "Each licence requirement's `scope` is read from its `control` text (ccl_scope.py): "
    "`paragraphs` it covers outright, `conditional` ones it covers only under a condition "
    "the text states, and exceptions. `read` false means the text names no paragraph of its "
    "own entry (it speaks of 'software for items controlled by ...' or describes the items "
    "in words): the whole entry is then conditional and a person must read the row.",
    "`reasons_for_control` lists only Country Chart columns. Requirements the source states "
    "without a column (UN, EI, CW, SS, SL, worldwide or named-destination RS controls, "
    "Russia/Belarus sanctions, 'China, Russia, or Venezuela') are kept as text in "
    "`licence_requirements` with no column.",
    "An entry with no licence requirement rows in the source has an empty "
    "`reasons_for_control`; that is absence of data, not a finding that no licence is "
    "needed (the source leaves, e.g., 600-series, x018 and 0x521 entries without rows).",
    "Item paragraph text is in the source only for its deep categories and is not imported.",
)


def _reason_codes(text: str | None) -> list[str]:
    return sorted(set(_REASON_CODE.findall(text or "")))


def _requirement(snap: Snapshot, eccn: str, raw_row: object, where: str) -> dict[str, Any]:
    """One row of the entry's License Requirements table, with the columns it names."""
    row = snap.expect(raw_row, dict, where)
    control = snap.field(row, "control", str, where)
    chart_text = snap.field(row, "countryChart", str, where)
    reasons = sorted(set(_APPLIES.findall(control)))
    if not reasons and (leading := re.match(r"^([A-Z]{2})\b", control)):
        reasons = [leading[1]]
    columns = {reason + number for reason, number in _COLUMN_REF.findall(chart_text)}
    bare = _BARE_COLUMN_REF.match(chart_text)
    if bare and not columns:
        if len(reasons) != 1:
            raise snap.error(f"{where}.countryChart", "'Column N' without a single reason")
        columns = {reasons[0] + bare[1]}
    requirement: dict[str, Any] = {
        "control": control,
        "country_chart": chart_text,
        "reasons": reasons,
        "columns": sorted(columns),
        "entire_entry": bool(_WHOLE_ENTRY.match(_COLUMN_REF.sub("", control).strip())),
        "scope": read_scope(eccn, control),
    }
    if not columns:
        # A requirement stated in words: where it applies, when the text says so plainly.
        requirement |= read_destinations(chart_text)
    # Flags the extract sets on rows it had to repair; kept so a reader knows to check.
    if flags := sorted(key for key, value in row.items() if value is True):
        requirement["source_flags"] = flags
    return requirement


def _entry(snap: Snapshot, raw_entry: object, where: str) -> tuple[str, dict[str, Any]]:
    entry = snap.expect(raw_entry, dict, where)
    eccn = snap.field(entry, "eccn", str, where)
    if not _ECCN.match(eccn):
        raise snap.error(f"{where}.eccn", f"not an ECCN: {eccn!r}")
    category = snap.field(entry, "category", str, where)
    product_group = snap.field(entry, "productGroup", str, where)
    if (category, product_group) != (eccn[0], eccn[1]):
        raise snap.error(where, f"category/productGroup do not match ECCN {eccn}")
    reason_text = snap.optional_str(entry, "reasonForControl", where)
    requirements = [
        _requirement(snap, eccn, row, f"{where}.countryChart[{index}]")
        for index, row in enumerate(snap.field(entry, "countryChart", list, where))
    ]
    exceptions = {
        code: snap.expect(text, str, f"{where}.licenceExceptionFlags.{code}")
        for code, text in snap.field(entry, "licenceExceptionFlags", dict, where).items()
    }
    return eccn, {
        "category": category,
        "product_group": product_group,
        "heading": snap.field(entry, "heading", str, where),
        "reason_for_control_text": reason_text,
        "reason_codes": _reason_codes(reason_text),
        "reasons_for_control": sorted({c for r in requirements for c in r["columns"]}),
        "licence_requirements": requirements,
        "licence_exceptions": exceptions,
        "sta_special_conditions": snap.optional_str(entry, "staSpecialConditions", where),
        "related_controls": snap.optional_str(entry, "relatedControls", where),
        "paragraph_text_in_source": "items" in entry,
    }


def import_ccl(path: Path) -> dict[str, Any]:
    """Read a Part 774 extract and return the `ccl.json` table.

    Args:
        path: the eCFR extract (`ear_part774_ccl_<date>.json`).

    Returns:
        The table as a JSON-ready dict; see the module docstring for its content.

    Raises:
        InputError: a field is missing or malformed, an ECCN is malformed or repeated, or
            `entryCount` disagrees with the entries.
    """
    snap = Snapshot(path)
    doc = snap.document
    table = snap.provenance("Part 774")
    raw_entries = snap.field(doc, "entries", list, "")
    if snap.field(doc, "entryCount", int, "") != len(raw_entries):
        raise snap.error("entryCount", f"says {doc['entryCount']}, found {len(raw_entries)}")
    entries: dict[str, dict[str, Any]] = {}
    for index, raw_entry in enumerate(raw_entries):
        eccn, entry = _entry(snap, raw_entry, f"entries[{index}]")
        if eccn in entries:
            raise snap.error(f"entries[{index}].eccn", f"{eccn} appears twice")
        entries[eccn] = entry
    deep = snap.field(doc, "deepCategories", list, "")
    table |= {
        "caveats": list(CAVEATS),
        "deep_categories": [snap.expect(c, str, "deepCategories") for c in deep],
        "entries": entries,
    }
    return table

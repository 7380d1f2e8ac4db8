"""Read-only, typed access to the US pack tables: Country Chart, Country Groups and CCL.

The tables are generated from eCFR extracts by `longarm.packs.importers.ecfr` and shipped as
package data (`longarm/packs/us/tables/*.json`). `UsTables.load()` reads them once per
process. Countries are ISO 3166-1 alpha-2 codes ("CN", "XK" for Kosovo); ECCNs may carry a
paragraph ("3A001.a.1"): the entry's requirement rows are looked up under the entry ("3A001")
and each row's paragraph scope (read from its text by the importer) says whether it reaches
the paragraph.

Questions the chart cannot answer raise `ChartLookupError` instead of returning an empty,
permissive-looking answer: an embargoed destination (its row points to Part 746), a
destination with no row, an ECCN not on the CCL, an entry that needs a licence to all
destinations (15 CFR 738.3(a)(1)) and an entry the source gives no licence requirements for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import Any

from longarm.domain.codes import check_country
from longarm.errors import PackError
from longarm.facts.classification import Tri
from longarm.rules.us.table_rows import (
    CclEntry,
    ChartLookupError,
    ChartRow,
    Coverage,
    DestinationScope,
    EmbargoedRow,
    LicenceRequirement,
    RowScope,
    Vintage,
)

__all__ = [
    "CclEntry",
    "ChartLookupError",
    "ChartRow",
    "Coverage",
    "DestinationScope",
    "EmbargoedRow",
    "LicenceRequirement",
    "UsTables",
    "Vintage",
]

CHART_FILE = "country_chart.json"
GROUPS_FILE = "country_groups.json"
CCL_FILE = "ccl.json"

# "3A001", "3a001.a.1", "5A002.z.1.a": the entry, then any paragraph path.
_ECCN_TEXT = re.compile(r"^(?P<entry>[0-9][A-Ea-e][0-9]{3})(?P<paragraph>(?:\.[0-9A-Za-z]+)*)$")
# The leading item of a 738.3(a)(1) line: "5E001.a (for 5A001.f.1, ...)" -> "5E001.a".
_LEADING_ITEM = re.compile(r"^[0-9][A-E][0-9]{3}(?:\.[0-9a-z]+)*")
# Items classified outside the CCL; the caller decides what they mean (734.3(c)).
_NOT_ON_CCL = "EAR99"


def _vintage(table_name: str, table: Mapping[str, Any]) -> Vintage:
    return Vintage(
        table=table_name,
        citation=table["citation"],
        title=table["title"],
        source_url=table["source"],
        ecfr_issue_date=date.fromisoformat(table["ecfr_issue_date"]),
        imported_from=table["imported_from"]["file"],
        sha256=table["imported_from"]["sha256"],
    )


def _ccl_entry(eccn: str, raw: Mapping[str, Any]) -> CclEntry:
    return CclEntry(
        eccn=eccn,
        category=raw["category"],
        product_group=raw["product_group"],
        heading=raw["heading"],
        reason_for_control_text=raw["reason_for_control_text"],
        reason_codes=tuple(raw["reason_codes"]),
        reasons_for_control=tuple(raw["reasons_for_control"]),
        licence_requirements=tuple(
            LicenceRequirement(
                control=row["control"],
                country_chart=row["country_chart"],
                reasons=tuple(row["reasons"]),
                columns=tuple(row["columns"]),
                entire_entry=row["entire_entry"],
                source_flags=tuple(row.get("source_flags", ())),
                scope=RowScope(
                    paragraphs=tuple(row["scope"]["paragraphs"]),
                    conditional=tuple(row["scope"]["conditional"]),
                    excluded=tuple(row["scope"]["except"]),
                    conditional_excluded=tuple(row["scope"]["conditional_except"]),
                    read=row["scope"]["read"],
                ),
                destinations=_destinations(row.get("destinations")),
                pointer=row.get("pointer"),
            )
            for row in raw["licence_requirements"]
        ),
        licence_exceptions=tuple(sorted(raw["licence_exceptions"].items())),
        sta_special_conditions=raw["sta_special_conditions"],
        related_controls=raw["related_controls"],
    )


def _destinations(raw: Mapping[str, Any] | None) -> DestinationScope | None:
    if raw is None:
        return None
    return DestinationScope(
        worldwide=raw["worldwide"],
        countries=frozenset(raw["countries"]),
        groups=frozenset(raw["groups"]),
        exclude_countries=frozenset(raw["exclude_countries"]),
        exclude_groups=frozenset(raw["exclude_groups"]),
    )


def _entry_of(eccn: str) -> str | None:
    """The five-character ECCN of an ECCN or paragraph; None for EAR99; ValueError if neither."""
    text = eccn.strip()
    if text.upper() == _NOT_ON_CCL:
        return None
    match = _ECCN_TEXT.match(text)
    if match is None:
        raise ValueError(f"not an ECCN or EAR99: {eccn!r}")
    return match["entry"].upper()


def _canonical(eccn: str) -> str:
    """ "3a001.A.1" -> "3A001.a.1": the spelling the table's paragraph ids use."""
    entry, _, paragraph = eccn.strip().partition(".")
    return f"{entry.upper()}.{paragraph.lower()}" if paragraph else entry.upper()


def _country(country: str) -> str:
    """Validate a destination code; names are refused so a typo cannot look like "no row"."""
    return check_country(country.strip().upper())


@dataclass(frozen=True, eq=False)
class UsTables:
    """The three US tables for one eCFR vintage. Build with `load()` or `from_dir()`."""

    chart_vintage: Vintage
    groups_vintage: Vintage
    ccl_vintage: Vintage
    columns: tuple[str, ...]
    """Country Chart columns in the chart's own order ("CB1" ... "AT2")."""
    footnotes: Mapping[int, str]
    chart_rows: Mapping[str, ChartRow]
    embargoed_rows: Mapping[str, EmbargoedRow]
    chart_inheritance: Mapping[str, str]
    """Territory -> code of the chart row that governs it (HK -> CN, 738.3(b))."""
    group_labels: Mapping[str, str]
    group_members: Mapping[str, frozenset[str]]
    group_inheritance: Mapping[str, str]
    """Territory -> destination whose groups it takes (HK -> CN, per the Part 740 extract)."""
    ccl_entries: Mapping[str, CclEntry]
    all_destinations_entries: tuple[str, ...]
    """15 CFR 738.3(a)(1) items needing a licence to every destination, as written."""
    name_index: Mapping[str, str]
    """Casefolded names and aliases from both extracts -> code."""

    @classmethod
    def load(cls) -> UsTables:
        """The tables shipped with longarm, read once per process."""
        return _load_packaged()

    @classmethod
    def from_dir(cls, directory: Path) -> UsTables:
        """Tables from a folder written by `rebuild` (for a refreshed or user-edited copy)."""
        return cls.from_texts(
            {name: (directory / name).read_text(encoding="utf-8") for name in _FILES}
        )

    @classmethod
    def from_texts(cls, texts: Mapping[str, str]) -> UsTables:
        """Tables from the JSON text of each file, keyed by file name.

        Raises:
            PackError: a table is missing, not JSON or lacks a field the API needs.
        """
        current = ""
        try:
            tables: dict[str, Any] = {}
            for current in _FILES:
                tables[current] = json.loads(texts[current])
            current = ""
            return cls._from_tables(tables[CHART_FILE], tables[GROUPS_FILE], tables[CCL_FILE])
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            where = current or "US tables"
            raise PackError(f"{where}: malformed US pack table: {error!r}") from error

    @classmethod
    def _from_tables(
        cls, chart: dict[str, Any], groups: dict[str, Any], ccl: dict[str, Any]
    ) -> UsTables:
        all_destinations = chart["all_destinations_entries"]
        names: dict[str, str] = {}
        for table in (chart, groups):
            names |= {alias.casefold(): code for alias, code in table["aliases"].items()}
        names |= {
            spelling.casefold(): code
            for code, spellings in groups["names"].items()
            for spelling in spellings
        }
        for rows in (chart["countries"], chart["embargoed"]):
            names |= {row["name"].casefold(): code for code, row in rows.items()}
        for rules in (chart["territory_inheritance"], groups["territory_inheritance"]):
            names |= {rule["name"].casefold(): code for code, rule in rules.items()}
        return cls(
            chart_vintage=_vintage(CHART_FILE, chart),
            groups_vintage=_vintage(GROUPS_FILE, groups),
            ccl_vintage=_vintage(CCL_FILE, ccl),
            columns=tuple(chart["columns"]),
            footnotes=MappingProxyType({int(k): v for k, v in chart["footnotes"].items()}),
            chart_rows=MappingProxyType(
                {
                    code: ChartRow(
                        code, row["name"], frozenset(row["columns"]), tuple(row["footnotes"])
                    )
                    for code, row in chart["countries"].items()
                }
            ),
            embargoed_rows=MappingProxyType(
                {
                    code: EmbargoedRow(code, row["name"], row["pointer"], tuple(row["footnotes"]))
                    for code, row in chart["embargoed"].items()
                }
            ),
            chart_inheritance=MappingProxyType(
                {code: rule["row"] for code, rule in chart["territory_inheritance"].items()}
            ),
            group_labels=MappingProxyType(dict(groups["labels"])),
            group_members=MappingProxyType(
                {group: frozenset(codes) for group, codes in groups["groups"].items()}
            ),
            group_inheritance=MappingProxyType(
                {code: rule["row"] for code, rule in groups["territory_inheritance"].items()}
            ),
            ccl_entries=MappingProxyType(
                {eccn: _ccl_entry(eccn, raw) for eccn, raw in ccl["entries"].items()}
            ),
            all_destinations_entries=tuple(
                all_destinations["no_licence_exceptions"] + all_destinations["gov_only"]["entries"]
            ),
            name_index=MappingProxyType(names),
        )

    @property
    def vintages(self) -> tuple[Vintage, ...]:
        """The vintage of each table, to cite in a determination's reasons."""
        return (self.chart_vintage, self.groups_vintage, self.ccl_vintage)

    def country_code(self, name: str) -> str | None:
        """The code for a destination name or alias used by the extracts ("Burma" -> "MM")."""
        return self.name_index.get(" ".join(name.split()).casefold())

    def chart_row_code(self, country: str) -> str:
        """The code whose chart row governs a destination (738.3(b): "HK" -> "CN")."""
        code = _country(country)
        return self.chart_inheritance.get(code, code)

    def is_embargoed(self, country: str) -> bool:
        """True if the destination's chart row points to Part 746 instead of carrying marks."""
        return self.chart_row_code(country) in self.embargoed_rows

    def embargo_pointer(self, country: str) -> str | None:
        """The embargoed row's pointer text ("See part 746 of the EAR ..."), or None."""
        row = self.embargoed_rows.get(self.chart_row_code(country))
        return row.pointer if row else None

    def country_chart_columns(self, country: str) -> frozenset[str] | None:
        """Columns marked X for the destination, after territory inheritance.

        Returns:
            The marked columns (possibly empty), or None when the destination is embargoed
            or has no row: then the chart cannot say that no licence is required.
        """
        row = self.chart_rows.get(self.chart_row_code(country))
        return row.columns if row else None

    def chart_footnotes(self, country: str) -> dict[int, str]:
        """Footnotes on the destination's row: they impose requirements the grid does not show."""
        code = self.chart_row_code(country)
        row = self.chart_rows.get(code) or self.embargoed_rows.get(code)
        return {n: self.footnotes[n] for n in row.footnotes} if row else {}

    def groups_of(self, country: str) -> frozenset[str]:
        """Country Groups of the destination ("A:1", "D:5"...); empty if it is in none."""
        code = _country(country)
        code = self.group_inheritance.get(code, code)
        return frozenset(group for group, codes in self.group_members.items() if code in codes)

    def in_group(self, country: str, group: str) -> bool:
        """True if the destination is in the group. Unknown group names raise ValueError."""
        if group not in self.group_labels:
            raise ValueError(f"unknown Country Group {group!r}; known: {sorted(self.group_labels)}")
        return group in self.groups_of(country)

    def eccn(self, eccn: str) -> CclEntry | None:
        """The CCL entry for an ECCN or one of its paragraphs ("3A001.a.1" -> 3A001).

        Returns:
            The entry, or None for EAR99 and for a well-formed ECCN the CCL does not list.

        Raises:
            ValueError: the text is neither an ECCN nor EAR99.
        """
        entry = _entry_of(eccn)
        return self.ccl_entries.get(entry) if entry else None

    def all_destinations_entry(self, eccn: str) -> str | None:
        """The 738.3(a)(1) line covering this ECCN or paragraph, as written, or None.

        A line for a paragraph ("5A001.f.1") covers that paragraph and those under it, not
        the whole entry ("5A001").
        """
        wanted = eccn.strip()
        for line in self.all_destinations_entries:
            match = _LEADING_ITEM.match(line)
            item = match[0] if match else line
            if wanted == item or wanted.startswith(item + "."):
                return line
        return None

    def license_required_reasons(self, eccn: str, country: str) -> list[str]:
        """Reasons for control marked X for the destination that reach the ECCN (738.4(a)(2)).

        A column counts only when its requirement row covers the declared code outright
        (`RowScope.covers`); rows that may cover it are in `chart_findings`. Requirements
        an entry states in words (`CclEntry.non_chart_requirements`), the row's footnotes
        (`chart_footnotes`) and General Prohibitions Four to Ten are checked separately.

        Returns:
            The columns in chart order (e.g. ["NS1", "RS1"]); empty means no X on any
            column that certainly reaches the ECCN for this destination.

        Raises:
            ChartLookupError: the chart cannot decide (see the module docstring).
            ValueError: the ECCN text or the country code is malformed.
        """
        found = {col for col, cov, _ in self.chart_findings(eccn, country) if cov.answer is Tri.YES}
        return [column for column in self.columns if column in found]

    def chart_findings(
        self, eccn: str, country: str
    ) -> list[tuple[str, Coverage, LicenceRequirement]]:
        """Every column marked X for the destination, with how its row covers the ECCN.

        Rows that do not reach the declared code at all are left out; the order is the
        chart's column order, then the entry's row order.

        Raises:
            ChartLookupError: the chart cannot decide (see the module docstring).
            ValueError: the ECCN text or the country code is malformed.
        """
        entry = self.eccn(eccn)
        if entry is None:
            raise ChartLookupError(eccn, country, "not an ECCN on the Commerce Control List")
        if line := self.all_destinations_entry(eccn):
            reason = f"licence required to all destinations (15 CFR 738.3(a)(1): {line})"
            raise ChartLookupError(eccn, country, reason)
        if not entry.licence_requirements:
            reason = "the source gives no licence requirements for this entry"
            raise ChartLookupError(eccn, country, reason)
        marked = self.country_chart_columns(country)
        if marked is None:
            pointer = self.embargo_pointer(country)
            reason = pointer or "no Country Chart row; indeterminate under 15 CFR 738.3(b)"
            raise ChartLookupError(eccn, country, reason)
        code = _canonical(eccn)
        found: list[tuple[str, Coverage, LicenceRequirement]] = []
        for row in entry.licence_requirements:
            coverage = row.scope.covers(code)
            if coverage.answer is Tri.NO:
                continue
            found.extend((c, coverage, row) for c in row.columns if c in marked)
        order = {column: n for n, column in enumerate(self.columns)}
        return sorted(found, key=lambda f: order[f[0]])


_FILES = (CHART_FILE, GROUPS_FILE, CCL_FILE)


@cache
def _load_packaged() -> UsTables:
    tables = files("longarm") / "packs" / "us" / "tables"
    return UsTables.from_texts(
        {name: tables.joinpath(name).read_text(encoding="utf-8") for name in _FILES}
    )

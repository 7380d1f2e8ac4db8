"""The value types of the US pack tables: vintages, CCL entries, chart rows, and the error
raised when the chart cannot answer a question."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from longarm.errors import LongarmError


class ChartLookupError(LongarmError, LookupError):
    """The Country Chart procedure of 15 CFR 738.4 does not give an answer for this case.

    Attributes:
        eccn: the ECCN (or paragraph) asked about.
        country: the destination code asked about.
        reason: why, in words fit for a determination's explanation.
    """

    def __init__(self, eccn: str, country: str, reason: str) -> None:
        self.eccn = eccn
        self.country = country
        self.reason = reason
        super().__init__(f"{eccn} to {country}: {reason}")


@dataclass(frozen=True, slots=True)
class Vintage:
    """Where a table came from: the regulation, the eCFR issue and the extract file."""

    table: str
    citation: str
    title: str | None
    source_url: str
    ecfr_issue_date: date
    imported_from: str
    sha256: str

    def cite(self) -> str:
        """Citation with its vintage, e.g. "15 CFR Part 738, Supplement No. 1 (eCFR 2026-07-23)"."""
        return f"{self.citation} (eCFR {self.ecfr_issue_date.isoformat()})"


@dataclass(frozen=True, slots=True)
class LicenceRequirement:
    """One row of an ECCN's License Requirements table, as the source writes it."""

    control: str
    """What the row controls ("NS applies to entire entry"), verbatim."""
    country_chart: str
    """Where the row sends you ("NS Column 1.", or a pointer such as § 746.1(b)), verbatim."""
    reasons: tuple[str, ...]
    columns: tuple[str, ...]
    """Country Chart columns the row names; empty when it states its requirement in words."""
    entire_entry: bool
    """False when the row applies to some paragraphs only, or with exceptions."""
    source_flags: tuple[str, ...]
    """Repairs the extract made to this row (e.g. "requirementCellEmptyInSource")."""


@dataclass(frozen=True, slots=True)
class CclEntry:
    """One ECCN of the Commerce Control List (15 CFR Part 774, Supplement No. 1)."""

    eccn: str
    category: str
    product_group: str
    heading: str
    reason_for_control_text: str | None
    reason_codes: tuple[str, ...]
    """Reason codes of the "Reason for Control" line ("NS", "AT", "UN"...)."""
    reasons_for_control: tuple[str, ...]
    """Country Chart columns named by any licence requirement row ("NS1", "AT1"...)."""
    licence_requirements: tuple[LicenceRequirement, ...]
    licence_exceptions: tuple[tuple[str, str], ...]
    """(code, text) pairs as written, e.g. ("LVS", "$1500"), ("GBS", "N/A")."""
    sta_special_conditions: str | None
    related_controls: str | None

    def licence_exception(self, code: str) -> str | None:
        """The entry's text for one licence exception (LVS, GBS, STA...), or None."""
        return dict(self.licence_exceptions).get(code)

    @property
    def non_chart_requirements(self) -> tuple[LicenceRequirement, ...]:
        """Rows that state a requirement without a Country Chart column (UN, worldwide RS...)."""
        return tuple(row for row in self.licence_requirements if not row.columns)


@dataclass(frozen=True, slots=True)
class ChartRow:
    """A destination's graded row of the Commerce Country Chart."""

    country: str
    name: str
    columns: frozenset[str]
    footnotes: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class EmbargoedRow:
    """A destination whose chart row has no marks but points to Part 746."""

    country: str
    name: str
    pointer: str
    footnotes: tuple[int, ...]

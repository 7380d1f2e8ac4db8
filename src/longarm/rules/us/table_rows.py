"""The value types of the US pack tables: vintages, CCL entries, chart rows, and the error
raised when the chart cannot answer a question."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from longarm.errors import LongarmError
from longarm.facts.classification import Tri


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


def _within(code: str, paragraph: str) -> bool:
    """Whether `code` is `paragraph` or one of its sub-paragraphs ("3A001.b.2" in "3A001.b")."""
    return code == paragraph or code.startswith(paragraph + ".")


@dataclass(frozen=True, slots=True)
class Coverage:
    """Whether a requirement row reaches a declared ECCN or paragraph (15 CFR 738.4(a)(2))."""

    answer: Tri
    deciding: tuple[str, ...] = ()
    """The paragraphs (or, for an unread row, the entry) whose facts would decide a MAYBE."""


@dataclass(frozen=True, slots=True)
class RowScope:
    """The paragraphs a requirement row applies to, as the importer read them from its text.

    The most specific paragraph named that contains the declared code decides: an exception
    excludes it, a conditional mention leaves it open, an outright one covers it. A code
    less specific than some paragraph named with another answer (entry `3A002` against
    `MT applies to 3A002.h`) is open: the paragraph declared would decide it.
    """

    paragraphs: tuple[str, ...]
    conditional: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    conditional_excluded: tuple[str, ...] = ()
    read: bool = True

    def _marks(self) -> list[tuple[str, Tri]]:
        return [
            *((p, Tri.YES) for p in self.paragraphs),
            *((p, Tri.MAYBE) for p in self.conditional),
            *((p, Tri.NO) for p in self.excluded),
            *((p, Tri.MAYBE) for p in self.conditional_excluded),
        ]

    def covers(self, code: str) -> Coverage:
        marks = self._marks()
        containing = [(p, a) for p, a in marks if _within(code, p)]
        base = Tri.NO
        deciding: list[str] = []
        if containing:
            depth = max(p.count(".") for p, _ in containing)
            answers = {a for p, a in containing if p.count(".") == depth}
            base = Tri.NO if Tri.NO in answers else min(answers)
            if base is Tri.MAYBE:
                deciding = [p for p, a in containing if a is Tri.MAYBE and p.count(".") == depth]
        inner = [p for p, a in marks if p != code and _within(p, code) and a is not base]
        if inner:
            return Coverage(Tri.MAYBE, tuple(dict.fromkeys([*deciding, *inner])))
        return Coverage(base, tuple(deciding))


@dataclass(frozen=True, slots=True)
class DestinationScope:
    """Where a requirement stated in words applies, as the importer read it from the text."""

    worldwide: bool
    countries: frozenset[str]
    groups: frozenset[str]
    exclude_countries: frozenset[str]
    exclude_groups: frozenset[str]

    def reaches(self, country: str, groups: frozenset[str]) -> bool:
        """Whether the destination (with its Country Groups on the date) is in scope."""
        if country in self.exclude_countries or groups & self.exclude_groups:
            return False
        return self.worldwide or country in self.countries or bool(groups & self.groups)

    def describe(self) -> str:
        if self.worldwide:
            rest = (
                f" except {', '.join(sorted(self.exclude_countries))}"
                if self.exclude_countries
                else ""
            )
            return f"every destination{rest}"
        named = sorted(self.countries) + [f"Country Group {g}" for g in sorted(self.groups)]
        out = " or ".join(named)
        if self.exclude_groups:
            out += f", excluding Country Groups {', '.join(sorted(self.exclude_groups))}"
        return out


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
    scope: RowScope
    """The paragraphs of the entry the row applies to, read from `control`."""
    destinations: DestinationScope | None = None
    """For a row stated in words: where it applies, when the text says so plainly."""
    pointer: str | None = None
    """For a row stated in words: the section it cites ("§ 742.6(a)(6)(iii)(A)")."""


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

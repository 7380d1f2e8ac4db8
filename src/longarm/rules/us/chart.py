"""Does an ECCN need a licence to a destination under the Commerce Country Chart (738.4)?

Three answers: YES (an X in a column whose requirement row covers the declared code),
NO (no such X, or EAR99), MAYBE (the chart cannot decide; a row marked X may cover the
code but only a more specific paragraph or a condition in the row's text would say; or the
entry states a requirement in words that may cover the item). Reasons for control apply to
the paragraphs their rows name (738.4(a)(2)): `3A002.c` to Germany is not caught by
"MT applies to 3A002.h".
"""

from __future__ import annotations

from dataclasses import dataclass

from longarm.facts.classification import Tri
from longarm.rules.us.facts import NOT_ON_CCL, tables
from longarm.rules.us.pointers import PointerScope, read_pointer
from longarm.rules.us.tables import ChartLookupError, Coverage, LicenceRequirement


@dataclass(frozen=True)
class ChartAnswer:
    answer: Tri
    code: str
    detail: str
    columns: tuple[str, ...] = ()
    embargoed: bool = False
    """The destination's row points to Part 746: the chart itself cannot say."""
    deciding: tuple[str, ...] = ()
    """For MAYBE: the paragraphs whose facts would decide it."""


def chart_answer(
    code: str,
    country: str,
    groups: frozenset[str] | None = None,
    pointers: tuple[PointerScope, ...] = (),
) -> ChartAnswer:
    """The Country Chart's answer for one declared ECCN (or EAR99) and one destination.

    `groups` are the destination's Country Groups on the date (default: the table's), for
    requirements stated in words ("excluding any destination also in A:5 or A:6");
    `pointers` the pack's readings of rows that only cite a section.
    """
    t = tables()
    if code.upper() == NOT_ON_CCL:
        if t.is_embargoed(country):
            return ChartAnswer(Tri.MAYBE, code, "EAR99 to an embargoed destination", (), True)
        return ChartAnswer(Tri.NO, code, "EAR99: not on the Commerce Control List (NLR)")
    try:
        findings = t.chart_findings(code, country)
    except ChartLookupError as gap:
        return ChartAnswer(Tri.MAYBE, code, gap.reason, (), t.is_embargoed(country))
    except ValueError as bad:
        return ChartAnswer(Tri.MAYBE, code, str(bad))
    certain = tuple(dict.fromkeys(c for c, cov, _ in findings if cov.answer is Tri.YES))
    if certain:
        return ChartAnswer(
            Tri.YES, code, f"{code}: X in {', '.join(certain)} for {country}", certain
        )
    if findings:
        column, coverage, row = findings[0]
        return ChartAnswer(
            Tri.MAYBE,
            code,
            f"{code}: {column} is marked X for {country} and {_open(code, coverage, row)}",
            tuple(dict.fromkeys(c for c, _, _ in findings)),
            deciding=coverage.deciding,
        )
    entry = t.eccn(code)
    named = ", ".join(entry.reasons_for_control) if entry else ""
    groups = t.groups_of(country) if groups is None else groups
    open_rows = []
    for row in entry.non_chart_requirements if entry else ():
        cov = row.scope.covers(code)
        if cov.answer is Tri.NO:
            continue
        reading = read_pointer(row.pointer, pointers) if row.destinations is None else None
        scope = reading.scope() if reading else row.destinations
        if scope is not None and not scope.reaches(country, groups):
            continue
        where = scope.describe() if scope else row.country_chart
        if cov.answer is Tri.YES and scope is not None and not (reading and reading.review):
            tag = (
                f" [pack reading of {reading.pointer}, source tag {reading.tag}]" if reading else ""
            )
            return ChartAnswer(
                Tri.YES,
                code,
                f"{code}: the entry requires a licence to {where} ({row.control!r}; "
                f"{row.pointer or row.country_chart}){tag}",
            )
        open_rows.append((row, cov, where))
    if open_rows:
        row, cov, where = open_rows[0]
        scope_text = "" if where == row.country_chart else f" (it applies to {where})"
        return ChartAnswer(
            Tri.MAYBE,
            code,
            f"{code}: no X for {country} in {named}, but the entry states a requirement "
            f"outside the chart that may cover it: {row.control!r} ({row.country_chart})"
            f"{scope_text}",
            deciding=cov.deciding,
        )
    return ChartAnswer(
        Tri.NO, code, f"{code}: no X for {country} in the columns that reach it ({named})"
    )


def _open(code: str, coverage: Coverage, row: LicenceRequirement) -> str:
    """Why a marked row leaves the declared code open, in words for the reason."""
    if not row.scope.read:
        return f"its row does not name the paragraphs it covers: {row.control!r}"
    others = [p for p in coverage.deciding if p != code]
    if others and coverage.deciding != (code.split(".")[0],):
        return (
            f"its row reaches only part of {code}: {row.control!r}; the paragraph declared "
            f"does not say whether it is {', '.join(others)}"
        )
    return f"its row applies only under a condition the facts do not settle: {row.control!r}"

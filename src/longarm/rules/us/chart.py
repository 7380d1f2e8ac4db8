"""Does an ECCN need a licence to a destination under the Commerce Country Chart (738.4)?

Three answers: YES (an X in a column the entry names), NO (no X, or EAR99), MAYBE (the
chart cannot decide, or the entry states a requirement in words that may cover the item).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from longarm.facts.classification import Tri
from longarm.rules.us.facts import NOT_ON_CCL, tables
from longarm.rules.us.tables import ChartLookupError, LicenceRequirement

# Full ECCNs with a paragraph ("3A001.z.1.a") and short paragraph paths ("z.2.a") in the
# free text of a requirement row.
_FULL = re.compile(r"\b[0-9][A-E][0-9]{3}(?:\.[0-9a-z]+)*")
_SHORT = re.compile(r"(?<![\w.])[a-z](?:\.[0-9a-z]+)+")


@dataclass(frozen=True)
class ChartAnswer:
    answer: Tri
    code: str
    detail: str
    columns: tuple[str, ...] = ()
    embargoed: bool = False
    """The destination's row points to Part 746: the chart itself cannot say."""


def chart_answer(code: str, country: str) -> ChartAnswer:
    """The Country Chart's answer for one declared ECCN (or EAR99) and one destination."""
    t = tables()
    if code.upper() == NOT_ON_CCL:
        if t.is_embargoed(country):
            return ChartAnswer(Tri.MAYBE, code, "EAR99 to an embargoed destination", (), True)
        return ChartAnswer(Tri.NO, code, "EAR99: not on the Commerce Control List (NLR)")
    try:
        columns = t.license_required_reasons(code, country)
    except ChartLookupError as gap:
        return ChartAnswer(Tri.MAYBE, code, gap.reason, (), t.is_embargoed(country))
    except ValueError as bad:
        return ChartAnswer(Tri.MAYBE, code, str(bad))
    if columns:
        return ChartAnswer(
            Tri.YES, code, f"{code}: X in {', '.join(columns)} for {country}", tuple(columns)
        )
    entry = t.eccn(code)
    named = ", ".join(entry.reasons_for_control) if entry else ""
    words = [
        row for row in (entry.non_chart_requirements if entry else ()) if _may_cover(row, code)
    ]
    if words:
        return ChartAnswer(
            Tri.MAYBE,
            code,
            f"{code}: no X for {country} in {named}, but the entry states a requirement "
            f"outside the chart that may cover it: {words[0].control!r}",
        )
    return ChartAnswer(Tri.NO, code, f"{code}: no X for {country} in {named or 'its columns'}")


def _may_cover(row: LicenceRequirement, code: str) -> bool:
    """Whether a requirement stated in words can reach the declared ECCN or paragraph."""
    text = row.control
    if "entire entry" in text:
        return True
    entry, _, paragraph = code.partition(".")
    if not paragraph:
        return True  # declared without a paragraph: any paragraph the row names may be it
    named = _FULL.findall(text) + [f"{entry}.{short}" for short in _SHORT.findall(text)]
    return any(
        n == code or code.startswith(n + ".") or n.startswith(code + ".")
        for n in named
        if n.startswith(entry)
    )

"""How a content ratio is reported: the figures a reason carries and its words in a detail.

One place for both regimes, so a 0.1 % floor and a 25 % de minimis level read alike.
"""

from __future__ import annotations

from fractions import Fraction

from longarm.bom.interval import Interval, RatioRange

Figures = dict[str, float | int | str | None]


def ratio_figures(
    content: Interval, value: Interval, ratio: RatioRange, threshold: Fraction
) -> Figures:
    """The numbers compared: exact ratio, or its bounds where unknown facts leave a range."""
    figures: Figures = {
        "threshold": float(threshold),
        "content_value": float(content.lo),
        "item_value": float(value.lo),
    }
    if ratio.hi is not None and ratio.lo == ratio.hi:
        figures["ratio"] = round(float(ratio.lo), 6)
    else:
        figures["ratio_min"] = round(float(ratio.lo), 6)
        figures["ratio_max"] = None if ratio.hi is None else round(float(ratio.hi), 6)
        figures["content_value_max"] = None if content.hi is None else float(content.hi)
    return figures


def percent(value: Fraction | float) -> str:
    """0.001 -> "0.1 %"."""
    return f"{float(value) * 100:.4g} %"


def share_text(ratio: RatioRange) -> str:
    """ "2.5 %", or "between 0 % and 8.3 %" / "... and unbounded" for a range."""
    if ratio.hi is not None and ratio.lo == ratio.hi:
        return percent(ratio.lo)
    upper = "unbounded" if ratio.hi is None else percent(ratio.hi)
    return f"between {percent(ratio.lo)} and {upper}"

"""What carries an outcome: the reasons that set it, the facts it waits on, the options it rests on.

Shared by every human-facing rendering (terminal table, HTML and PDF report), so they all
say the same thing about the same determination.
"""

from __future__ import annotations

from longarm.domain.determination import (
    Alternative,
    Determination,
    Figure,
    Reason,
    RegimeResult,
)
from longarm.domain.vocab import Outcome


def deciding_reasons(result: RegimeResult) -> tuple[Reason, ...]:
    """The in-force reasons whose effect is the outcome: the ones that set it."""
    return tuple(r for r in result.reasons if r.operative and r.effect is result.outcome)


def ordered_reasons(result: RegimeResult) -> list[tuple[Reason, bool]]:
    """Every reason with whether it sets the outcome: deciding ones first, then the other
    in-force ones, then suspended and future ones (each group in the engine's order)."""
    deciding = {id(r) for r in deciding_reasons(result)}

    def rank(reason: Reason) -> int:
        return 0 if id(reason) in deciding else 1 if reason.operative else 2

    return [(r, id(r) in deciding) for r in sorted(result.reasons, key=rank)]


def at_least(reason: Reason) -> Outcome | None:
    """The outcome a `needs_review` reason already decides whatever its unknowns (or None)."""
    return reason.at_least if reason.effect is Outcome.NEEDS_REVIEW else None


def missing_facts(result: RegimeResult) -> tuple[str, ...]:
    """The unknown facts the in-force reasons name, each once, in the order first named.

    For a `needs_review` outcome these are what a person must supply to decide it.
    """
    seen: dict[str, None] = {}
    for reason in result.reasons:
        if reason.operative:
            seen.update(dict.fromkeys(reason.missing))
    return tuple(seen)


def carrying_options(result: RegimeResult) -> dict[str, bool]:
    """The interpretive options reported by the reasons that set the outcome (sorted)."""
    options: dict[str, bool] = {}
    for reason in deciding_reasons(result):
        options.update(reason.options)
    return dict(sorted(options.items()))


def options_used(determination: Determination) -> dict[str, bool]:
    """Every option any reason of the determination reports, with its value (sorted)."""
    options: dict[str, bool] = {}
    for result in determination.regimes.values():
        for reason in result.reasons:
            options.update(reason.options)
    return dict(sorted(options.items()))


def alternatives(determination: Determination) -> tuple[Alternative, ...]:
    """CONTRACT section 5 `alternatives`, in the order the JSON lists them."""
    return tuple(sorted(determination.alternatives, key=lambda a: (a.option, a.value)))


def alternatives_for(determination: Determination, regime: str) -> tuple[Alternative, ...]:
    """The alternatives that change one regime's outcome."""
    return tuple(a for a in alternatives(determination) if regime in a.regimes)


_FRACTION_KEYS = ("ratio", "share")


def format_figures(figures: dict[str, Figure]) -> list[tuple[str, str]]:
    """A reason's figures as (name, text) pairs a person reads; fractions also as percent.

    `ratio` and `share` are fractions of value or ownership by the engine's convention, and a
    `threshold` beside one of them is compared with it, so it is shown the same way.
    """
    as_percent = any(k in figures for k in _FRACTION_KEYS)
    out = []
    for key, value in sorted(figures.items()):
        text = _number(value)
        if (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and (key in _FRACTION_KEYS or (key == "threshold" and as_percent))
        ):
            text = f"{text} ({_number(value * 100)} %)"
        out.append((key, text))
    return out


def _number(value: Figure) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, bool) or not isinstance(value, float):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return f"{value:,.0f}" if abs(value) >= 10_000 else f"{value:.0f}"
    return f"{value:,.6g}" if abs(value) >= 10_000 else f"{value:.6g}"

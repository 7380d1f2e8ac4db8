"""The determination in a terminal: a summary grid that fits the width, then every reason.

Each outcome cell says what carries it: the rules that set it, the facts it waits on
(`missing`) and the interpretive options those rules rest on. Colour only when asked for
(a terminal), never in a pipe or a file.
"""

from __future__ import annotations

import io
import re

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from longarm.domain.case import Case
from longarm.domain.determination import (
    Alternative,
    Determination,
    LineResult,
    Reason,
    RegimeResult,
)
from longarm.domain.vocab import Outcome, Status
from longarm.report import explain

OUTCOME_STYLES = {
    Outcome.NOT_SUBJECT: "green",
    Outcome.NO_LICENSE_REQUIRED: "cyan",
    Outcome.LICENSE_REQUIRED: "yellow",
    Outcome.CASE_BY_CASE: "dark_orange",
    Outcome.PRESUMPTION_OF_DENIAL: "red",
    Outcome.PROHIBITED: "bold white on red",
    Outcome.NEEDS_REVIEW: "magenta",
}
"""Least to most severe, CONTRACT 3.2; needs_review stands apart: a question, not a verdict."""

STATUS_STYLES = {
    Status.IN_FORCE: "",
    Status.SUSPENDED: "yellow",
    Status.NOT_YET_IN_FORCE: "blue",
}

PIPE_WIDTH = 100
"""Columns when the output is not a terminal and COLUMNS is unset: wide enough for a reason's
citation on one line, narrow enough for a log viewer or an e-mail."""

MIN_WIDTH = 40

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_TAIL = re.compile(r"(?:\s|\x1b\[[0-9;]*m)+$")
"""The end of a line made of blanks and colour codes."""


def render_table(
    determination: Determination,
    case: Case | None = None,
    *,
    width: int = PIPE_WIDTH,
    color: bool = False,
) -> str:
    """The determination as text for a terminal of `width` columns (no line is longer).

    Args:
        determination: what the engine decided.
        case: the case decided, for the items' descriptions and the route (optional).
        width: columns to fit; at least `MIN_WIDTH` is used.
        color: emit ANSI colours (only for a terminal).
    """
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=max(width, MIN_WIDTH),
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    console.print(_heading(determination, case))
    console.print(_summary(determination, case, console.width))
    alternatives = explain.alternatives(determination)
    if alternatives:
        console.print(_alternatives(determination, alternatives))
    for number, line in enumerate(determination.lines, start=1):
        for regime, result in sorted(line.regimes.items()):
            console.print(_reasons(number, line, regime, result))
    for warning in determination.warnings:
        console.print(Text(f"warning: {warning}", style="dim", overflow="fold"))
    # Rich fills lines to the width; a pasted or piped table should not carry that.
    return "\n".join(_strip_end(line) for line in buffer.getvalue().split("\n"))


def _strip_end(line: str) -> str:
    """The line without trailing blanks, keeping the colour codes among them (the resets)."""
    tail = _TAIL.search(line)
    if tail is None:
        return line
    return line[: tail.start()] + "".join(_ANSI.findall(tail.group()))


def outcome_text(outcome: Outcome) -> Text:
    return Text(outcome.value, style=f"bold {OUTCOME_STYLES[outcome]}")


def _heading(d: Determination, case: Case | None) -> Text:
    title = Text(f"Shipment {d.shipment}", style="bold")
    title.append(f"  as of {d.as_of.isoformat()}")
    if case is not None:
        title.append(f"  {case.shipment.ship_from} -> {case.shipment.destination}")
    title.append("\noverall ")
    title.append_text(outcome_text(d.overall))
    title.append("  ")
    title.append("HOLD" if d.hold else "may proceed", style="bold red" if d.hold else "green")
    for regime, result in sorted(d.regimes.items()):
        title.append(f"  {regime} ")
        title.append_text(outcome_text(result.outcome))
    title.overflow = "fold"
    return title


SIDE_BY_SIDE_MIN = 40
"""Narrowest regime column for the side-by-side grid; narrower terminals get one row per
line and regime, so an option name is not folded mid-word."""

LINE_COLUMN = 24


def _summary(d: Determination, case: Case | None, width: int) -> Table:
    regimes = sorted(d.regimes)
    side_by_side = (width - LINE_COLUMN - 3 * (len(regimes) + 1)) // max(
        len(regimes), 1
    ) >= SIDE_BY_SIDE_MIN
    grid = Table(box=box.SQUARE, show_lines=side_by_side, expand=True)
    grid.add_column("line", ratio=1, overflow="fold")
    if side_by_side:
        for regime in regimes:
            grid.add_column(regime, ratio=2, overflow="fold")
    else:
        grid.add_column("regime", no_wrap=True)
        grid.add_column("outcome, and what carries it", ratio=3, overflow="fold")
    for number, line in enumerate(d.lines, start=1):
        label = Text(f"{number} {line.item} x {line.quantity}", style="bold", overflow="fold")
        item = case.items_by_id.get(line.item) if case is not None else None
        if item is not None and item.description:
            label.append(f"\n{item.description}", style="dim")
        if side_by_side:
            grid.add_row(label, *(_cell(line.regimes[r]) for r in regimes))
            continue
        for i, regime in enumerate(regimes):
            grid.add_row(
                label if i == 0 else "",
                regime,
                _cell(line.regimes[regime]),
                end_section=i == len(regimes) - 1,
            )
    return grid


def _cell(result: RegimeResult) -> Text:
    cell = outcome_text(result.outcome)
    deciding = explain.deciding_reasons(result)
    if deciding:
        rules = ", ".join(dict.fromkeys(r.rule for r in deciding))
        cell.append(f"\nby {rules}", style="dim")
    missing = explain.missing_facts(result)
    if missing:
        cell.append("\nmissing: ", style="bold")
        cell.append(", ".join(missing))
    options = explain.carrying_options(result)
    if options:
        cell.append("\noptions: ", style="bold")
        cell.append(", ".join(f"{k}={str(v).lower()}" for k, v in options.items()))
    cell.overflow = "fold"
    return cell


def _alternatives(d: Determination, alternatives: tuple[Alternative, ...]) -> Text:
    text = Text("Alternatives (other readings of unsettled law):", style="bold")
    for alt in alternatives:
        text.append(f"\n  if {alt.option}={str(alt.value).lower()}: ")
        for i, (regime, outcome) in enumerate(alt.regimes.items()):
            current = d.regimes[regime].outcome.value if regime in d.regimes else "?"
            text.append(("; " if i else "") + f"{regime} ")
            text.append_text(outcome_text(outcome))
            text.append(f" instead of {current}")
    text.overflow = "fold"
    return text


def _reasons(number: int, line: LineResult, regime: str, result: RegimeResult) -> Group:
    head = Text(f"\nLine {number} {line.item} x {line.quantity} · {regime}: ", style="bold")
    head.overflow = "fold"
    head.append_text(outcome_text(result.outcome))
    if not result.reasons:
        head.append("  (no clause reaches this line)", style="dim")
    parts: list[RenderableType] = [head]
    for reason, deciding in explain.ordered_reasons(result):
        parts.append(Padding(_reason(reason, deciding), (0, 0, 0, 2), expand=False))
    return Group(*parts)


def _reason(reason: Reason, deciding: bool) -> Group:
    head = Text("* " if deciding else "- ", style="bold" if deciding else "", overflow="fold")
    head.append(reason.rule, style="bold" if deciding else "")
    head.append(" [")
    head.append(reason.status.value, style=STATUS_STYLES[reason.status])
    head.append("] ")
    head.append(reason.effect.value, style=OUTCOME_STYLES[reason.effect])
    if deciding:
        head.append("  (sets the outcome)", style="dim")
    fields = [Text(reason.citation, style="italic dim"), Text(reason.detail)]
    figures = explain.format_figures(reason.figures)
    if figures:
        fields.append(_field("figures", ", ".join(f"{k} {v}" for k, v in figures)))
    if reason.path:
        fields.append(_field("path", " > ".join(reason.path)))
    if reason.options:
        options = ", ".join(f"{k}={str(v).lower()}" for k, v in sorted(reason.options.items()))
        fields.append(_field("options", options))
    floor = explain.at_least(reason)
    if floor is not None:
        at_least = _field("at least", "")
        at_least.append_text(outcome_text(floor))
        fields.append(at_least)
    if reason.missing:
        fields.append(_field("missing", ", ".join(reason.missing), "bold"))
    for text in fields:
        text.overflow = "fold"
    return Group(head, *(Padding(t, (0, 0, 0, 2), expand=False) for t in fields))


def _field(name: str, value: str, style: str = "dim") -> Text:
    text = Text(f"{name}: ", style=style)
    text.append(value)
    return text

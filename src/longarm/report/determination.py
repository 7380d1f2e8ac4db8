"""The determination report a compliance officer files: HTML for the screen, PDF for the file.

    >>> html = render_report_html(determination, case)        # a whole page
    >>> pdf = render_report_pdf(determination, case)          # bytes of an A4 PDF
    >>> part = render_report_fragment(determination, case)    # for a web page; style: report_css()

One Jinja2 template draws the report as a fragment scoped under `.lr`, so the web page and
the filed document show the same thing. WeasyPrint (and with it Pango) is imported only when
a PDF is asked for, so `longarm check` stays light.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from longarm.domain.case import Case
from longarm.domain.determination import Determination, Reason, RegimeResult
from longarm.domain.vocab import Outcome
from longarm.errors import LongarmError
from longarm.options import OPTIONS
from longarm.report import explain
from longarm.report.view import MAX_TREE_ROWS, line_trees, party_views

if TYPE_CHECKING:
    import jinja2

REGIME_NAMES = {
    "CN": "PRC export control (MOFCOM, Customs)",
    "US": "US Export Administration Regulations (BIS)",
}
"""Headings for the regime codes of CONTRACT section 3.1 (names, not law)."""


class ReportError(LongarmError):
    """The report could not be produced (e.g. WeasyPrint's system libraries are missing)."""


@dataclass(frozen=True)
class ReasonView:
    reason: Reason
    deciding: bool
    figures: list[tuple[str, str]]

    @property
    def at_least(self) -> Outcome | None:
        """What an open question already decides (only where the reason is `needs_review`)."""
        return explain.at_least(self.reason)


@dataclass(frozen=True)
class CellView:
    """One line under one regime: its outcome and what carries it."""

    outcome: Outcome
    missing: tuple[str, ...]
    options: dict[str, bool]
    reasons: list[ReasonView]


@dataclass(frozen=True)
class LineView:
    item: str
    description: str
    quantity: str
    cells: list[CellView]
    by_regime: dict[str, CellView]


@dataclass(frozen=True)
class MissingRow:
    fact: str
    line: str
    regime: str
    rules: tuple[str, ...]


@dataclass(frozen=True)
class OptionRow:
    name: str
    value: bool
    source: str
    description: str
    used: bool


def render_report_html(
    determination: Determination,
    case: Case | None,
    *,
    list_snapshots: Mapping[str, date] | None = None,
) -> str:
    """The report as one self-contained HTML page (styles inline, no external resources).

    Args:
        determination: what the engine decided for `case`.
        case: the case it decided (parties, bills of materials and options come from it);
            None renders the determination alone and says that the case facts are not shown.
        list_snapshots: list code -> snapshot date of the lists screened, when the parties'
            memberships came from screening (`check --screen`); shown with the packs.
    """
    context = _context(determination, case, list_snapshots, True)
    body = _environment().get_template("report.html.j2").render(**context)
    title = f"Determination {determination.shipment} as of {determination.as_of.isoformat()}"
    return (
        _environment()
        .get_template("page.html.j2")
        .render(title=title, css=report_css() + _asset("print.css"), body=body)
    )


def render_report_fragment(
    determination: Determination,
    case: Case | None,
    *,
    list_snapshots: Mapping[str, date] | None = None,
    sign_off: bool = True,
) -> str:
    """The report as an `<article class="lr">` to embed in a page that links `report_css()`."""
    context = _context(determination, case, list_snapshots, sign_off)
    return _environment().get_template("report.html.j2").render(**context)


def render_report_pdf(
    determination: Determination,
    case: Case | None,
    *,
    list_snapshots: Mapping[str, date] | None = None,
) -> bytes:
    """The report as an A4 PDF (WeasyPrint), page numbers and shipment in every footer.

    Raises:
        ReportError: WeasyPrint cannot load its system libraries (Pango).
    """
    return _pdf(render_report_html(determination, case, list_snapshots=list_snapshots))


def _pdf(page: str) -> bytes:
    try:
        import weasyprint
    except OSError as exc:  # pragma: no cover - depends on the machine's packages
        raise ReportError(
            f"PDF output needs Pango (Debian: libpango-1.0-0 libpangoft2-1.0-0): {exc}"
        ) from exc
    pdf: bytes = weasyprint.HTML(string=page).write_pdf()
    return pdf


def report_css() -> str:
    """The report's stylesheet; every selector is scoped under `.lr`."""
    return _asset("report.css")


@cache
def _asset(name: str) -> str:
    return (resources.files("longarm.report") / "templates" / name).read_text(encoding="utf-8")


@cache
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("longarm.report", "templates"),
        autoescape=True,
        trim_blocks=False,
        undefined=jinja2.StrictUndefined,
    )


def _context(
    d: Determination,
    case: Case | None,
    list_snapshots: Mapping[str, date] | None,
    sign_off: bool,
) -> dict[str, Any]:
    regimes = sorted(d.regimes.items())
    lines = [_line_view(line.item, line.quantity, line.regimes, case) for line in d.lines]
    return {
        "d": d,
        "case": case,
        "regimes": regimes,
        "regime_names": REGIME_NAMES,
        "lines": lines,
        "parties": party_views(case) if case is not None else [],
        "trees": line_trees(case, d) if case is not None else [],
        "max_rows": MAX_TREE_ROWS,
        "missing": _missing_rows(d),
        "options": _option_rows(d, case),
        "alternatives": explain.alternatives(d),
        "snapshots": sorted((list_snapshots or {}).items()),
        "fingerprint": hashlib.sha256(d.dumps().encode("utf-8")).hexdigest(),
        "sign_off": sign_off,
    }


def _line_view(
    item: str, quantity: str, results: Mapping[str, RegimeResult], case: Case | None
) -> LineView:
    by_regime = {regime: _cell(result) for regime, result in sorted(results.items())}
    found = case.items_by_id.get(item) if case is not None else None
    return LineView(
        item=item,
        description=found.description if found else "",
        quantity=str(_plain(quantity)),
        cells=list(by_regime.values()),
        by_regime=by_regime,
    )


def _cell(result: RegimeResult) -> CellView:
    reasons = [
        ReasonView(reason, deciding, explain.format_figures(reason.figures))
        for reason, deciding in explain.ordered_reasons(result)
    ]
    return CellView(
        outcome=result.outcome,
        missing=explain.missing_facts(result),
        options=explain.carrying_options(result),
        reasons=reasons,
    )


def _missing_rows(d: Determination) -> list[MissingRow]:
    rows: dict[tuple[str, str, str], list[str]] = {}
    for line in d.lines:
        for regime, result in sorted(line.regimes.items()):
            for reason in result.reasons:
                if not reason.operative:
                    continue
                for fact in reason.missing:
                    rules = rows.setdefault((fact, line.item, regime), [])
                    if reason.rule not in rules:
                        rules.append(reason.rule)
    return [MissingRow(f, ln, rg, tuple(rules)) for (f, ln, rg), rules in rows.items()]


def _option_rows(d: Determination, case: Case | None) -> list[OptionRow]:
    """Every option: its value, and whether the case set it. Without the case, the value a
    reason reports, else the default (a reason reports every option it depends on)."""
    used = explain.options_used(d)
    rows = []
    for name, option in OPTIONS.items():
        if case is not None:
            value = case.options.get(name, option.default)
            source = "case file" if name in case.options else "default"
        else:
            value = used.get(name, option.default)
            source = "default" if value == option.default else "not the default"
        rows.append(OptionRow(name, value, source, option.description, name in used))
    for name, value in sorted(used.items()):
        if name not in OPTIONS:  # an option a pack defines that the code does not describe
            rows.append(OptionRow(name, value, "pack", "", True))
    return rows


def _plain(quantity: str) -> int | float:
    value = float(quantity)
    return int(value) if value.is_integer() else value

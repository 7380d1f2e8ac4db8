"""The impact report: charts a person would rather look at than read, then the tables.

Charts are drawn with matplotlib (object API, no global pyplot state) as inline SVG, so
the page works offline, prints, and is the same bytes for the same runs (fixed hash salt,
no date in the SVG). Tables say which lines, items, customers, destinations and clauses
change and by how much value; `changes.csv` beside it has every row.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from longarm.batch.impact import ImpactSummary

COLOURS = {
    "not_subject": "#9ccc9c",
    "no_license_required": "#4e9f5d",
    "license_required": "#f0b43c",
    "case_by_case": "#e07b39",
    "presumption_of_denial": "#c8423b",
    "prohibited": "#7a1f1f",
    "needs_review": "#7b6bb0",
}
ORDER = list(COLOURS)
TOP_BARS = 12


def write_report(summary: ImpactSummary, out: Path) -> Path:
    """Write `report.html` atomically; returns its path."""
    target = out / "report.html"
    tmp = out / ".report.html.tmp"
    tmp.write_text(render(summary), encoding="utf-8")
    tmp.replace(target)
    return target


def render(s: ImpactSummary) -> str:
    """The whole page as one self-contained HTML string."""
    import matplotlib

    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "longarm-impact"}):
        charts = [
            ("Outcome flows", _flows(s.flows, s.from_side.label, s.to_side.label)),
            ("Value at stake by regime", _bars(s.by["regime"], "regime")),
            ("Value at stake by clause", _bars(s.by["clause"], "clause")),
            ("Value at stake by destination", _bars(s.by["destination"], "destination")),
            ("Value at stake by rare-earth element", _bars(s.by["element"], "element")),
        ]
        if s.timeline:
            charts.insert(1, ("Timeline: dates on which the portfolio changes", _timeline(s)))
    figures = "".join(
        f"<figure><figcaption>{html.escape(t)}</figcaption>{svg}</figure>"
        for t, svg in charts
        if svg
    )
    packs = ", ".join(f"{p['regime']} {p['version']}" for p in s.packs)
    tables = "".join(
        [
            _table("Outcome changes", s.by["flip"], "change"),
            _lines_table(s.top_lines),
            _table("Items", s.by["item"], "item"),
            _table("Customers (end user, else consignee)", s.by["customer"], "customer"),
            _table("Destinations", s.by["destination"], "destination"),
            _table("Clauses", s.by["clause"], "clause"),
            _table(
                "Rare-earth elements in the items' bills of materials", s.by["element"], "element"
            ),
            _timeline_table(s),
        ]
    )
    title = f"Impact: {s.from_side.label} → {s.to_side.label}"
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>"
        f"<p class='lead'><b>{s.changes:,}</b> line-regime outcomes change out of "
        f"{s.lines:,} lines, <b>USD {s.value_usd:,.2f}</b> of line value at stake "
        f"(lines of unknown value are counted but not valued). Packs: {html.escape(packs)}. "
        f"Every row is in <code>changes.csv</code>.</p>"
        f"<section class='charts'>{figures}</section>{tables}</body></html>\n"
    )


def _svg(fig: Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=96)
    fig.patch.set_alpha(0)
    return fig


def _flows(flows: list[dict[str, Any]], left: str, right: str) -> str:
    """Per regime, stacked bars of outcomes on each side joined by bands (an alluvial)."""
    regimes = sorted({f["regime"] for f in flows})
    if not regimes:
        return ""
    fig = _figure(4.6 * len(regimes), 4.2)
    axes = fig.subplots(1, len(regimes), squeeze=False)[0]
    for ax, regime in zip(axes, regimes, strict=True):
        _alluvial(ax, [f for f in flows if f["regime"] == regime], left, right)
        ax.set_title(regime)
    return _svg(fig)


def _alluvial(ax: Axes, flows: list[dict[str, Any]], left: str, right: str) -> None:
    from matplotlib.patches import PathPatch, Rectangle
    from matplotlib.path import Path as MPath

    total = sum(f["n"] for f in flows) or 1
    gap = 0.02
    width = 0.12

    def stack(key: str) -> dict[str, list[float]]:
        sizes = {o: sum(f["n"] for f in flows if f[key] == o) / total for o in ORDER}
        y, out = 0.0, {}
        for o in ORDER:
            if sizes[o]:
                out[o] = [y, y + sizes[o]]
                y += sizes[o] + gap
        return out

    lefts, rights = stack("from_outcome"), stack("to_outcome")
    cursor_l = {o: v[0] for o, v in lefts.items()}
    cursor_r = {o: v[0] for o, v in rights.items()}
    for f in sorted(
        flows, key=lambda f: (ORDER.index(f["from_outcome"]), ORDER.index(f["to_outcome"]))
    ):
        h = f["n"] / total
        a, b = f["from_outcome"], f["to_outcome"]
        y0, y1 = cursor_l[a], cursor_r[b]
        cursor_l[a] += h
        cursor_r[b] += h
        x0, x1 = width, 1 - width
        verts = [
            (x0, y0), ((x0 + x1) / 2, y0), ((x0 + x1) / 2, y1), (x1, y1),
            (x1, y1 + h), ((x0 + x1) / 2, y1 + h), ((x0 + x1) / 2, y0 + h), (x0, y0 + h),
            (x0, y0),
        ]  # fmt: skip
        codes = [
            MPath.MOVETO,
            *[MPath.CURVE4] * 3,
            MPath.LINETO,
            *[MPath.CURVE4] * 3,
            MPath.CLOSEPOLY,
        ]
        colour = COLOURS[b] if a != b else "#d9d9d9"
        ax.add_patch(PathPatch(MPath(verts, codes), facecolor=colour, alpha=0.55, lw=0))
    for side, x in ((lefts, 0.0), (rights, 1 - width)):
        for o, (y0, y1) in side.items():
            ax.add_patch(Rectangle((x, y0), width, y1 - y0, facecolor=COLOURS[o], lw=0))
            n = round((y1 - y0) * total)
            ha, tx = ("right", x - 0.01) if x == 0 else ("left", x + width + 0.01)
            ax.text(
                tx, (y0 + y1) / 2, f"{o.replace('_', ' ')} ({n:,})", ha=ha, va="center", fontsize=8
            )
    ax.set_xlim(-0.55, 1.55)
    ax.set_ylim(max([v[1] for v in [*lefts.values(), *rights.values()]] + [1]) + 0.02, -0.02)
    ax.axis("off")
    ax.text(width / 2, -0.05, left, ha="center", fontsize=8, transform=ax.transData)
    ax.text(1 - width / 2, -0.05, right, ha="center", fontsize=8, transform=ax.transData)


def _bars(rows: Sequence[dict[str, Any]], what: str) -> str:
    """Horizontal bars of changed value, largest first (lines counted in the labels)."""
    rows = [r for r in rows if r["lines"]][:TOP_BARS]
    if not rows:
        return ""
    fig = _figure(7.5, 0.35 * len(rows) + 0.9)
    ax = fig.subplots()
    labels = [f"{r['key']}  ({r['lines']:,} lines)" for r in rows][::-1]
    values = [float(r["value_usd"] or 0) for r in rows][::-1]
    from matplotlib.ticker import FuncFormatter

    ax.barh(labels, values, color="#e07b39")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _short_usd(v)))
    ax.set_xlabel("line value at stake, USD")
    ax.tick_params(axis="y", labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(f"by {what}", fontsize=9, loc="left")
    return _svg(fig)


def _timeline(s: ImpactSummary) -> str:
    """Lines on hold per regime on each date on which the portfolio's outcomes change."""
    points = s.timeline
    regimes = sorted({r for p in points for r in p["held"]})
    if len(points) < 2 or not regimes:
        return ""
    fig = _figure(9, 3.4)
    ax = fig.subplots()
    dates = [p["date"] for p in points]
    for regime, colour in zip(regimes, ("#c8423b", "#3b6fc8", "#4e9f5d"), strict=False):
        ax.step(dates, [p["held"].get(regime, 0) for p in points], where="post", label=regime,
                color=colour, lw=2)  # fmt: skip
    top = max(max(p["held"].values(), default=0) for p in points) or 1
    for p in points[1:]:
        ax.axvline(p["date"], color="#999", lw=0.6, ls=":")
        label = "; ".join(p["events"][:2]) or str(p["date"])
        ax.text(p["date"], top * 1.02, f"{p['date']}\n{label}", rotation=90, fontsize=6,
                va="bottom", ha="right")  # fmt: skip
    ax.set_ylabel("lines on hold")
    ax.set_ylim(0, top * 1.05)
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.autofmt_xdate()
    return _svg(fig)


def _table(title: str, rows: Sequence[dict[str, Any]], what: str) -> str:
    if not rows:
        return f"<h2>{html.escape(title)}</h2><p>No change.</p>"
    body = "".join(
        f"<tr><td>{html.escape(str(r['key']))}</td><td class='n'>{r['lines']:,}</td>"
        f"<td class='n'>{float(r['value_usd'] or 0):,.2f}</td>"
        f"<td class='n'>{r['unknown_value']:,}</td></tr>"
        for r in rows[:25]
    )
    more = f"<p class='more'>{len(rows) - 25:,} more in changes.csv</p>" if len(rows) > 25 else ""
    return (
        f"<h2>{html.escape(title)}</h2><table><tr><th>{what}</th><th>lines</th>"
        f"<th>value USD</th><th>of unknown value</th></tr>{body}</table>{more}"
    )


def _lines_table(rows: Sequence[dict[str, Any]]) -> str:
    if not rows:
        return ""
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(str(r[k]) if r[k] is not None else 'unknown')}</td>"
            for k in ("shipment", "line", "item", "destination", "regime")
        )
        + f"<td><span class='o {r['from_outcome']}'>{r['from_outcome']}</span> → "
        f"<span class='o {r['to_outcome']}'>{r['to_outcome']}</span></td>"
        + f"<td class='n'>{_money(r['value_usd'])}</td>"
        + f"<td><code>{html.escape(r['rules'] or '')}</code></td></tr>"
        for r in rows
    )
    return (
        "<h2>Lines that change, largest value first</h2><table><tr><th>shipment</th>"
        "<th>line</th><th>item</th><th>destination</th><th>regime</th><th>outcome</th>"
        f"<th>value USD</th><th>clauses</th></tr>{body}</table>"
    )


def _short_usd(value: float) -> str:
    for scale, unit in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(value) >= scale:
            return f"{value / scale:g}{unit}"
    return f"{value:g}"


def _money(value: float | None) -> str:
    return "unknown" if value is None else f"{value:,.2f}"


def _timeline_table(s: ImpactSummary) -> str:
    if not s.timeline:
        return ""
    regimes = sorted({r for p in s.timeline for r in p["held"]})
    head = "".join(f"<th>{r} on hold</th>" for r in regimes)
    body = "".join(
        f"<tr><td>{p['date']}</td>"
        + "".join(f"<td class='n'>{p['held'].get(r, 0):,}</td>" for r in regimes)
        + f"<td>{html.escape('; '.join(p['events']))}</td></tr>"
        for p in s.timeline
    )
    return (
        "<h2>Dates on which the portfolio changes</h2>"
        f"<table><tr><th>date</th>{head}<th>pack instruments dated that day</th></tr>{body}</table>"
    )


_CSS = (
    """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:1100px;
color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em}
.lead{font-size:1.05em}
figure{margin:1em 0;page-break-inside:avoid}figcaption{font-weight:600;margin-bottom:.3em}
figure svg{max-width:100%;height:auto}
table{border-collapse:collapse;width:100%;font-size:.88em;page-break-inside:auto}
th,td{border-bottom:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}
tr{page-break-inside:avoid}td.n{text-align:right;font-variant-numeric:tabular-nums}
.o{padding:0 .3em;border-radius:3px;color:#fff;white-space:nowrap}
"""
    + "".join(f".o.{name}{{background:{colour}}}" for name, colour in COLOURS.items())
    + """
.more{color:#666;font-size:.85em}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}}
"""
)

"""Serialise a determination: JSON (the contract), a table for people, HTML for filing."""

from __future__ import annotations

import html
import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from longarm.domain.determination import Determination


def render(determination: Determination, fmt: str) -> str:
    if fmt == "json":
        return determination.dumps()
    if fmt == "table":
        return table(determination)
    if fmt == "html":
        return page(determination)
    raise ValueError(f"unknown format {fmt!r}")


def table(d: Determination) -> str:
    regimes = sorted(d.regimes)
    grid = Table(title=f"Shipment {d.shipment} as of {d.as_of}", show_lines=True)
    grid.add_column("line")
    for regime in regimes:
        grid.add_column(regime)
    for line in d.lines:
        cells = [escape(f"{line.item} x {line.quantity}")]
        for regime in regimes:
            result = line.regimes[regime]
            reasons = "\n".join(
                escape(f"- {r.rule} [{r.status.value}] {r.effect.value}: {r.detail}")
                for r in result.reasons
            )
            cells.append(f"[bold]{result.outcome.value}[/bold]\n{reasons}")
        grid.add_row(*cells)
    summary = "  ".join(f"{r}: {d.regimes[r].outcome.value}" for r in regimes)
    buffer = io.StringIO()
    console = Console(file=buffer, width=160, force_terminal=False, color_system=None)
    console.print(grid)
    console.print(f"overall: {d.overall.value}   hold: {d.hold}   {summary}")
    for warning in d.warnings:
        console.print(escape(f"warning: {warning}"))
    return buffer.getvalue()


def page(d: Determination) -> str:
    """A self-contained HTML report a compliance officer can file."""
    rows = []
    for line in d.lines:
        for regime, result in sorted(line.regimes.items()):
            reasons = "".join(
                f"<li><code>{html.escape(r.rule)}</code> ({html.escape(r.citation)}) "
                f"<b>{r.effect.value}</b> [{r.status.value}]: {html.escape(r.detail)}"
                f"{' path: ' + html.escape(' > '.join(r.path)) if r.path else ''}</li>"
                for r in result.reasons
            )
            rows.append(
                f"<tr><td>{html.escape(line.item)}</td><td>{regime}</td>"
                f"<td><b>{result.outcome.value}</b></td><td><ul>{reasons}</ul></td></tr>"
            )
    warnings = "".join(f"<li>{html.escape(w)}</li>" for w in d.warnings)
    packs = ", ".join(f"{p.regime} {p.version} (data as of {p.data_as_of})" for p in d.packs)
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>longarm determination {html.escape(d.shipment)}</title></head><body>"
        f"<h1>Shipment {html.escape(d.shipment)} as of {d.as_of}</h1>"
        f"<p>Overall: <b>{d.overall.value}</b>; hold: {d.hold}. Packs: {html.escape(packs)}</p>"
        "<table border='1'><tr><th>line</th><th>regime</th><th>outcome</th><th>reasons</th></tr>"
        f"{''.join(rows)}</table><h2>Warnings</h2><ul>{warnings}</ul></body></html>\n"
    )

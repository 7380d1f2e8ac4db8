"""`impact`: every line under two settings (two dates, or two sets of options), what changes.

Both sides are ordinary batch runs (recorded, audited, resumable); the comparison is SQL
over their rows in the store, so it stays flat in memory. `changes.csv` has one row per
line and regime whose outcome differs (CONTRACT.md section 8); the summary feeds the HTML
report (`longarm.report.impact`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

from longarm.batch.decide import BatchContext, decide_batch
from longarm.batch.runs import RunRequest, RunSummary, input_batch, run_batch
from longarm.batch.windows import date_events, law_key
from longarm.domain.vocab import RARE_EARTHS, Outcome
from longarm.options import resolve_options
from longarm.store.database import Store
from longarm.tables.reader import Tables, read_tables

CHANGE_COLUMNS = (
    "shipment",
    "line",
    "item",
    "regime",
    "from_outcome",
    "to_outcome",
    "value_usd",
    "rules",
)
TOP_ROWS = 25
"""Rows shown per table in the report (the CSV has them all)."""


@dataclass(frozen=True)
class Side:
    """One side of the comparison: a date override and/or a set of options."""

    label: str
    as_of: date | None
    options: dict[str, bool] = field(default_factory=dict)


@dataclass
class ImpactSummary:
    """What the report shows; every figure computed from the two runs' rows."""

    from_side: Side
    to_side: Side
    runs: tuple[RunSummary, RunSummary]
    lines: int
    changes: int
    value_usd: float
    flows: list[dict[str, Any]]
    by: dict[str, list[dict[str, Any]]]
    top_lines: list[dict[str, Any]]
    timeline: list[dict[str, Any]]
    packs: list[dict[str, Any]]
    files: list[Path] = field(default_factory=list)


def run_impact(
    folder: Path,
    out: Path,
    from_side: Side,
    to_side: Side,
    store: Store,
    *,
    regimes: list[str] | None = None,
    progress: bool = False,
    tables: Tables | None = None,
) -> ImpactSummary:
    """Run both sides, write `changes.csv` and `report.html` to `out`."""
    tables = tables or read_tables(folder)
    runs = []
    for side in (from_side, to_side):
        request = RunRequest(
            folder, None, as_of=side.as_of, regimes=regimes, options=side.options,
            progress=progress,
        )  # fmt: skip
        runs.append(run_batch(request, store, tables=tables))
    con = store.con
    _register_facts(con, tables)
    dataset = runs[0].dataset
    con.execute(_CHANGES, [runs[1].run_id, dataset, runs[0].run_id])
    out.mkdir(parents=True, exist_ok=True)
    target = out / "changes.csv"
    tmp = out / ".changes.csv.tmp"
    cols = ", ".join(CHANGE_COLUMNS)
    path = str(tmp).replace("'", "''")
    con.execute(
        f"COPY (SELECT {cols} FROM impact_changes ORDER BY seq, regime) "
        f"TO '{path}' (FORMAT csv, HEADER true)"
    )
    tmp.replace(target)
    summary = _summarise(con, tables, runs[0], runs[1], from_side, to_side)
    if from_side.as_of and to_side.as_of and from_side.options == to_side.options:
        summary.timeline = _timeline(con, tables, runs[0], from_side, to_side)
    from longarm.report.impact import write_report

    summary.files = [target, write_report(summary, out)]
    return summary


_CHANGES = """
CREATE OR REPLACE TEMP TABLE impact_changes AS
SELECT a.seq, a.shipment, a.line, a.item, a.regime, a.outcome AS from_outcome,
       b.outcome AS to_outcome,
       round(a.quantity * v.unit_value_usd, 2) AS value_usd,
       CASE WHEN sb.severity >= sa.severity THEN b.rules ELSE a.rules END AS rules,
       l.destination, coalesce(l.end_user, l.consignee) AS customer
FROM batch_rows a
JOIN batch_rows b ON b.run_id = ? AND b.seq = a.seq AND b.regime = a.regime
JOIN erp_lines l ON l.dataset = ? AND l.seq = a.seq
JOIN impact_severity sa ON sa.outcome = a.outcome
JOIN impact_severity sb ON sb.outcome = b.outcome
LEFT JOIN impact_items v ON v.id = a.item
WHERE a.run_id = ? AND a.outcome <> b.outcome
"""


def _register_facts(con: Any, tables: Tables) -> None:
    """Item values in USD and rare-earth content, party names, outcome severities."""
    cat = tables.catalogue
    ids, values, elements = [], [], []
    for item in cat.items.values():
        ids.append(item.id)
        value = None
        if item.unit_value is not None:
            rate = 1 if item.currency == "USD" else cat.fx.get(item.currency)
            value = None if rate is None else float(item.unit_value * rate)
        values.append(value)
        found = {
            m.element
            for sub in cat.subtree(item.id)
            for m in cat.items[sub].materials
            if m.element in RARE_EARTHS
        }
        elements.append(sorted(found))
    con.register(
        "impact_items",
        pa.table(
            {"id": ids, "unit_value_usd": pa.array(values, pa.float64()), "elements": elements}
        ),
    )
    con.register(
        "impact_parties",
        pa.table({"id": list(cat.parties), "name": [p.name for p in cat.parties.values()]}),
    )
    con.register(
        "impact_severity",
        pa.table(
            {"outcome": [o.value for o in Outcome], "severity": [o.severity for o in Outcome]}
        ),
    )


def _rows(con: Any, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _summarise(
    con: Any, tables: Tables, a: RunSummary, b: RunSummary, from_side: Side, to_side: Side
) -> ImpactSummary:
    flows = _rows(
        con,
        "SELECT x.regime, x.outcome AS from_outcome, y.outcome AS to_outcome, count(*) AS n "
        "FROM batch_rows x JOIN batch_rows y ON y.run_id = ? AND y.seq = x.seq "
        "AND y.regime = x.regime WHERE x.run_id = ? GROUP BY ALL ORDER BY ALL",
        [b.run_id, a.run_id],
    )
    group = (
        "SELECT {key} AS key, count(*) AS lines, "
        "round(sum(coalesce(value_usd, 0)), 2) AS value_usd, "
        "count(*) FILTER (WHERE value_usd IS NULL) AS unknown_value "
        "FROM {source} GROUP BY ALL ORDER BY value_usd DESC, lines DESC, key"
    )
    by = {
        "regime": _rows(con, group.format(key="regime", source="impact_changes")),
        "clause": _rows(
            con,
            group.format(
                key="rule",
                source="(SELECT *, unnest(CASE WHEN rules = '' THEN ['(none)'] "
                "ELSE string_split(rules, ';') END) AS rule FROM impact_changes)",
            ),
        ),
        "destination": _rows(con, group.format(key="destination", source="impact_changes")),
        "element": _rows(
            con,
            group.format(
                key="element",
                source="(SELECT c.*, unnest(v.elements) AS element FROM impact_changes c "
                "JOIN impact_items v ON v.id = c.item)",
            ),
        ),
        "item": _rows(con, group.format(key="item", source="impact_changes")),
        "customer": _rows(
            con,
            group.format(
                key="coalesce(p.name || ' (' || c.customer || ')', '(no end user named)')",
                source="impact_changes c LEFT JOIN impact_parties p ON p.id = c.customer",
            ),
        ),
        "flip": _rows(
            con,
            group.format(
                key="regime || ': ' || from_outcome || ' -> ' || to_outcome",
                source="impact_changes",
            ),
        ),
    }
    top = _rows(
        con,
        "SELECT shipment, line, item, regime, from_outcome, to_outcome, value_usd, rules, "
        "destination FROM impact_changes ORDER BY value_usd DESC NULLS LAST, seq, regime "
        f"LIMIT {TOP_ROWS}",
    )
    totals = con.execute(
        "SELECT count(*), coalesce(sum(value_usd), 0) FROM impact_changes"
    ).fetchall()[0]
    packs = con.execute("SELECT packs FROM batch_runs WHERE run_id = ?", [a.run_id]).fetchall()

    return ImpactSummary(
        from_side=from_side,
        to_side=to_side,
        runs=(a, b),
        lines=a.lines,
        changes=int(totals[0]),
        value_usd=float(totals[1]),
        flows=flows,
        by=by,
        top_lines=top,
        timeline=[],
        packs=json.loads(packs[0][0]) if packs else [],
    )


def _timeline(
    con: Any, tables: Tables, run: RunSummary, from_side: Side, to_side: Side
) -> list[dict[str, Any]]:
    """The portfolio on each date between the two on which a pack may change the law,
    kept where its outcomes change: lines on hold and held value per regime."""
    assert from_side.as_of is not None and to_side.as_of is not None
    lo, hi = sorted((from_side.as_of, to_side.as_of))
    context = BatchContext(tables.catalogue, tuple(_packs(run)), from_side.options, lo)
    events = date_events(context.packs)
    options = resolve_options(from_side.options)
    dates = []
    last_law: tuple[object, ...] | None = None
    for day in [lo, *context.windows.changes_between(lo, hi)]:
        law = law_key(context.packs, day, options)
        if law != last_law:  # the law did not move on this date: nothing can change
            dates.append(day)
        last_law = law
    points: list[dict[str, Any]] = []
    previous: dict[str, Any] | None = None
    for day in dates:
        context.as_of = day
        held: dict[str, int] = {}
        outcomes: dict[str, dict[str, int]] = {}
        for batch in _stream(con, run.dataset, run.lines):
            rows = decide_batch(batch, context).to_pydict()
            for regime, outcome, hold in zip(
                rows["regime"], rows["outcome"], rows["hold"], strict=True
            ):
                counts = outcomes.setdefault(regime, {})
                counts[outcome] = counts.get(outcome, 0) + 1
                held[regime] = held.get(regime, 0) + int(hold)
        state = {"outcomes": outcomes}
        if previous is None or state != previous:
            points.append(
                {"date": day, "held": held, "outcomes": outcomes, "events": events.get(day, [])}
            )
        previous = state
    return points


def _packs(run: RunSummary) -> list[Any]:
    from longarm.rulebook.loader import load_pack

    return [load_pack(r) for r in run.regimes]


def _stream(con: Any, dataset: str, n_lines: int, rows: int = 8192) -> Iterator[pa.RecordBatch]:
    for lo in range(0, n_lines, rows):
        yield input_batch(con, dataset, lo, lo + rows)

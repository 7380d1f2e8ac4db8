"""A batch run: tables in, rows checkpointed in the store batch by batch, files out.

A run is named by what decides its rows (the tables' content, the packs' hashes, the
options, the date override, the regimes), so the same command started again finds its
run and resumes after the last checkpoint: each batch's rows and its checkpoint commit in
one transaction, so a kill at any moment loses at most the batch in flight and never
writes one twice. The output files are written from the store at the end, each to a
temporary name and then renamed, so a reader never sees a half-written file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from longarm.batch.decide import BatchContext, decide_batch
from longarm.batch.inputs import BATCH_ROWS
from longarm.batch.loader import load_tables
from longarm.batch.progress import line_progress
from longarm.batch.schema import INPUT_SCHEMA, ROW_COLUMNS
from longarm.domain.determination import PackInfo
from longarm.errors import LongarmError
from longarm.options import resolve_options
from longarm.rulebook.loader import Pack, available_regimes, load_pack
from longarm.store.audit import append_audit, cli_actor
from longarm.store.database import Store
from longarm.store.determinations import note_packs
from longarm.tables.reader import Tables, read_tables

Decider = Callable[[pa.RecordBatch, BatchContext], pa.RecordBatch]

DDL = """
CREATE TABLE IF NOT EXISTS batch_runs (
    run_id VARCHAR PRIMARY KEY, dataset VARCHAR, status VARCHAR, started_at VARCHAR,
    finished_at VARCHAR, as_of VARCHAR, regimes VARCHAR, packs VARCHAR, options VARCHAR,
    engine VARCHAR, batch_rows BIGINT, n_lines BIGINT, counts VARCHAR, inputs VARCHAR);
CREATE TABLE IF NOT EXISTS batch_checkpoints (
    run_id VARCHAR, batch_no BIGINT, n_rows BIGINT, PRIMARY KEY (run_id, batch_no));
CREATE TABLE IF NOT EXISTS batch_rows (
    run_id VARCHAR, seq BIGINT, shipment VARCHAR, line BIGINT, item VARCHAR, quantity DOUBLE,
    regime VARCHAR, outcome VARCHAR, hold BOOLEAN, rules VARCHAR, reason_key VARCHAR);
CREATE TABLE IF NOT EXISTS batch_reasons (
    run_id VARCHAR, reason_key VARCHAR, reasons VARCHAR, PRIMARY KEY (run_id, reason_key));
"""


@dataclass(frozen=True)
class RunRequest:
    folder: Path
    out: Path | None
    as_of: date | None = None
    regimes: list[str] | None = None
    options: dict[str, bool] = field(default_factory=dict)
    engine: str = "local"
    batch_rows: int = BATCH_ROWS
    progress: bool = True


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    dataset: str
    regimes: tuple[str, ...]
    lines: int
    rows: int
    resumed_batches: int
    decided: int
    counts: dict[str, dict[str, int]]
    files: tuple[Path, ...]


def run_batch(request: RunRequest, store: Store, *, tables: Tables | None = None) -> RunSummary:
    """Run (or resume) one batch; bad input raises before anything is written."""
    tables = tables or read_tables(request.folder)
    packs = [load_pack(r) for r in (request.regimes or available_regimes())]
    store.ensure_schema("batch", DDL)
    dataset = load_tables(store, tables)
    options = resolve_options(request.options)
    infos = [_info(p) for p in packs]
    run_id = _run_id(dataset, infos, options, request.as_of)
    con = store.con
    n_lines = len(tables.lines)
    found = con.execute(
        "SELECT batch_rows, status FROM batch_runs WHERE run_id = ?", [run_id]
    ).fetchall()
    if not found:
        with store.transaction():
            con.execute(
                "INSERT INTO batch_runs (run_id, dataset, status, started_at, as_of, regimes, "
                "packs, options, engine, batch_rows, n_lines, inputs) "
                "VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    run_id,
                    dataset,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                    request.as_of.isoformat() if request.as_of else None,
                    ",".join(p.regime for p in infos),
                    json.dumps([p.to_json() for p in infos], sort_keys=True),
                    json.dumps(options, sort_keys=True),
                    request.engine,
                    request.batch_rows,
                    n_lines,
                    json.dumps(tables.sha256, sort_keys=True),
                ],
            )
        size, status = request.batch_rows, "running"
    else:
        size, status = int(found[0][0]), str(found[0][1])  # a resumed run keeps its size
    last = con.execute(
        "SELECT coalesce(max(batch_no), -1) FROM batch_checkpoints WHERE run_id = ?", [run_id]
    ).fetchall()[0][0]
    n_batches = -(-n_lines // size)
    context = BatchContext(tables.catalogue, tuple(packs), request.options, request.as_of)
    decide = _decider(request.engine, context)
    start = int(last) + 1
    with line_progress(n_lines, min(start * size, n_lines), enabled=request.progress) as advance:
        for batch_no in range(start, n_batches):
            batch = input_batch(con, dataset, batch_no * size, (batch_no + 1) * size)
            _write_batch(store, run_id, batch_no, decide(batch, context))
            advance(batch.num_rows)
    counts = _counts(con, run_id)
    files = _export(con, run_id, request.out) if request.out is not None else ()
    n_rows = sum(sum(v.values()) for v in counts.values())
    if status != "complete":
        with store.transaction():
            con.execute(
                "UPDATE batch_runs SET status = 'complete', finished_at = ?, counts = ? "
                "WHERE run_id = ?",
                [datetime.now(UTC).isoformat(timespec="seconds"), json.dumps(counts), run_id],
            )
            note_packs(store, tuple(infos), actor=cli_actor())
            append_audit(
                store,
                actor=cli_actor(),
                action="batch_run",
                inputs_sha256=tables.sha256,
                packs=[p.to_json() for p in infos],
                options=options,
                result={
                    "run_id": run_id,
                    "as_of": request.as_of.isoformat() if request.as_of else None,
                    "lines": n_lines,
                    "rows": n_rows,
                    "counts": counts,
                },
            )
    regimes = tuple(p.regime for p in infos)
    return RunSummary(
        run_id, dataset, regimes, n_lines, n_rows, start, context.decided, counts, files
    )


def _decider(engine: str, context: BatchContext) -> Decider:
    if engine == "local":
        return decide_batch
    if engine == "spark":
        try:
            from longarm.batch import spark
        except ImportError as exc:
            raise LongarmError(
                f"--engine spark is not available here ({exc}); install the extra: "
                "pip install -e '.[spark]'"
            ) from exc
        found: Decider = spark.spark_decider(context)
        return found
    raise LongarmError(f"--engine: unknown engine {engine!r}; expected local or spark")


def _run_id(
    dataset: str, infos: list[PackInfo], options: dict[str, bool], as_of: date | None
) -> str:
    key = {
        "dataset": dataset,
        "packs": sorted((p.regime, p.sha256) for p in infos),
        "options": options,
        "as_of": as_of.isoformat() if as_of else None,
    }
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:32]


def _info(pack: Pack) -> PackInfo:
    m = pack.manifest
    return PackInfo(m.regime, m.version, pack.sha256, m.data_as_of)


def input_batch(con: Any, dataset: str, lo: int, hi: int) -> pa.RecordBatch:
    """The stored input lines with `lo <= seq < hi`, as one record batch."""
    names = ", ".join(INPUT_SCHEMA.names)
    table = con.sql(
        f"SELECT {names} FROM erp_lines WHERE dataset = ? AND seq >= ? AND seq < ? ORDER BY seq",
        params=[dataset, lo, hi],
    ).to_arrow_table()
    batches = table.cast(INPUT_SCHEMA).combine_chunks().to_batches()
    return batches[0] if batches else INPUT_SCHEMA.empty_table().to_batches()[0]


def _write_batch(store: Store, run_id: str, batch_no: int, rows: pa.RecordBatch) -> None:
    """One batch's rows, its distinct reasons and its checkpoint, in one transaction."""
    table = pa.Table.from_batches([rows])
    encoded = pc.dictionary_encode(table.column("reasons")).combine_chunks()
    texts = encoded.dictionary.to_pylist()
    keys = pa.array([hashlib.sha256(t.encode()).hexdigest()[:32] for t in texts])
    table = table.drop_columns(["reasons"]).append_column("reason_key", keys.take(encoded.indices))
    reasons = pa.table({"reason_key": keys, "reasons": pa.array(texts, pa.string())})
    con = store.con
    with store.transaction():
        con.register("batch_chunk", table)
        con.register("batch_chunk_reasons", reasons)
        try:
            con.execute(
                "INSERT INTO batch_rows SELECT ?, seq, shipment, line, item, quantity, regime, "
                "outcome, hold, rules, reason_key FROM batch_chunk",
                [run_id],
            )
            con.execute(
                "INSERT OR IGNORE INTO batch_reasons SELECT ?, reason_key, reasons "
                "FROM batch_chunk_reasons",
                [run_id],
            )
            con.execute(
                "INSERT INTO batch_checkpoints VALUES (?, ?, ?)", [run_id, batch_no, rows.num_rows]
            )
        finally:
            con.unregister("batch_chunk")
            con.unregister("batch_chunk_reasons")


def _counts(con: Any, run_id: str) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = {}
    for regime, outcome, n in con.execute(
        "SELECT regime, outcome, count(*) FROM batch_rows WHERE run_id = ? "
        "GROUP BY regime, outcome ORDER BY regime, outcome",
        [run_id],
    ).fetchall():
        found.setdefault(str(regime), {})[str(outcome)] = int(n)
    return found


def rows_query(run_id: str) -> tuple[str, list[Any]]:
    """SQL for a run's rows in contract column order (and `seq` order)."""
    columns = ", ".join(f"r.{c}" if c != "reasons" else "x.reasons" for c in ROW_COLUMNS)
    return (
        f"SELECT {columns} FROM batch_rows r JOIN batch_reasons x "
        "ON x.run_id = r.run_id AND x.reason_key = r.reason_key "
        "WHERE r.run_id = ? ORDER BY r.seq, r.regime",
        [run_id],
    )


def _export(con: Any, run_id: str, out: Path) -> tuple[Path, ...]:
    out.mkdir(parents=True, exist_ok=True)
    query, params = rows_query(run_id)
    written = []
    for name, fmt in (
        ("lines.parquet", "FORMAT parquet"),
        ("lines.csv", "FORMAT csv, HEADER true"),
    ):
        target = out / name
        tmp = out / f".{name}.tmp"
        con.execute(f"COPY ({query}) TO '{_sql_path(tmp)}' ({fmt})", params)
        tmp.replace(target)
        written.append(target)
    return tuple(written)


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")

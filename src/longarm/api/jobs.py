"""Batch jobs of the server: uploaded ERP tables run (or compared between two dates or two
option settings) by `longarm.batch` in a background thread, one job at a time.

Uploads land in their own folder under the upload directory, under the contract's table
names only (`items.csv`, `bom.parquet`...), so a file name cannot write anywhere else. The
runner shares the server's store: its own DuckDB cursor, the store's lock for transactions,
so batch checkpoints and the requests' audit records never collide.
"""

from __future__ import annotations

import json
import logging
import queue
import secrets
import shutil
import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from longarm.api.problems import ApiError
from longarm.errors import LongarmError
from longarm.store.audit import append_audit
from longarm.store.database import Store

TABLE_NAMES = ("items", "bom", "parties", "owners", "shipments", "lines", "fx")
SUFFIXES = (".csv", ".parquet", ".xlsx")
RESULT_FILES = ("lines.csv", "lines.parquet", "changes.csv", "report.html")
"""The only files of a job's output a client may download."""

log = logging.getLogger("longarm.api")


@dataclass
class Job:
    """One batch job and what it has done so far."""

    id: str
    kind: str
    """`run` (one batch run) or `impact` (two runs compared)."""
    actor: str
    created_at: str
    folder: Path
    out: Path
    as_of: date | None = None
    from_date: date | None = None
    to_date: date | None = None
    from_options: dict[str, bool] = field(default_factory=dict)
    to_options: dict[str, bool] = field(default_factory=dict)
    state: str = "queued"
    lines: int = 0
    inputs: str = ""
    result: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    @property
    def runs(self) -> int:
        return 2 if self.kind == "impact" else 1

    def files(self) -> list[str]:
        return [n for n in RESULT_FILES if (self.out / n).is_file()]

    def to_json(self, done: int) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "state": self.state,
            "created_at": self.created_at,
            "actor": self.actor,
            "as_of": _iso(self.as_of),
            "from": _iso(self.from_date),
            "to": _iso(self.to_date),
            "from_options": self.from_options,
            "to_options": self.to_options,
            "lines": self.lines,
            "total": self.lines * self.runs,
            "done": done,
            "result": self.result,
            "error": self.error,
            "files": self.files(),
        }


def save_uploads(folder: Path, files: list[tuple[str, bytes]]) -> None:
    """Write uploaded tables into `folder` under their contract names; 422 for any other."""
    folder.mkdir(parents=True, exist_ok=False)
    seen: set[str] = set()
    for n, (name, content) in enumerate(files):
        base = Path(name.replace("\\", "/")).name
        stem, suffix = Path(base).stem.lower(), Path(base).suffix.lower()
        if stem not in TABLE_NAMES or suffix not in SUFFIXES:
            raise ApiError(
                422,
                f"{base!r} is not a table of CONTRACT section 8 (expected one of "
                f"{', '.join(TABLE_NAMES)} as {', '.join(SUFFIXES)})",
                field=f"files[{n}]",
            )
        if stem in seen:
            raise ApiError(422, f"table {stem} uploaded twice", field=f"files[{n}]")
        seen.add(stem)
        target = (folder / f"{stem}{suffix}").resolve()
        if target.parent != folder.resolve():  # cannot happen with the names above; never trust
            raise ApiError(422, "file name outside the upload folder", field=f"files[{n}]")
        target.write_bytes(content)
    if not seen:
        raise ApiError(422, "no table uploaded", field="files")


def copy_demo_tables(folder: Path) -> None:
    """The bundled demo ERP extract, as if uploaded."""
    source = Path(str(resources.files("longarm") / "demo" / "tables"))
    folder.mkdir(parents=True, exist_ok=False)
    for path in sorted(source.glob("*.csv")):
        shutil.copyfile(path, folder / path.name)


class JobRunner:
    """Runs queued jobs one at a time on a background thread."""

    def __init__(self, store: Store, root: Path) -> None:
        self.store = store
        self.root = root
        self.jobs: dict[str, Job] = {}
        self._queue: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="longarm-batch", daemon=True)
        self._thread.start()

    def new_job(self, kind: str, actor: str) -> Job:
        ident = "j-" + secrets.token_hex(8)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        base = self.root / ident
        return Job(ident, kind, actor, now, base / "tables", base / "out")

    def submit(self, job: Job) -> Job:
        self.jobs[job.id] = job
        self._queue.put(job)
        return job

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=60)

    def progress(self, job: Job) -> int:
        """Lines decided so far, over the job's runs (from the batch checkpoints)."""
        if job.state == "done":
            return job.lines * job.runs
        if job.state != "running" or not job.inputs:
            return 0
        with self.store.lock:
            try:
                rows = self.store.con.execute(
                    "SELECT r.batch_rows, r.n_lines, count(c.batch_no) FROM batch_runs r "
                    "LEFT JOIN batch_checkpoints c USING (run_id) WHERE r.inputs = ? "
                    "AND r.started_at >= ? GROUP BY r.run_id, r.batch_rows, r.n_lines",
                    [job.inputs, job.created_at],
                ).fetchall()
            except Exception:  # the batch tables do not exist before the first run
                return 0
        return min(job.lines * job.runs, sum(min(int(b) * int(c), int(n)) for b, n, c in rows))

    def _run(self) -> None:
        while (job := self._queue.get()) is not None:
            job.state = "running"
            try:
                job.result = self._execute(job)
                job.state = "done"
            except LongarmError as exc:
                job.state, job.error = "failed", str(exc).replace(str(job.folder), "tables")
            except Exception:
                log.exception("batch job %s failed", job.id)
                job.state, job.error = "failed", "unexpected error; see the server log"

    def _execute(self, job: Job) -> dict[str, Any]:
        from longarm.batch.runs import RunRequest, run_batch
        from longarm.tables.reader import read_tables

        tables = read_tables(job.folder)
        job.lines = len(tables.lines)
        job.inputs = json.dumps(tables.sha256, sort_keys=True)
        view = Store(self.store.path, self.store.con.cursor())
        view.lock = self.store.lock  # transactions of the runner and the requests never overlap
        job.out.mkdir(parents=True, exist_ok=True)
        result: dict[str, Any]
        try:
            if job.kind == "impact":
                from longarm.batch.impact import Side, run_impact

                summary = run_impact(
                    job.folder,
                    job.out,
                    Side("from", job.from_date, job.from_options),
                    Side("to", job.to_date, job.to_options),
                    view,
                    tables=tables,
                )
                result = {"lines": summary.lines, "changes": summary.changes,
                          "value_usd": summary.value_usd}  # fmt: skip
            else:
                run = run_batch(
                    RunRequest(job.folder, job.out, as_of=job.as_of, progress=False),
                    view,
                    tables=tables,
                )
                result = {"run_id": run.run_id, "lines": run.lines, "rows": run.rows,
                          "counts": run.counts}  # fmt: skip
            with view.transaction():  # who uploaded what: the batch run itself is audited too
                record = {"job": job.id, **result}
                append_audit(
                    view, actor=job.actor, action="import", inputs_sha256=tables.sha256,
                    result=record,
                )  # fmt: skip
        finally:
            view.con.close()
        return result


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None

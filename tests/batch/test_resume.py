"""A run killed with SIGKILL at random moments and started again with the same command
ends with exactly the rows of an uninterrupted run (CONTRACT.md 8): none lost, none twice.

Strategy: a few hundred lines made from a contract case on many dates; the real CLI in a
subprocess with small batches (so kills land mid-run, mid-transaction or mid-export);
a bounded number of kills at seeded random delays.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
from tablekit import write_cases
from testkit import SHARED

from longarm.io.case_reader import read_case

LONGARM = str(Path(sys.executable).parent / "longarm")
DATES = ["2025-12-01", "2026-11-09", "2026-11-10", "2026-11-11", "2026-11-27", "2027-01-05"]


def _tables(folder: Path, shipments: int = 60) -> Path:
    base = read_case(SHARED / "cases" / "us_deminimis_server_to_china.yaml")
    lines = [*base.shipment.lines, *base.shipment.lines]
    cases = [
        base.replace(
            as_of=DATES[n % len(DATES)],
            shipment=base.shipment.model_copy(update={"id": f"S{n:04d}", "lines": lines}),
        )
        for n in range(shipments)
    ]
    return write_cases(folder, cases)


def _command(tables: Path, out: Path, store: Path, rows: int = 4) -> list[str]:
    return [LONGARM, "batch", str(tables), "--out", str(out), "--store", str(store),
            "--batch-rows", str(rows), "--no-progress"]  # fmt: skip


def test_killed_runs_resume_to_the_same_rows(tmp_path: Path) -> None:
    tables = _tables(tmp_path / "tables")
    whole = tmp_path / "whole"
    # Batch size does not change the rows: the uninterrupted run may use big batches.
    subprocess.run(
        _command(tables, whole, tmp_path / "a.duckdb", 64), check=True, capture_output=True
    )

    # Kill moments scale with how long this machine takes for the same small-batch run, so
    # kills land mid-run on a quiet machine as on a loaded one.
    started = time.monotonic()
    subprocess.run(
        _command(tables, tmp_path / "timed", tmp_path / "c.duckdb"), check=True, capture_output=True
    )
    duration = time.monotonic() - started

    rng = random.Random(7)
    resumed = tmp_path / "resumed"
    command = _command(tables, resumed, tmp_path / "b.duckdb")
    kills = 0
    for _ in range(4):
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.25, 0.6) * duration)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
    assert kills >= 1, "no run was killed: the data set is too small for the test"
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    assert "run " in done.stdout

    assert (resumed / "lines.csv").read_bytes() == (whole / "lines.csv").read_bytes()
    assert pq.read_table(resumed / "lines.parquet").equals(pq.read_table(whole / "lines.parquet"))
    con = duckdb.connect(str(tmp_path / "b.duckdb"), read_only=True)
    try:
        total, distinct = con.execute(
            "SELECT count(*), count(DISTINCT (seq, regime)) FROM batch_rows"
        ).fetchone()
    finally:
        con.close()
    assert total == distinct == pq.read_table(whole / "lines.parquet").num_rows

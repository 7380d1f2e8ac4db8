"""Benchmark: `longarm batch` shipment lines per second, end to end after loading.

A synthetic ERP extract (`longarm.synthetic`: catalogue with multi-level BOMs, parties
with ownership, a year of lines across the 2026-11 dates; customers reorder from their
own assortment, as order lines mostly repeat) is written as CSV tables, read and loaded
into a fresh store (timed apart: "loading"), then run with both regimes (CN and US) to
`lines.parquet` / `lines.csv` through `longarm.batch.runs.run_batch`: that run is the
figure. The baseline, in the same run, is the single-case engine: `determine()` on the
case file of each of the first shipments (built by the generator from the same tables).

Usage: python bench/batch.py [--quick] [--lines N]. The last line is the contract's JSON.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from longarm.batch.loader import load_tables
from longarm.batch.runs import RunRequest, run_batch
from longarm.domain.case import Case
from longarm.engine import determine
from longarm.store.database import Store
from longarm.synthetic.cases import case_for_shipment
from longarm.synthetic.supply import generate_supply_chain
from longarm.synthetic.tables import write_tables
from longarm.tables.reader import read_tables


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--lines", type=int, default=None)
    args = parser.parse_args()
    n_lines = args.lines or (2_000 if args.quick else 200_000)
    customers, assortment = (5, 3) if args.quick else (40, 6)
    chain = generate_supply_chain(
        1_000, 4_000, n_lines, seed=17, customers=customers, assortment=assortment
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "tables"
        write_tables(chain, folder, "csv")
        start = time.perf_counter()
        tables = read_tables(folder)
        with Store.open(Path(tmp) / "store.duckdb") as store:
            load_tables(store, tables)
            load_s = time.perf_counter() - start
            start = time.perf_counter()
            request = RunRequest(folder, Path(tmp) / "out", progress=False)
            summary = run_batch(request, store, tables=tables)
            run_s = time.perf_counter() - start
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    sample = min(len(chain.shipments.ids), 10 if args.quick else 60)
    cases = [Case.model_validate(case_for_shipment(chain, k)) for k in range(sample)]
    start = time.perf_counter()
    single_lines = sum(len(determine(case).lines) for case in cases)
    single_s = time.perf_counter() - start

    lines_per_s = summary.lines / run_s
    single_per_s = single_lines / single_s
    print(
        f"{summary.lines} lines ({summary.rows} rows, CN and US), {summary.decided} distinct "
        f"signatures decided: {run_s:.1f} s, {lines_per_s:.0f} lines/s; loading {load_s:.1f} s"
    )
    print(f"determine() per shipment on {sample} shipments: {single_per_s:.1f} lines/s")
    print(
        json.dumps(
            {
                "benchmark": "batch",
                "figures": {
                    "lines_per_s": round(lines_per_s, 1),
                    "lines": summary.lines,
                    "rows": summary.rows,
                    "signatures_decided": summary.decided,
                    "run_s": round(run_s, 2),
                    "load_s": round(load_s, 2),
                    "peak_rss_mb": round(rss_mb, 1),
                },
                "baselines": {"single_case_lines_per_s": round(single_per_s, 1)},
                "ratios": {"vs_single_case": round(lines_per_s / single_per_s, 1)},
            },
            sort_keys=True,
        )
    )


if __name__ == "__main__":
    main()

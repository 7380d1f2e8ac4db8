"""Benchmark: rendering the filed determination report (HTML and PDF) and the terminal table.

Two cases: the report showcase (two lines, three-level bill of materials, Chinese party names,
an Entity List owner, unknown facts: the report a compliance officer files) and a shipment of
the synthetic ERP extract (`longarm.synthetic`, as in `rollup.py`: several lines, multi-level
bills of materials, parties with owners). Each is
determined once; then the renderings are timed, median of several runs after one warm-up
(the warm-up includes WeasyPrint's import and font discovery, reported as `pdf_first_ms`).

Baseline: the issue's target of 2 s per PDF (there is no earlier PDF to compare with).

Usage: python bench/report.py [--quick]. The last line is the contract's JSON (section 7).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from longarm.domain.case import Case
from longarm.engine import determine
from longarm.io.case_reader import read_case
from longarm.report.determination import render_report_html, render_report_pdf
from longarm.report.table import render_table
from longarm.report.view import line_trees
from longarm.synthetic.cases import case_for_shipment
from longarm.synthetic.supply import generate_supply_chain

SHOWCASE = Path(__file__).resolve().parents[1] / "tests" / "report" / "showcase.yaml"
TARGET_PDF_MS = 2000.0


CPU_MS: dict[str, float] = {}
"""Median CPU milliseconds of the last `timed` call, by label: on this shared machine wall
time moves with the other processes' load, CPU time much less."""


def timed(fn: Callable[[], object], runs: int, label: str = "") -> tuple[float, object]:
    """Median wall-clock milliseconds of `runs` calls, and the last result."""
    times, cpu = [], []
    result: object = None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    if label:
        CPU_MS[label] = round(statistics.median(cpu), 1)
    return statistics.median(times), result


def pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs = 3 if args.quick else 7

    showcase = read_case(SHOWCASE)
    synthetic = Case.model_validate(
        case_for_shipment(generate_supply_chain(60, 150, 5, seed=11), 0)
    )
    figures: dict[str, float] = {}
    for name, case in (("showcase", showcase), ("synthetic", synthetic)):
        figures.update(measure(name, case, runs, cold=name == "showcase"))
    worst = max(figures["showcase_pdf_ms"], figures["synthetic_pdf_ms"])
    print(
        json.dumps(
            {
                "benchmark": "report",
                "figures": figures,
                "baselines": {"target_pdf_ms": TARGET_PDF_MS},
                "ratios": {"target_over_slowest_pdf": round(TARGET_PDF_MS / worst, 2)},
            }
        )
    )


def measure(name: str, case: Case, runs: int, *, cold: bool) -> dict[str, float]:
    """Figures of one case, keyed `NAME_...`; `cold` also times the very first PDF."""
    determination = determine(case)
    figures: dict[str, float] = {}
    if cold:
        first, _ = timed(lambda: render_report_pdf(determination, case), 1, "first")
        figures["pdf_first_ms"] = round(first, 1)
        figures["pdf_first_cpu_ms"] = CPU_MS["first"]
    html_ms, _ = timed(lambda: render_report_html(determination, case), runs)
    pdf_ms, pdf = timed(lambda: render_report_pdf(determination, case), runs, "pdf")
    table_ms, _ = timed(lambda: render_table(determination, case, width=120), runs)
    assert isinstance(pdf, bytes)
    figures[f"{name}_html_ms"] = round(html_ms, 1)
    figures[f"{name}_pdf_ms"] = round(pdf_ms, 1)
    figures[f"{name}_pdf_cpu_ms"] = CPU_MS["pdf"]
    figures[f"{name}_pdf_pages"] = pages(pdf)
    figures[f"{name}_pdf_kb"] = round(len(pdf) / 1024, 1)
    figures[f"{name}_table_ms"] = round(table_ms, 1)
    figures[f"{name}_bom_paths"] = sum(_rows(case, line.item) for line in case.shipment.lines)
    figures[f"{name}_bom_rows_drawn"] = sum(len(t.rows) for t in line_trees(case, determination))
    print(f"{name}: html {html_ms:.0f} ms, pdf {pdf_ms:.0f} ms", file=sys.stderr)
    return figures


def _rows(case: Case, item_id: str) -> int:
    item = case.items_by_id[item_id]
    return 1 + sum(_rows(case, c.item) for c in item.components)


if __name__ == "__main__":
    main()

"""`longarm batch` as a user runs it (CONTRACT.md 8): files, run record, audit, bad input."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
from tablekit import case_tables, renamed, write_cases, write_tables
from testkit import SHARED
from typer.testing import CliRunner

from longarm.cli import app
from longarm.domain.case import Case
from longarm.engine import determine
from longarm.io.case_reader import read_case

runner = CliRunner()
CASES = sorted((SHARED / "cases").glob("*.yaml"))
COLUMNS = ["shipment", "line", "item", "quantity", "regime", "outcome", "hold", "rules", "reasons"]


def _cases() -> list[Case]:
    # The contract cases in one catalogue, ids prefixed so that they do not clash.
    return [renamed(read_case(p), f"c{n}.") for n, p in enumerate(CASES)]


def test_batch_writes_contract_rows_run_record_and_audit(tmp_path: Path) -> None:
    cases = _cases()
    folder = write_cases(tmp_path / "tables", cases)
    store = tmp_path / "s.duckdb"
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["batch", str(folder), "--out", str(out), "--store", str(store), "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader((out / "lines.csv").read_text().splitlines()))
    assert list(rows[0]) == COLUMNS
    assert pq.read_table(out / "lines.parquet").column_names == COLUMNS
    expected = {}
    for case in cases:
        d = determine(case, alternatives=False)
        for n, line in enumerate(d.lines, start=1):
            for regime, res in line.regimes.items():
                expected[case.shipment.id, str(n), regime] = (
                    res.outcome.value,
                    [r.to_json() for r in res.reasons],
                )
    got = {(r["shipment"], r["line"], r["regime"]): r for r in rows}
    assert set(got) == set(expected)
    for key, (outcome, reasons) in expected.items():
        assert got[key]["outcome"] == outcome
        assert json.loads(got[key]["reasons"]) == reasons
        assert got[key]["hold"] == (
            "true" if outcome not in ("not_subject", "no_license_required") else "false"
        )
    con = duckdb.connect(str(store), read_only=True)
    try:
        runs = con.execute("SELECT status, n_lines, packs, inputs FROM batch_runs").fetchall()
        audit = con.execute("SELECT action, result FROM audit_log ORDER BY seq").fetchall()
    finally:
        con.close()
    assert len(runs) == 1 and runs[0][0] == "complete" and runs[0][1] == len(rows) // 2
    assert {p["regime"] for p in json.loads(runs[0][2])} == {"CN", "US"}
    assert set(json.loads(runs[0][3])) >= {"items.csv", "lines.csv", "shipments.csv"}
    batch_runs = [json.loads(r) for a, r in audit if a == "batch_run"]
    assert len(batch_runs) == 1 and batch_runs[0]["lines"] == len(rows) // 2
    verify = runner.invoke(app, ["audit", "verify", "--store", str(store)])
    assert verify.exit_code == 0, verify.output


def test_as_of_override_and_packs(tmp_path: Path) -> None:
    folder = write_cases(tmp_path / "tables", _cases())
    out = tmp_path / "out"
    args = ["batch", str(folder), "--out", str(out), "--store", str(tmp_path / "s.duckdb")]
    result = runner.invoke(app, [*args, "--as-of", "2025-01-02", "--packs", "cn", "--no-progress"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader((out / "lines.csv").read_text().splitlines()))
    assert {r["regime"] for r in rows} == {"CN"}


def test_bad_tables_exit_2_and_write_nothing(tmp_path: Path) -> None:
    tables = case_tables(_cases())
    tables["items"][0]["unit_value"] = "lots"
    tables["lines"][0]["quantity"] = "-1"
    folder = write_tables(tmp_path / "tables", tables)
    store = tmp_path / "s.duckdb"
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["batch", str(folder), "--out", str(out), "--store", str(store), "--no-progress"]
    )
    assert result.exit_code == 2
    assert "items.csv, row 1, column unit_value:" in result.output
    assert "lines.csv, row 1, column quantity: must be > 0" in result.output
    assert not out.exists() and not store.exists()


def test_unknown_option_in_options_file_is_bad_input(tmp_path: Path) -> None:
    folder = write_cases(tmp_path / "tables", _cases())
    options = tmp_path / "opts.yaml"
    options.write_text("honour_announced_extensionz: true\n")
    result = runner.invoke(
        app,
        [
            "batch",
            str(folder),
            "--out",
            str(tmp_path / "o"),
            "--options",
            str(options),
            "--store",
            str(tmp_path / "s.duckdb"),
            "--no-progress",
        ],
    )
    assert result.exit_code == 2
    assert "opts.yaml: honour_announced_extensionz: unknown option" in result.output

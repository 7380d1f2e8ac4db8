"""`longarm impact` (CONTRACT.md 8): changes.csv lists exactly the line-regime outcomes
that differ between the two settings, as `determine()` gives them; report.html charts them."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from tablekit import renamed, write_cases
from testkit import SHARED
from typer.testing import CliRunner

from longarm.cli import app
from longarm.domain.case import Case
from longarm.engine import determine
from longarm.io.case_reader import read_case

runner = CliRunner()
COLUMNS = ["shipment", "line", "item", "regime", "from_outcome", "to_outcome", "value_usd", "rules"]


def _cases() -> list[Case]:
    paths = sorted((SHARED / "cases").glob("*.yaml"))
    return [renamed(read_case(p), f"c{n}.") for n, p in enumerate(paths)]


def _outcomes(
    cases: list[Case], as_of: date, options: dict[str, bool]
) -> dict[tuple[str, str, str], str]:
    found = {}
    for case in cases:
        d = determine(case.replace(as_of=as_of, options=options), alternatives=False)
        for n, line in enumerate(d.lines, start=1):
            for regime, res in line.regimes.items():
                found[case.shipment.id, str(n), regime] = res.outcome.value
    return found


def _changes(out: Path) -> list[dict[str, str]]:
    rows = list(csv.DictReader((out / "changes.csv").read_text().splitlines()))
    assert (out / "changes.csv").read_text().splitlines()[0] == ",".join(COLUMNS)
    return rows


def test_impact_between_dates(tmp_path: Path) -> None:
    cases = _cases()
    folder = write_cases(tmp_path / "tables", cases)
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        ["impact", str(folder), "--from", "2026-11-01", "--to", "2026-12-01", "--out", str(out),
         "--store", str(tmp_path / "s.duckdb"), "--no-progress"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    before = _outcomes(cases, date(2026, 11, 1), {})
    after = _outcomes(cases, date(2026, 12, 1), {})
    expected = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
    assert expected, "the suspension ends between the dates: something must change"
    got = {
        (r["shipment"], r["line"], r["regime"]): (r["from_outcome"], r["to_outcome"])
        for r in _changes(out)
    }
    assert got == expected
    page = (out / "report.html").read_text()
    assert page.count("<svg") >= 3
    assert "Outcome flows" in page and "Timeline" in page and "2026-11-11" in page


def test_impact_between_option_settings(tmp_path: Path) -> None:
    cases = _cases()
    folder = write_cases(tmp_path / "tables", cases)
    off, on = tmp_path / "off.yaml", tmp_path / "on.yaml"
    off.write_text("honour_announced_extensions: false\n")
    on.write_text("honour_announced_extensions: true\n")
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        ["impact", str(folder), "--from", "2026-12-01", "--from-options", str(off),
         "--to-options", str(on), "--out", str(out), "--store", str(tmp_path / "s.duckdb"),
         "--no-progress"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    before = _outcomes(cases, date(2026, 12, 1), {"honour_announced_extensions": False})
    after = _outcomes(cases, date(2026, 12, 1), {"honour_announced_extensions": True})
    expected = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
    got = {
        (r["shipment"], r["line"], r["regime"]): (r["from_outcome"], r["to_outcome"])
        for r in _changes(out)
    }
    assert got == expected and expected


def test_impact_needs_something_to_compare(tmp_path: Path) -> None:
    folder = write_cases(tmp_path / "tables", _cases())
    result = runner.invoke(
        app, ["impact", str(folder), "--from", "2026-12-01", "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "nothing to compare" in result.output

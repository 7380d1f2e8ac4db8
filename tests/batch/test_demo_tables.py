"""The bundled demo ERP extract: written by `tests/demo_erp_build.py`, read clean, and its
outcomes move on the 2026-11 dates the law sheets name."""

from __future__ import annotations

from pathlib import Path

import demo_erp_build
from typer.testing import CliRunner

from longarm.batch.decide import BatchContext, decide_batch
from longarm.batch.inputs import input_batches
from longarm.cli import app
from longarm.interfaces.batch_cmd import demo_tables_folder
from longarm.rulebook.loader import load_pack
from longarm.tables.reader import read_tables

runner = CliRunner()


def test_bundled_tables_are_what_the_builder_writes(tmp_path: Path) -> None:
    demo_erp_build.write(tmp_path)
    bundled = demo_tables_folder()
    names = sorted(p.name for p in bundled.glob("*.csv"))
    assert names == sorted(p.name for p in tmp_path.glob("*.csv"))
    for name in names:
        assert (bundled / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_demo_tables_command_copies_them(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo-tables", str(tmp_path / "erp")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "erp" / "lines.csv").is_file()
    assert runner.invoke(app, ["demo-tables"]).output.strip() == str(demo_tables_folder())


def test_demo_outcomes_change_when_the_suspensions_end() -> None:
    tables = read_tables(demo_tables_folder())
    assert 250 <= len(tables.catalogue.items) <= 400
    assert len(tables.lines) >= 2000
    # A sample of lines, to keep the test short: every 15th line.
    sample = [t for n, t in enumerate(tables.lines) if n % 15 == 0]
    tables = tables.__class__(tables.folder, tables.catalogue, tables.shipments, sample, {})
    packs = (load_pack("CN"), load_pack("US"))

    def held(as_of: str) -> dict[str, int]:
        from datetime import date

        context = BatchContext(tables.catalogue, packs, {}, date.fromisoformat(as_of))
        count: dict[str, int] = {}
        for batch in input_batches(tables):
            rows = decide_batch(batch, context).to_pydict()
            for regime, hold in zip(rows["regime"], rows["hold"], strict=True):
                count[regime] = count.get(regime, 0) + int(hold)
        return count

    before, after = held("2026-11-01"), held("2026-12-01")
    assert after["CN"] > before["CN"]  # No. 61 Art. 1(1) applies again from 2026-11-11
    assert after["US"] > before["US"]  # the Affiliates Rule stay ends after 2026-11-09

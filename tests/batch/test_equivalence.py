"""The batch path decides every line as `determine()` decides the case file with the same
facts (CONTRACT.md 8): same outcome, same setting rules, same reasons, line by line.

Strategy: start from case files (the contract's cases and random catalogues), write them
as tables, run `decide_batch` over the tables, and compare with the single-case engine.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from catalogues import catalogue_cases
from hypothesis import HealthCheck, given, settings
from tablekit import write_cases
from testkit import REPO, SHARED

from longarm.batch.decide import BatchContext, decide_batch, reasons_json, setting_rules
from longarm.batch.inputs import input_batches
from longarm.domain.case import Case
from longarm.engine import determine
from longarm.io.case_reader import parse_case, read_case
from longarm.rulebook.loader import load_pack
from longarm.tables.reader import read_tables

PACKS = (load_pack("CN"), load_pack("US"))
Row = tuple[str, int, str, str, str, str]


def _reference(cases: list[Case]) -> list[Row]:
    rows = []
    for case in cases:
        result = determine(case, packs=PACKS, alternatives=False)
        for n, line in enumerate(result.lines, start=1):
            for regime, res in sorted(line.regimes.items()):
                rules = ";".join(setting_rules(list(res.reasons), res.outcome))
                reasons = reasons_json(res.reasons)
                rows.append((case.shipment.id, n, regime, res.outcome.value, rules, reasons))
    return sorted(rows, key=lambda r: (r[0], r[1], r[2]))


def _batch(folder: Path, options: dict[str, bool], rows: int = 3) -> list[Row]:
    tables = read_tables(folder)
    context = BatchContext(tables.catalogue, PACKS, options)
    out = []
    for batch in input_batches(tables, rows=rows):
        for r in decide_batch(batch, context).to_pylist():
            out.append(
                (r["shipment"], r["line"], r["regime"], r["outcome"], r["rules"], r["reasons"])
            )
    return out


CONTRACT_CASES = sorted((SHARED / "cases").glob("*.yaml")) + sorted(
    (REPO / "tests" / "cases").rglob("*.yaml")
)


def test_every_contract_case_decides_alike_as_tables(tmp_path: Path) -> None:
    mismatches = []
    for n, path in enumerate(CONTRACT_CASES):
        case = read_case(path)
        folder = write_cases(tmp_path / str(n), [case])
        if _batch(folder, case.options) != _reference([case]):
            mismatches.append(path.name)
    assert not mismatches


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(catalogue_cases())
def test_random_catalogues_decide_alike(data: list[dict[str, Any]]) -> None:
    cases = [parse_case(yaml.safe_dump(c), f"{c['shipment']['id']}.yaml") for c in data]
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_cases(Path(tmp), cases)
        got = _batch(folder, cases[0].options)
    assert got == _reference(cases)


@pytest.mark.parametrize("fmt", ["parquet", "xlsx"])
def test_other_formats_decide_alike(tmp_path: Path, fmt: str) -> None:
    cases = [read_case(p) for p in sorted((SHARED / "cases").glob("*.yaml"))[:1]]
    folder = write_cases(tmp_path, cases, fmt)
    assert _batch(folder, cases[0].options) == _reference(cases)

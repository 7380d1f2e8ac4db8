"""ERP tables in (CONTRACT.md 8): the same facts as a case file, every issue at once."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from tablekit import case_tables, write_cases, write_tables
from testkit import SHARED

from longarm.io.case_reader import read_case
from longarm.tables.errors import TablesError
from longarm.tables.reader import read_tables

CASES = sorted((SHARED / "cases").glob("*.yaml"))


def _shipment_case(folder: Path, shipment: str, options: dict[str, bool]):  # type: ignore[no-untyped-def]
    tables = read_tables(folder)
    as_of, ship = tables.shipments[shipment]
    lines = [line for s, _, line in tables.lines if s == shipment]
    return tables.catalogue.shipment_case(as_of, ship, lines, options)


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_tables_give_the_case_facts(tmp_path: Path, path: Path, fmt: str) -> None:
    case = read_case(path)
    folder = write_cases(tmp_path / "t", [case], fmt)
    back = _shipment_case(folder, case.shipment.id, case.options)
    assert back.as_of == case.as_of
    assert back.shipment == case.shipment
    assert sorted(back.items, key=lambda i: i.id) == sorted(case.items, key=lambda i: i.id)
    assert sorted(back.parties, key=lambda p: p.id) == sorted(case.parties, key=lambda p: p.id)
    assert back.fx == case.fx


def _broken(tmp_path: Path) -> Path:
    tables = case_tables([read_case(p) for p in CASES[:1]])
    items = tables["items"]
    items[0]["origin"] = "XX"  # not a country
    items[1]["unit_value"] = "-3"  # negative value
    items.append(dict(items[0], origin="CN"))  # duplicate id
    tables["bom"].append({"parent": items[1]["id"], "child": "NOPE", "quantity": "0"})
    tables["parties"][0]["lists"] = "US:EL:sometimes"
    tables["lines"].append(
        {"shipment": "S-X", "line": "1.5", "item": items[1]["id"], "quantity": "1"}
    )
    return write_tables(tmp_path / "bad", tables)


def _data_rows(path: Path) -> int:
    return len(list(csv.reader(path.read_text().splitlines()))) - 1


def test_every_issue_of_every_file_at_once(tmp_path: Path) -> None:
    folder = _broken(tmp_path)
    with pytest.raises(TablesError) as info:
        read_tables(folder)
    found = {(i.file, i.row, i.column) for i in info.value.issues}
    n_items, n_bom, n_lines = (_data_rows(folder / f"{t}.csv") for t in ("items", "bom", "lines"))
    assert ("items.csv", 1, "origin") in found
    assert ("items.csv", 2, "unit_value") in found
    assert ("items.csv", n_items, "id") in found
    assert ("bom.csv", n_bom, "child") in found
    assert ("bom.csv", n_bom, "quantity") in found
    assert ("parties.csv", 1, "lists") in found
    assert ("lines.csv", n_lines, "line") in found
    assert ("lines.csv", n_lines, "shipment") in found
    text = str(info.value)
    assert "items.csv, row 1, column origin:" in text
    assert "unknown item 'NOPE'" in text


def test_header_problems_name_the_column(tmp_path: Path) -> None:
    tables = case_tables([read_case(CASES[0])])
    folder = tmp_path / "t"
    write_tables(folder, tables)
    text = (folder / "items.csv").read_text().replace(",origin,", ",orign,")
    (folder / "items.csv").write_text(text)
    with pytest.raises(TablesError) as info:
        read_tables(folder)
    found = {(i.file, i.row, i.column, i.reason.split(" (")[0]) for i in info.value.issues}
    assert ("items.csv", None, "orign", "unknown column") in found
    assert ("items.csv", None, "origin", "required column missing") in found


def test_a_bom_cycle_names_the_loop(tmp_path: Path) -> None:
    tables = case_tables([read_case(CASES[0])])
    parent = tables["bom"][0]["parent"]
    child = tables["bom"][0]["child"]
    tables["bom"].append({"parent": child, "child": parent, "quantity": "1"})
    with pytest.raises(TablesError) as info:
        read_tables(write_tables(tmp_path / "t", tables))
    assert any("cycle" in i.reason and parent in i.reason for i in info.value.issues)


def test_missing_table_and_mixed_currencies(tmp_path: Path) -> None:
    tables = case_tables([read_case(CASES[0])])
    tables["items"][0]["currency"] = "EUR"
    folder = write_tables(tmp_path / "t", tables)
    (folder / "parties.csv").unlink()
    with pytest.raises(TablesError) as info:
        read_tables(folder)
    reasons = [str(i) for i in info.value.issues]
    assert any("missing table: parties.csv" in r for r in reasons)
    assert any("items.csv, row 1, column currency: mixed currencies" in r for r in reasons)

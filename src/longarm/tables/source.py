"""Raw rows of one table file (CSV, Parquet or Excel), as text cells, streamed.

Every cell becomes text (or None when empty) so that one set of parsers and the case
models validate all three formats alike: a Parquet float 0.1 reads as "0.1", an Excel
integer 1001 as "1001", a date as "2026-11-10".
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from longarm.tables.errors import TableIssue
from longarm.tables.spec import SUFFIXES, TableSpec

Row = dict[str, str | None]

CHUNK_ROWS = 65_536
"""Rows per Parquet record batch read: bounded memory whatever the file's size."""


@dataclass(frozen=True)
class TableFile:
    """One located table file and its validated header."""

    spec: TableSpec
    path: Path
    columns: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.path.name

    def rows(self) -> Iterator[tuple[int, Row, bool]]:
        """(row number, cells, overflow) for every data row that has any cell filled.

        Row 1 is the first row after the header; empty rows are skipped but counted, so
        numbers match what a spreadsheet shows. `overflow` is True when the row has more
        filled cells than the header has columns.
        """
        reader = {".csv": _csv_rows, ".parquet": _parquet_rows, ".xlsx": _xlsx_rows}
        width = len(self.columns)
        for n, values in enumerate(reader[self.path.suffix.lower()](self.path), start=1):
            if all(v is None for v in values):
                continue
            overflow = any(v is not None for v in values[width:])
            cells = dict(zip(self.columns, values, strict=False))
            for column in self.columns[len(values) :]:
                cells[column] = None
            yield n, cells, overflow


def locate(folder: Path, spec: TableSpec, issues: list[TableIssue]) -> TableFile | None:
    """The file of one table in `folder` with its header checked, or None (issues noted)."""
    found = [folder / f"{spec.name}{s}" for s in SUFFIXES if (folder / f"{spec.name}{s}").is_file()]
    if not found:
        if spec.must_exist:
            wanted = " or ".join(f"{spec.name}{s}" for s in SUFFIXES)
            issues.append(TableIssue(str(folder), None, None, f"missing table: {wanted}"))
        return None
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        issues.append(TableIssue(str(folder), None, None, f"one file per table, found {names}"))
        return None
    path = found[0]
    try:
        header = _header(path)
    except (OSError, ValueError, csv.Error) as exc:
        issues.append(TableIssue(path.name, None, None, f"cannot read file: {exc}"))
        return None
    ok = True
    seen: set[str] = set()
    for column in header:
        if column in seen:
            issues.append(TableIssue(path.name, None, column, "column appears twice"))
            ok = False
        seen.add(column)
        if column not in spec.columns:
            known = ", ".join(spec.columns)
            issues.append(
                TableIssue(
                    path.name,
                    None,
                    column,
                    f"unknown column (a typo would silently drop a fact); known: {known}",
                )
            )
            ok = False
    for column in spec.required:
        if column not in seen:
            issues.append(TableIssue(path.name, None, column, "required column missing"))
            ok = False
    return TableFile(spec, path, tuple(header)) if ok else None


def cell_text(value: object) -> str | None:
    """One cell as text; None when empty. Lists (Parquet list columns) join with ';'."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        parts = [t for t in (cell_text(v) for v in value) if t is not None]
        return ";".join(parts) if parts else None
    text = str(value).strip()
    return text or None


def _header(path: Path) -> list[str]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            first = next(csv.reader(handle), None)
        if first is None:
            raise ValueError("empty file (no header row)")
        return [c.strip() for c in first]
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        return list(pq.ParquetFile(path).schema_arrow.names)
    rows = _xlsx_values(path, header=True)
    first_row = next(rows, None)
    if first_row is None:
        raise ValueError("empty sheet (no header row)")
    return [cell_text(v) or "" for v in first_row]


def _csv_rows(path: Path) -> Iterator[list[str | None]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        for record in reader:
            yield [cell_text(v) for v in record]


def _parquet_rows(path: Path) -> Iterator[list[str | None]]:
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=CHUNK_ROWS):
        columns = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
        for values in zip(*columns, strict=True):
            yield [cell_text(v) for v in values]


def _xlsx_rows(path: Path) -> Iterator[list[str | None]]:
    rows = _xlsx_values(path, header=False)
    for values in rows:
        yield [cell_text(v) for v in values]


def _xlsx_values(path: Path, *, header: bool) -> Iterator[tuple[object, ...]]:
    """Rows of the first sheet (the header only, or every row after it)."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        for n, values in enumerate(sheet.iter_rows(values_only=True)):
            if n == 0 and not header:
                continue
            yield tuple(values)
            if header:
                return
    finally:
        book.close()

"""Read a folder of ERP tables (CONTRACT.md section 8) into a validated `Tables`, or raise.

Every row of every file is checked, and every issue of the folder is reported at once
(`TablesError`: file, row, column, reason); nothing is returned for input that was not
fully read. Rules that need several rows (unique ids, references, currencies, acyclic
bills of materials) are checked after the rows, against the rows that named them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from longarm.domain.case import Line, Shipment
from longarm.errors import InputError
from longarm.tables import rows, spec
from longarm.tables.catalogue import Catalogue
from longarm.tables.consistency import REFERENCE_COLUMNS, References, build_catalogue
from longarm.tables.errors import TableIssue, TablesError
from longarm.tables.source import TableFile, locate

T = TypeVar("T")


@dataclass(frozen=True)
class Tables:
    """A fully read, validated table folder."""

    folder: Path
    catalogue: Catalogue
    shipments: dict[str, tuple[date, Shipment]]
    """id -> (as_of, shipment without its lines)."""
    lines: list[tuple[str, int, Line]]
    """(shipment, line number, line), sorted by shipment then line number."""
    sha256: dict[str, str]
    """File name -> sha256 of its bytes: what was read, for the run record and audit."""


def read_tables(folder: Path) -> Tables:
    """Read and validate every table of `folder`; raise `TablesError` listing every issue."""
    if not folder.is_dir():
        raise InputError(str(folder), "", "not a folder of tables")
    issues: list[TableIssue] = []
    files = {s.name: locate(folder, s, issues) for s in spec.TABLES}
    refs = References({k: (f.name if f else f"{k}.csv") for k, f in files.items()})
    items = _rows(files["items"], rows.item, issues, refs)
    bom = _rows(files["bom"], rows.component, issues, refs)
    parties = _rows(files["parties"], rows.party, issues, refs)
    owners = _rows(files["owners"], rows.owner, issues, refs)
    fx = _rows(files["fx"], rows.fx_rate, issues, refs)
    shipment_rows = _rows(files["shipments"], rows.shipment, issues, refs)
    line_rows = _rows(files["lines"], rows.line, issues, refs)
    catalogue = build_catalogue(refs, items, bom, parties, owners, fx, issues)
    refs.check(issues)
    if issues:
        raise TablesError(issues or [TableIssue(str(folder), None, None, "no rows read")])
    shipments: dict[str, tuple[date, Shipment]] = {}
    for _, (as_of, shipment) in shipment_rows:
        shipments.setdefault(shipment.id, (as_of, shipment))
    return Tables(
        folder=folder,
        catalogue=catalogue,
        shipments=shipments,
        lines=sorted((found for _, found in line_rows), key=lambda t: (t[0], t[1])),
        sha256={f.name: _sha256(f.path) for f in files.values() if f is not None},
    )


def _rows(
    table: TableFile | None,
    parse: Callable[[rows.RowCheck, dict[str, str | None]], T | None],
    issues: list[TableIssue],
    refs: References,
) -> list[tuple[int, T]]:
    if table is None:
        return []
    keep = REFERENCE_COLUMNS[table.spec.name]
    noted = refs.rows[table.spec.name]
    out: list[tuple[int, T]] = []
    try:
        for n, cells, overflow in table.rows():
            check = rows.RowCheck(table.name, n, issues)
            if overflow:
                check.fail(None, "more cells than the header has columns")
            if keep:
                noted.append((n, tuple(cells.get(c) for c in keep)))
            found = parse(check, cells)
            if found is not None and check.ok:
                out.append((n, found))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        issues.append(TableIssue(table.name, None, None, f"cannot read file: {exc}"))
    return out


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()

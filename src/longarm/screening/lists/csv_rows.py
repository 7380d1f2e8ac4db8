"""Reading a list file's rows: one place that checks the header and names the file on error."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from longarm.errors import InputError


def read_rows(
    path: Path,
    required: Sequence[str],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8-sig",
) -> list[dict[str, str]]:
    """All rows of a delimited file as dicts; InputError if unreadable or a column is missing.

    Data rows are numbered from 2 by callers (row 1 is the header), as a spreadsheet shows them.
    """
    try:
        with path.open(encoding=encoding, newline="") as fh:
            reader = csv.DictReader(fh, delimiter=delimiter)
            header = reader.fieldnames or []
            missing = [c for c in required if c not in header]
            if missing:
                raise InputError(str(path), "header", f"missing column(s) {', '.join(missing)}")
            return list(reader)
    except OSError as exc:
        raise InputError(str(path), "", f"cannot read: {exc}") from exc

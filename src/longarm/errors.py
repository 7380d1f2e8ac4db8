"""The exceptions longarm raises, as a tree:

LongarmError
├── InputError        bad case, ERP or list input; names the file, field path and reason
├── PackError         a malformed or inconsistent law pack; names the pack file and field
├── StoreError        the store file cannot be opened or is not a longarm store
└── ChartLookupError  (longarm.rules.us.table_rows) the Country Chart cannot answer; rules
                      turn it into needs_review, never into a clearance
"""

from __future__ import annotations


class LongarmError(Exception):
    """Base of every error longarm raises on purpose."""


class InputError(LongarmError):
    """Input that could not be fully read. The CLI exits 2 on it and prints nothing else."""

    def __init__(self, source: str, path: str, reason: str) -> None:
        self.source = source
        self.path = path
        self.reason = reason
        where = f"{source}: {path}" if path else source
        super().__init__(f"{where}: {reason}")


class PackError(LongarmError):
    """A law pack that does not validate: longarm refuses to determine anything with it."""


class StoreError(LongarmError):
    """The store cannot be opened (locked by another process, not a DuckDB file, a folder)."""

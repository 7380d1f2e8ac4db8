"""The exceptions longarm raises, as a tree:

LongarmError
├── InputError        bad case, ERP or list input; names the file, field path and reason
├── PackError         a malformed or inconsistent law pack; names the pack file and field
├── StoreError        the store file cannot be opened or is not a longarm store
└── ChartLookupError  (longarm.rules.us.table_rows) the Country Chart cannot answer; rules
                      turn it into needs_review, never into a clearance
"""

from __future__ import annotations

from collections.abc import Sequence


class LongarmError(Exception):
    """Base of every error longarm raises on purpose."""


class InputError(LongarmError):
    """Input that could not be fully read. The CLI exits 2 on it and prints nothing else."""

    def __init__(
        self, source: str, path: str, reason: str, *, also: Sequence[tuple[str, str]] = ()
    ) -> None:
        self.source = source
        self.path = path
        self.reason = reason
        self.problems: list[tuple[str, str]] = [(path, reason), *also]
        """Every problem found, as (field path, reason); the first is `path`, `reason`."""
        self.errors: list[InputError] = [self]
        """One per input when several were read (`combine`)."""
        lines = [f"{source}: {p}: {r}" if p else f"{source}: {r}" for p, r in self.problems]
        super().__init__("\n".join(lines))

    @staticmethod
    def combine(errors: Sequence[InputError]) -> InputError:
        """One error reporting every problem of several inputs (each line names its file)."""
        first = errors[0]
        combined = InputError(first.source, first.path, first.reason, also=first.problems[1:])
        combined.args = ("\n".join(str(e) for e in errors),)
        combined.errors = list(errors)
        return combined


class PackError(LongarmError):
    """A law pack that does not validate: longarm refuses to determine anything with it."""


class StoreError(LongarmError):
    """The store cannot be opened (locked by another process, not a DuckDB file, a folder)."""

"""Every problem of a table folder at once: file, row, column and reason."""

from __future__ import annotations

from dataclasses import dataclass

from longarm.errors import InputError

MAX_LISTED = 200
"""Issues printed in full; a folder with more is summarised (they are still all counted)."""


@dataclass(frozen=True)
class TableIssue:
    """One problem: `row` is 1-based with the header excluded (None: the file or header)."""

    file: str
    row: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.reason}"


class TablesError(InputError):
    """Tables that could not be fully read; carries every issue found, not only the first."""

    def __init__(self, issues: list[TableIssue]) -> None:
        self.issues = sorted(issues, key=_order)
        first = self.issues[0]
        lines = [str(i) for i in self.issues[:MAX_LISTED]]
        if len(self.issues) > MAX_LISTED:
            lines.append(f"... and {len(self.issues) - MAX_LISTED} more issues")
        summary = f"{len(self.issues)} issue(s) in the tables:\n  " + "\n  ".join(lines)
        super().__init__(first.file, "", summary)
        # InputError formats "source: path: reason"; the summary already names each file.
        self.args = (summary,)

    def __str__(self) -> str:
        return str(self.args[0])


def _order(issue: TableIssue) -> tuple[str, int, str]:
    return (issue.file, issue.row or 0, issue.column or "")

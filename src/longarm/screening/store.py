"""DuckDB store of list snapshots and the whitelist of accepted false positives.

Tables: `list_snapshots` (one row per import: source, snapshot date, version, hash),
`list_entries` (entries of each snapshot as JSON) and `screening_whitelist` (per user: a
normalised query, a list entry, the reason). A screen "as of" a date uses, per source, the
latest snapshot dated on or before it.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from longarm.screening.model import ListEntry, ListSnapshot

STORE_ENV = "LONGARM_STORE"
DEFAULT_STORE = Path("~/.longarm/longarm.duckdb")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS list_snapshots (
    source VARCHAR, snapshot_date DATE, version INTEGER, sha256 VARCHAR,
    entry_count INTEGER, imported_at TIMESTAMP, PRIMARY KEY (source, snapshot_date, version));
CREATE TABLE IF NOT EXISTS list_entries (
    source VARCHAR, snapshot_date DATE, version INTEGER, seq INTEGER, payload VARCHAR);
CREATE TABLE IF NOT EXISTS screening_whitelist (
    user_id VARCHAR, query_key VARCHAR, list_code VARCHAR, entry_id VARCHAR,
    reason VARCHAR, added_at TIMESTAMP, PRIMARY KEY (user_id, query_key, entry_id));
"""


def store_path(path: Path | str | None = None) -> Path:
    """The store file: the argument, else `$LONGARM_STORE`, else `~/.longarm/longarm.duckdb`."""
    chosen = path or os.environ.get(STORE_ENV) or DEFAULT_STORE
    return Path(chosen).expanduser()


class DuckDBStore:
    """List snapshots and whitelist in one DuckDB file."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = store_path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._con = duckdb.connect(str(self.path))
        self._con.execute(_SCHEMA)

    def close(self) -> None:
        """Close the connection."""
        self._con.close()

    def save_snapshot(self, snapshot: ListSnapshot) -> ListSnapshot:
        """Store a snapshot as the next version for its source and date; return it versioned."""
        row = self._con.execute(
            "SELECT coalesce(max(version), 0) FROM list_snapshots "
            "WHERE source = ? AND snapshot_date = ?",
            [snapshot.source, snapshot.snapshot_date],
        ).fetchone()
        version = int(row[0]) + 1 if row else 1
        now = datetime.now(UTC).replace(tzinfo=None)
        self._con.execute("BEGIN TRANSACTION")
        self._con.execute(
            "INSERT INTO list_snapshots VALUES (?, ?, ?, ?, ?, ?)",
            [snapshot.source, snapshot.snapshot_date, version, snapshot.sha256,
             len(snapshot.entries), now],
        )  # fmt: skip
        self._con.executemany(
            "INSERT INTO list_entries VALUES (?, ?, ?, ?, ?)",
            [
                [snapshot.source, snapshot.snapshot_date, version, i,
                 json.dumps(e.to_dict(), ensure_ascii=False)]
                for i, e in enumerate(snapshot.entries)
            ],
        )  # fmt: skip
        self._con.execute("COMMIT")
        return ListSnapshot(
            snapshot.source, snapshot.snapshot_date, snapshot.entries, version, snapshot.sha256
        )

    def snapshots(self) -> list[tuple[str, date, int, int]]:
        """(source, snapshot date, version, entry count) of every stored snapshot."""
        rows = self._con.execute(
            "SELECT source, snapshot_date, version, entry_count FROM list_snapshots "
            "ORDER BY source, snapshot_date, version"
        ).fetchall()
        return [(str(r[0]), r[1], int(r[2]), int(r[3])) for r in rows]

    def snapshots_as_of(self, as_of: date | None = None) -> list[ListSnapshot]:
        """Per source, the latest snapshot dated on or before `as_of` (latest of all if None)."""
        rows = self._con.execute(
            "SELECT source, snapshot_date, version, sha256 FROM list_snapshots "
            "WHERE ? IS NULL OR snapshot_date <= ? "
            "QUALIFY row_number() OVER (PARTITION BY source "
            "ORDER BY snapshot_date DESC, version DESC) = 1 ORDER BY source",
            [as_of, as_of],
        ).fetchall()
        out = []
        for source, when, version, sha in rows:
            payloads = self._con.execute(
                "SELECT payload FROM list_entries WHERE source = ? AND snapshot_date = ? "
                "AND version = ? ORDER BY seq",
                [source, when, version],
            ).fetchall()
            entries = tuple(ListEntry.from_dict(json.loads(p[0])) for p in payloads)
            out.append(ListSnapshot(str(source), when, entries, int(version), str(sha)))
        return out

    def add_whitelist(
        self, user: str, query_key: str, list_code: str, entry_id: str, reason: str
    ) -> None:
        """Accept a hit as a false positive for this user and (normalised) query."""
        now = datetime.now(UTC).replace(tzinfo=None)
        self._con.execute(
            "INSERT OR REPLACE INTO screening_whitelist VALUES (?, ?, ?, ?, ?, ?)",
            [user, query_key, list_code, entry_id, reason, now],
        )

    def remove_whitelist(self, user: str, query_key: str, entry_id: str) -> None:
        """Withdraw an accepted false positive."""
        self._con.execute(
            "DELETE FROM screening_whitelist WHERE user_id = ? AND query_key = ? AND entry_id = ?",
            [user, query_key, entry_id],
        )

    def whitelist(self, user: str) -> set[tuple[str, str]]:
        """The (query key, entry id) pairs this user accepted as false positives."""
        rows = self._con.execute(
            "SELECT query_key, entry_id FROM screening_whitelist WHERE user_id = ?", [user]
        ).fetchall()
        return {(str(q), str(e)) for q, e in rows}

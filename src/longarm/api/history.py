"""Determinations made through the server, kept so that they can be opened and filed later.

Table `api_determinations`: one row per determination with the case as received and the
contract JSON as answered, so a report downloaded next week is the determination made today.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime

from longarm.store.database import Store

_DDL = """
CREATE TABLE IF NOT EXISTS api_determinations (
    id VARCHAR PRIMARY KEY, made_at VARCHAR NOT NULL, actor VARCHAR NOT NULL,
    shipment VARCHAR NOT NULL, as_of VARCHAR NOT NULL, overall VARCHAR NOT NULL,
    hold BOOLEAN NOT NULL, case_json VARCHAR NOT NULL, result_json VARCHAR NOT NULL,
    audit_seq BIGINT);
"""


@dataclass(frozen=True)
class SavedDetermination:
    """One stored determination."""

    id: str
    at: str
    actor: str
    shipment: str
    as_of: str
    overall: str
    hold: bool
    case_json: str
    result_json: str
    audit_seq: int | None


def new_id() -> str:
    """A fresh determination id (random: ids must not reveal how busy the server is)."""
    return "d-" + secrets.token_hex(8)


def save_determinations(store: Store, rows: Sequence[SavedDetermination]) -> None:
    """Insert rows in one statement (inside the caller's transaction, with their audit records)."""
    if not rows:
        return
    store.ensure_schema("api_determinations", _DDL)
    values = ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"] * len(rows))
    store.con.execute(
        f"INSERT INTO api_determinations VALUES {values}",
        [getattr(row, f.name) for row in rows for f in fields(SavedDetermination)],
    )


def load_determination(store: Store, ident: str) -> SavedDetermination | None:
    """The stored determination with this id, or None."""
    store.ensure_schema("api_determinations", _DDL)
    with store.lock:
        row = store.con.execute("SELECT * FROM api_determinations WHERE id = ?", [ident]).fetchone()
    return _row(row) if row else None


def with_audit_seq(row: SavedDetermination, seq: int) -> SavedDetermination:
    """The row pointing at its audit record."""
    return replace(row, audit_seq=seq)


def recent_determinations(store: Store, limit: int = 50) -> list[SavedDetermination]:
    """The newest determinations first."""
    store.ensure_schema("api_determinations", _DDL)
    with store.lock:
        rows = store.con.execute(
            "SELECT * FROM api_determinations ORDER BY made_at DESC, id LIMIT ?", [limit]
        ).fetchall()
    return [_row(r) for r in rows]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _row(row: tuple[object, ...]) -> SavedDetermination:
    seq = row[9]
    return SavedDetermination(
        str(row[0]),
        str(row[1]),
        str(row[2]),
        str(row[3]),
        str(row[4]),
        str(row[5]),
        bool(row[6]),
        str(row[7]),
        str(row[8]),
        None if seq is None else int(str(seq)),
    )

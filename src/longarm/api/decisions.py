"""Screening review decisions made through the server: a person accepts a hit as the party or
rejects it as a false positive. Each decision is stored and written to the audit log.

Table `api_screening_decisions`: the screened name (and its normalised key), the list entry,
the decision, the note, who and when. The latest decision per (name key, entry) stands.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from longarm.store.audit import append_audit
from longarm.store.database import Store

Decision = Literal["accept", "reject"]

_DDL = """
CREATE TABLE IF NOT EXISTS api_screening_decisions (
    query_key VARCHAR NOT NULL, query_name VARCHAR NOT NULL, country VARCHAR,
    list_code VARCHAR NOT NULL, entry_id VARCHAR NOT NULL, decision VARCHAR NOT NULL,
    note VARCHAR NOT NULL, actor VARCHAR NOT NULL, decided_at VARCHAR NOT NULL,
    audit_seq BIGINT NOT NULL);
"""


@dataclass(frozen=True)
class ReviewDecision:
    """One decision on one hit."""

    query_name: str
    country: str | None
    list_code: str
    entry_id: str
    decision: Decision
    note: str
    actor: str = ""
    decided_at: str = ""

    def to_json(self) -> dict[str, str | None]:
        return {
            "query": self.query_name,
            "country": self.country,
            "list": self.list_code,
            "entry_id": self.entry_id,
            "decision": self.decision,
            "note": self.note,
            "actor": self.actor,
            "decided_at": self.decided_at,
        }


def record_decision(store: Store, decision: ReviewDecision, *, actor: str) -> ReviewDecision:
    """Store a decision with its `screening_decision` audit record, in one transaction."""
    from longarm.screening.api import query_key

    store.ensure_schema("api_screening_decisions", _DDL)
    when = datetime.now(UTC).isoformat(timespec="seconds")
    key = query_key(decision.query_name)
    with store.transaction():
        record = append_audit(
            store,
            actor=actor,
            action="screening_decision",
            inputs_sha256={"query": hashlib.sha256(key.encode("utf-8")).hexdigest()},
            result={
                "query": decision.query_name,
                "list": decision.list_code,
                "entry_id": decision.entry_id,
                "decision": decision.decision,
                "note": decision.note,
            },
        )
        store.con.execute(
            "INSERT INTO api_screening_decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [key, decision.query_name, decision.country, decision.list_code, decision.entry_id,
             decision.decision, decision.note, actor, when, record.seq],
        )  # fmt: skip
    return ReviewDecision(
        decision.query_name, decision.country, decision.list_code, decision.entry_id,
        decision.decision, decision.note, actor, when,
    )  # fmt: skip


def decisions_for(store: Store, query_name: str) -> dict[str, ReviewDecision]:
    """The standing decision per entry id for a screened name (by its normalised key)."""
    from longarm.screening.api import query_key

    store.ensure_schema("api_screening_decisions", _DDL)
    with store.lock:
        rows = store.con.execute(
            "SELECT query_name, country, list_code, entry_id, decision, note, actor, decided_at "
            "FROM api_screening_decisions WHERE query_key = ? ORDER BY audit_seq",
            [query_key(query_name)],
        ).fetchall()
    out: dict[str, ReviewDecision] = {}
    for row in rows:
        out[str(row[3])] = _decision(row)
    return out


def recent_decisions(store: Store, limit: int = 100) -> list[ReviewDecision]:
    """The newest decisions first."""
    store.ensure_schema("api_screening_decisions", _DDL)
    with store.lock:
        rows = store.con.execute(
            "SELECT query_name, country, list_code, entry_id, decision, note, actor, decided_at "
            "FROM api_screening_decisions ORDER BY audit_seq DESC LIMIT ?",
            [limit],
        ).fetchall()
    return [_decision(r) for r in rows]


def _decision(row: tuple[object, ...]) -> ReviewDecision:
    return ReviewDecision(
        query_name=str(row[0]),
        country=None if row[1] is None else str(row[1]),
        list_code=str(row[2]),
        entry_id=str(row[3]),
        decision="accept" if row[4] == "accept" else "reject",
        note=str(row[5]),
        actor=str(row[6]),
        decided_at=str(row[7]),
    )

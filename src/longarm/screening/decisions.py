"""A person's decisions on screening hits, and the hits still open, in the shared store.

Tables (owned here, CONTRACT section 10 store):
- `screening_decisions`: per party (its normalised name key and country) and list entry, an
  `accept` (the party is that entry: the hit is a membership) or `reject` (a false positive:
  not raised again for that party), who decided, when and why. The latest decision stands.
  Each decision is appended to the audit log as `screening_decision` in the same transaction.
- `screening_hits`: hits raised by `longarm screen` through the CLI, so that
  `longarm screen review` can list those nobody has decided yet.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from longarm.errors import InputError

if TYPE_CHECKING:
    from longarm.screening.model import ScreenResult
    from longarm.store.database import Store

Decision = Literal["accept", "reject"]
DECISIONS = ("accept", "reject")

_DDL = """
CREATE TABLE IF NOT EXISTS screening_decisions (
    party_key VARCHAR NOT NULL, party_name VARCHAR NOT NULL, country VARCHAR NOT NULL,
    list_code VARCHAR NOT NULL, entry_id VARCHAR NOT NULL, decision VARCHAR NOT NULL,
    reason VARCHAR NOT NULL, actor VARCHAR NOT NULL, decided_at VARCHAR NOT NULL,
    audit_seq BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS screening_hits (
    party_key VARCHAR NOT NULL, party_name VARCHAR NOT NULL, country VARCHAR NOT NULL,
    list_code VARCHAR NOT NULL, entry_id VARCHAR NOT NULL, entry_name VARCHAR NOT NULL,
    matched_name VARCHAR NOT NULL, score DOUBLE NOT NULL, seen_at VARCHAR NOT NULL,
    PRIMARY KEY (party_key, country, list_code, entry_id));
"""


def party_key(name: str) -> str:
    """The key decisions are stored under: the normalised form of the party's name."""
    from longarm.screening.api import query_key

    return query_key(name)


@dataclass(frozen=True, slots=True)
class ReviewDecision:
    """One standing decision on one hit for one party."""

    party_name: str
    country: str
    list_code: str
    entry_id: str
    decision: Decision
    reason: str
    actor: str
    decided_at: str

    def to_dict(self) -> dict[str, str]:
        """JSON-ready dict."""
        return {"party": self.party_name, "country": self.country, "list": self.list_code,
                "entry_id": self.entry_id, "decision": self.decision, "reason": self.reason,
                "actor": self.actor, "decided_at": self.decided_at}  # fmt: skip


def record_decision(
    store: Store, *, party: str, country: str | None, list_code: str, entry_id: str,
    decision: str, reason: str, actor: str,
) -> ReviewDecision:  # fmt: skip
    """Store a decision with its `screening_decision` audit record, in one transaction."""
    from longarm.store.audit import append_audit

    if decision not in DECISIONS:
        raise InputError("screen review", "decision", f"{decision!r} is not accept or reject")
    if not reason.strip():
        raise InputError("screen review", "--reason", "a decision needs its reason")
    store.ensure_schema("screening_decisions", _DDL)
    key, where = party_key(party), (country or "").upper()
    when = datetime.now(UTC).isoformat(timespec="seconds")
    with store.transaction():
        record = append_audit(
            store, actor=actor, action="screening_decision",
            inputs_sha256={"party": hashlib.sha256(f"{key}|{where}".encode()).hexdigest()},
            result={"party": party, "country": where, "list": list_code, "entry_id": entry_id,
                    "decision": decision, "reason": reason},
        )  # fmt: skip
        store.con.execute(
            "INSERT INTO screening_decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [key, party, where, list_code, entry_id, decision, reason, actor, when, record.seq],
        )
    return ReviewDecision(party, where, list_code, entry_id, decision, reason, actor, when)  # type: ignore[arg-type]


def decisions_for(store: Store, party: str, country: str | None) -> dict[tuple[str, str], str]:
    """The standing decision per (list, entry id) for one party."""
    store.ensure_schema("screening_decisions", _DDL)
    rows = store.con.execute(
        "SELECT list_code, entry_id, decision FROM screening_decisions "
        "WHERE party_key = ? AND country = ? ORDER BY audit_seq",
        [party_key(party), (country or "").upper()],
    ).fetchall()
    return {(str(r[0]), str(r[1])): str(r[2]) for r in rows}


def remember_hits(store: Store, results: list[ScreenResult]) -> None:
    """Keep the hits of CLI screenings, for `longarm screen review`."""
    store.ensure_schema("screening_decisions", _DDL)
    when = datetime.now(UTC).isoformat(timespec="seconds")
    rows = [
        [party_key(r.query.name), r.query.name, (r.query.country or "").upper(), h.list_code,
         h.entry_id, h.name, h.matched_name, round(h.score, 4), when]
        for r in results for h in r.hits
    ]  # fmt: skip
    if rows:
        store.con.executemany(
            "INSERT OR REPLACE INTO screening_hits VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
        )


def open_hits(store: Store) -> list[dict[str, object]]:
    """Remembered hits with no standing decision, best first."""
    store.ensure_schema("screening_decisions", _DDL)
    rows = store.con.execute(
        "SELECT h.party_name, h.country, h.list_code, h.entry_id, h.entry_name, h.matched_name, "
        "h.score FROM screening_hits h WHERE NOT EXISTS (SELECT 1 FROM screening_decisions d "
        "WHERE d.party_key = h.party_key AND d.country = h.country "
        "AND d.list_code = h.list_code AND d.entry_id = h.entry_id) "
        "ORDER BY h.party_name, h.score DESC"
    ).fetchall()
    keys = ("party", "country", "list", "entry_id", "name", "matched_name", "score")
    return [dict(zip(keys, r, strict=True)) for r in rows]

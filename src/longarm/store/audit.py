"""The append-only, hash-chained audit log (CONTRACT section 10).

Each record holds who, when, what (the action), the inputs' hashes, the pack versions and
hashes, the options and the result, plus the previous record's hash; its own hash covers all
of that. `verify_audit` recomputes the chain and names the first record that was edited,
deleted or moved. A separate head row (last sequence number and hash) catches the deletion of
the newest records, which a chain alone cannot show.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from longarm.store.database import Store

GENESIS = "0" * 64

_DDL = """
CREATE TABLE IF NOT EXISTS audit_log (
    seq BIGINT PRIMARY KEY, recorded_at VARCHAR NOT NULL, actor VARCHAR NOT NULL,
    action VARCHAR NOT NULL, inputs_sha256 VARCHAR NOT NULL, packs VARCHAR NOT NULL,
    options VARCHAR NOT NULL,
    result VARCHAR NOT NULL, prev_hash VARCHAR NOT NULL, hash VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS audit_head (id INTEGER PRIMARY KEY, seq BIGINT, hash VARCHAR);
"""

_FIELDS = "seq, recorded_at, actor, action, inputs_sha256, packs, options, result, prev_hash, hash"


@dataclass(frozen=True)
class AuditRecord:
    """One entry of the log; the JSON fields are kept as the canonical text that was hashed."""

    seq: int
    recorded_at: str
    actor: str
    action: str
    inputs_sha256: str
    packs: str
    options: str
    result: str
    prev_hash: str
    hash: str

    def to_json(self) -> dict[str, Any]:
        """The record with its JSON fields decoded, as `audit export` writes it."""
        return {
            "seq": self.seq,
            "recorded_at": self.recorded_at,
            "actor": self.actor,
            "action": self.action,
            "inputs_sha256": json.loads(self.inputs_sha256),
            "packs": json.loads(self.packs),
            "options": json.loads(self.options),
            "result": json.loads(self.result),
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


@dataclass(frozen=True)
class AuditVerdict:
    """What `verify_audit` found: intact, or the first bad record and why."""

    intact: bool
    records: int
    first_bad_seq: int | None = None
    reason: str = ""


def cli_actor() -> str:
    """The actor of a command-line call: the operating-system user."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no passwd entry (containers)
        return "cli:unknown"


def append_audit(
    store: Store,
    *,
    actor: str,
    action: str,
    inputs_sha256: Mapping[str, str] | None = None,
    packs: Sequence[Mapping[str, Any]] = (),
    options: Mapping[str, Any] | None = None,
    result: Mapping[str, Any] | None = None,
) -> AuditRecord:
    """Append one record after the current head (inside the caller's transaction if any)."""
    store.ensure_schema("audit", _DDL)
    with store.transaction():
        head = store.con.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        seq, prev = (int(head[0]) + 1, str(head[1])) if head else (1, GENESIS)
        fields = {
            "seq": seq,
            "recorded_at": datetime.now(UTC).isoformat(timespec="microseconds"),
            "actor": actor,
            "action": action,
            "inputs_sha256": _canonical(dict(inputs_sha256 or {})),
            "packs": _canonical([dict(p) for p in packs]),
            "options": _canonical(dict(options or {})),
            "result": _canonical(dict(result or {})),
            "prev_hash": prev,
        }
        record = AuditRecord(**fields, hash=_hash(fields))  # type: ignore[arg-type]
        store.con.execute(
            f"INSERT INTO audit_log ({_FIELDS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [getattr(record, f.strip()) for f in _FIELDS.split(",")],
        )
        store.con.execute(
            "INSERT OR REPLACE INTO audit_head VALUES (1, ?, ?)", [record.seq, record.hash]
        )
    return record


def append_audits(store: Store, entries: Sequence[Mapping[str, Any]]) -> list[AuditRecord]:
    """Append several records in order, in one statement with one head update.

    Each entry holds `append_audit`'s keyword arguments. The server's group commit uses it:
    one DuckDB statement costs about as much as a small batch, so batching keeps the log
    synchronous (no answer before its record is committed) at hundreds of requests a second.
    """
    if not entries:
        return []
    store.ensure_schema("audit", _DDL)
    with store.transaction():
        head = store.con.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        seq, prev = (int(head[0]) + 1, str(head[1])) if head else (1, GENESIS)
        records = []
        for entry in entries:
            fields = {
                "seq": seq,
                "recorded_at": datetime.now(UTC).isoformat(timespec="microseconds"),
                "actor": entry["actor"],
                "action": entry["action"],
                "inputs_sha256": _canonical(dict(entry.get("inputs_sha256") or {})),
                "packs": _canonical([dict(p) for p in entry.get("packs") or ()]),
                "options": _canonical(dict(entry.get("options") or {})),
                "result": _canonical(dict(entry.get("result") or {})),
                "prev_hash": prev,
            }
            record = AuditRecord(**fields, hash=_hash(fields))
            records.append(record)
            seq, prev = seq + 1, record.hash
        names = [f.strip() for f in _FIELDS.split(",")]
        rows = ", ".join(["(" + ", ".join("?" * len(names)) + ")"] * len(records))
        store.con.execute(
            f"INSERT INTO audit_log ({_FIELDS}) VALUES {rows}",
            [getattr(r, name) for r in records for name in names],
        )
        store.con.execute(
            "INSERT OR REPLACE INTO audit_head VALUES (1, ?, ?)", [records[-1].seq, prev]
        )
    return records


def read_audit(store: Store) -> Iterator[AuditRecord]:
    """Every record in sequence order."""
    store.ensure_schema("audit", _DDL)
    rows = store.con.execute(f"SELECT {_FIELDS} FROM audit_log ORDER BY seq").fetchall()
    for row in rows:
        yield AuditRecord(int(row[0]), *(str(v) for v in row[1:]))


def verify_audit(store: Store) -> AuditVerdict:
    """Recompute the chain; name the first edited, deleted or reordered record."""
    expected_seq, prev, count = 1, GENESIS, 0
    for record in read_audit(store):
        count += 1
        if record.seq != expected_seq:
            return AuditVerdict(
                False,
                count,
                expected_seq,
                f"record {expected_seq} is missing (next is {record.seq})",
            )
        if record.prev_hash != prev:
            return AuditVerdict(
                False, count, record.seq,
                f"record {record.seq} does not follow record {record.seq - 1} "
                "(deleted or reordered)",
            )  # fmt: skip
        fields = {k: v for k, v in record.__dict__.items() if k != "hash"}
        if _hash(fields) != record.hash:
            return AuditVerdict(False, count, record.seq, f"record {record.seq} was edited")
        prev, expected_seq = record.hash, expected_seq + 1
    head = store.con.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
    if head is None and count:
        return AuditVerdict(False, count, count, "the log's head record is missing")
    if head is not None and (int(head[0]) != count or str(head[1]) != prev):
        first = count + 1 if int(head[0]) > count else int(head[0])
        return AuditVerdict(
            False, count, first,
            f"the log ends at record {count} but its head says {int(head[0])}: "
            "records were deleted or the head was edited",
        )  # fmt: skip
    return AuditVerdict(True, count)


def export_audit(store: Store, out: Path) -> AuditVerdict:
    """Write every record as JSON Lines, then the verdict as the last line; atomic."""
    verdict = verify_audit(store)
    tmp = out.with_name(out.name + ".part")
    with tmp.open("w", encoding="utf-8") as fh:
        for record in read_audit(store):
            fh.write(json.dumps(record.to_json(), ensure_ascii=False, sort_keys=True) + "\n")
        fh.write(json.dumps({"verdict": verdict.__dict__}, sort_keys=True) + "\n")
    tmp.replace(out)
    return verdict


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def _hash(fields: Mapping[str, Any]) -> str:
    return hashlib.sha256(_canonical(dict(fields)).encode("utf-8")).hexdigest()

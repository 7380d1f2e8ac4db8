"""API keys with roles, stored hashed in the store (CONTRACT section 9).

A key is shown once, when it is made: `lk_<key id>_<secret>`. The store keeps the key id,
the role and the SHA-256 of the secret, never the secret. The secret is 32 random bytes, so a
fast hash is enough (nothing to brute-force) and keeps per-request verification cheap; a slow
password hash would cost milliseconds on every call.

Roles are ordered: a viewer reads packs and past runs; an analyst also determines, screens
and runs batches; an admin also manages keys, lists and packs. Every key change is written to
the audit log.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from longarm.errors import InputError
from longarm.store.audit import append_audit
from longarm.store.database import Store

PREFIX = "lk"
"""First part of every key, so that a key pasted into the wrong place is recognisable."""

_DDL = """
CREATE TABLE IF NOT EXISTS api_keys (
    key_id VARCHAR PRIMARY KEY, role VARCHAR NOT NULL, label VARCHAR NOT NULL,
    secret_sha256 VARCHAR NOT NULL, created_at VARCHAR NOT NULL, created_by VARCHAR NOT NULL,
    revoked_at VARCHAR);
"""


class Role(StrEnum):
    """What a key may do, least to most."""

    VIEWER = "viewer"
    ANALYST = "analyst"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def may(self, needed: Role) -> bool:
        """Whether this role includes everything `needed` may do."""
        return self.rank >= needed.rank


@dataclass(frozen=True)
class ApiKey:
    """A stored key (without its secret)."""

    key_id: str
    role: Role
    label: str
    created_at: str
    created_by: str
    revoked_at: str | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def to_json(self) -> dict[str, str | None]:
        return {
            "key_id": self.key_id,
            "role": self.role.value,
            "label": self.label,
            "created_at": self.created_at,
            "created_by": self.created_by,
            "revoked_at": self.revoked_at,
        }


def parse_role(text: str) -> Role:
    """The role named by `text`, or `InputError` listing the roles."""
    try:
        return Role(text.strip().lower())
    except ValueError as exc:
        known = ", ".join(r.value for r in Role)
        raise InputError("keys", "role", f"unknown role {text!r}; known: {known}") from exc


def create_key(store: Store, role: Role, *, actor: str, label: str = "") -> tuple[ApiKey, str]:
    """Make a key; return it and the full key text (the only time the secret is seen)."""
    store.ensure_schema("api_keys", _DDL)
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    key = ApiKey(key_id, role, label, _now(), actor)
    with store.transaction():
        store.con.execute(
            "INSERT INTO api_keys VALUES (?, ?, ?, ?, ?, ?, NULL)",
            [key_id, role.value, label, _digest(secret), key.created_at, actor],
        )
        append_audit(
            store,
            actor=actor,
            action="key_create",
            result={"key_id": key_id, "role": role.value, "label": label},
        )
    return key, f"{PREFIX}_{key_id}_{secret}"


def revoke_key(store: Store, key_id: str, *, actor: str) -> ApiKey:
    """Revoke a key for good; `InputError` for an unknown or already revoked key id."""
    store.ensure_schema("api_keys", _DDL)
    with store.transaction():
        key = get_key(store, key_id)
        if key is None:
            raise InputError("keys", "key_id", f"unknown key id {key_id!r}")
        if not key.active:
            raise InputError("keys", "key_id", f"key {key_id} was revoked at {key.revoked_at}")
        when = _now()
        store.con.execute("UPDATE api_keys SET revoked_at = ? WHERE key_id = ?", [when, key_id])
        append_audit(
            store, actor=actor, action="key_revoke", result={"key_id": key_id, "role": key.role}
        )
    return ApiKey(key.key_id, key.role, key.label, key.created_at, key.created_by, when)


def get_key(store: Store, key_id: str) -> ApiKey | None:
    """The stored key with this id, revoked or not."""
    store.ensure_schema("api_keys", _DDL)
    with store.lock:
        row = store.con.execute(
            "SELECT key_id, role, label, created_at, created_by, revoked_at FROM api_keys "
            "WHERE key_id = ?",
            [key_id],
        ).fetchone()
    return _key(row) if row else None


def list_keys(store: Store) -> list[ApiKey]:
    """Every key ever made, oldest first."""
    store.ensure_schema("api_keys", _DDL)
    with store.lock:
        rows = store.con.execute(
            "SELECT key_id, role, label, created_at, created_by, revoked_at FROM api_keys "
            "ORDER BY created_at, key_id"
        ).fetchall()
    return [_key(r) for r in rows]


def verify_key(store: Store, presented: str) -> ApiKey | None:
    """The active key that `presented` is, or None (malformed, unknown or revoked)."""
    parts = presented.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX or not parts[1] or not parts[2]:
        return None
    store.ensure_schema("api_keys", _DDL)
    with store.lock:
        row = store.con.execute(
            "SELECT key_id, role, label, created_at, created_by, revoked_at, secret_sha256 "
            "FROM api_keys WHERE key_id = ?",
            [parts[1]],
        ).fetchone()
    if row is None or not hmac.compare_digest(str(row[6]), _digest(parts[2])):
        return None
    key = _key(row[:6])
    return key if key.active else None


def key_id_of(presented: str) -> str | None:
    """The key id part of a presented key (safe to log), or None if malformed."""
    parts = presented.strip().split("_", 2)
    return parts[1] if len(parts) == 3 and parts[0] == PREFIX else None


def _key(row: tuple[object, ...]) -> ApiKey:
    revoked = row[5]
    return ApiKey(
        str(row[0]),
        Role(str(row[1])),
        str(row[2]),
        str(row[3]),
        str(row[4]),
        None if revoked is None else str(revoked),
    )


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")

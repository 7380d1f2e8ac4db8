"""Determinations in the audit log: what was decided, on which inputs and packs.

A pack whose hash differs from the one the store last saw for its regime (an upgrade, or a
user's edited copy) is logged once as a `pack_change` before the determination that used it,
so an auditor sees when the law data behind the decisions changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from longarm.domain.determination import Determination, PackInfo
from longarm.store.audit import AuditRecord, append_audit
from longarm.store.database import Store

_DDL = """
CREATE TABLE IF NOT EXISTS packs_seen (
    regime VARCHAR PRIMARY KEY, version VARCHAR, sha256 VARCHAR, data_as_of VARCHAR);
"""


def record_determination(
    store: Store,
    determination: Determination,
    *,
    actor: str,
    input_sha256: str,
    options: Mapping[str, Any],
) -> AuditRecord:
    """Append one `determination` record: the case's hash, packs, options and outcomes."""
    with store.transaction():
        note_packs(store, determination.packs, actor=actor)
        return append_audit(
            store,
            actor=actor,
            action="determination",
            inputs_sha256={"case": input_sha256},
            packs=[p.to_json() for p in determination.packs],
            options=options,
            result={
                "shipment": determination.shipment,
                "as_of": determination.as_of.isoformat(),
                "overall": determination.overall.value,
                "hold": determination.hold,
                "regimes": {k: v.outcome.value for k, v in sorted(determination.regimes.items())},
            },
        )


def note_packs(store: Store, packs: tuple[PackInfo, ...], *, actor: str) -> None:
    """Log a `pack_change` for each pack the store has not seen with this hash."""
    store.ensure_schema("packs_seen", _DDL)
    with store.transaction():
        for pack in packs:
            row = store.con.execute(
                "SELECT version, sha256 FROM packs_seen WHERE regime = ?", [pack.regime]
            ).fetchone()
            if row is not None and row[1] == pack.sha256:
                continue
            before = {"version": row[0], "sha256": row[1]} if row else None
            append_audit(
                store,
                actor=actor,
                action="pack_change",
                packs=[pack.to_json()],
                result={"regime": pack.regime, "before": before, "after": pack.to_json()},
            )
            store.con.execute(
                "INSERT OR REPLACE INTO packs_seen VALUES (?, ?, ?, ?)",
                [pack.regime, pack.version, pack.sha256, pack.data_as_of.isoformat()],
            )

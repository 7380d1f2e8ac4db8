"""Determinations in the audit log: what was decided, on which inputs and packs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from longarm.domain.determination import Determination
from longarm.store.audit import AuditRecord, append_audit
from longarm.store.database import Store


def record_determination(
    store: Store,
    determination: Determination,
    *,
    actor: str,
    input_sha256: str,
    options: Mapping[str, Any],
) -> AuditRecord:
    """Append one `determination` record: the case's hash, packs, options and outcomes."""
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

"""Group commit: the server's writes to the store, batched by one writer thread.

Each DuckDB statement costs about half a millisecond here whatever its size, and a store
takes one writer, so per-request transactions would cap the server near a hundred requests a
second. Requests instead hand their audit record (and stored determination) to this writer and
wait; the writer commits whatever has queued in one transaction. No answer is sent before its
record is committed, so the audit log stays complete, and the records keep the order in which
requests were served.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from longarm.api.history import SavedDetermination, save_determinations, with_audit_seq
from longarm.errors import StoreError
from longarm.store.audit import AuditRecord, append_audits
from longarm.store.database import Store

MAX_BATCH = 256
"""Most records one transaction commits: bounds a batch's latency under a burst."""
WAIT_S = 30.0
"""How long a request waits for its commit before it fails (the store is stuck)."""


@dataclass
class _Job:
    audit: Mapping[str, Any]
    row: SavedDetermination | None
    done: threading.Event = field(default_factory=threading.Event)
    record: AuditRecord | None = None
    error: BaseException | None = None


class GroupWriter:
    """One thread that commits queued audit records (and determinations) in batches."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="longarm-writer", daemon=True)
        self._thread.start()

    def write(self, audit: Mapping[str, Any], row: SavedDetermination | None = None) -> AuditRecord:
        """Queue one audit record (`append_audit`'s keywords) and wait until it is committed."""
        job = _Job(audit, row)
        self._queue.put(job)
        if not job.done.wait(WAIT_S):
            raise StoreError("store: the audit log did not commit in time")
        if job.error is not None:
            raise StoreError("store: the audit record could not be written") from job.error
        assert job.record is not None
        return job.record

    def close(self) -> None:
        """Commit what is queued, then stop the thread."""
        self._queue.put(None)
        self._thread.join(timeout=WAIT_S)

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            batch = [job]
            while len(batch) < MAX_BATCH:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._flush(batch)
                    return
                batch.append(more)
            self._flush(batch)

    def _flush(self, batch: list[_Job]) -> None:
        try:
            with self.store.transaction():
                records = append_audits(self.store, [job.audit for job in batch])
                save_determinations(
                    self.store,
                    [
                        with_audit_seq(j.row, r.seq)
                        for j, r in zip(batch, records, strict=True)
                        if j.row
                    ],
                )
            for job, record in zip(batch, records, strict=True):
                job.record = record
        except BaseException as exc:  # every waiting request must hear of it, then fail
            for job in batch:
                job.error = exc
        finally:
            for job in batch:
                job.done.set()

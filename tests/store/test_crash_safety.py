"""A process killed while it writes leaves a store that opens clean with an intact log."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from longarm.store.audit import verify_audit
from longarm.store.database import Store

WRITER = """
import sys
from longarm.store.audit import append_audit
from longarm.store.database import Store

store = Store.open(sys.argv[1])
print("ready", flush=True)
i = 0
while True:
    with store.transaction():
        append_audit(store, actor="w", action="determination", result={"i": i, "pad": "x" * 500})
    i += 1
"""


def test_sigkill_mid_write_leaves_a_clean_store(isolated_store: Path) -> None:
    rng = random.Random(20261202)
    committed = 0
    for _ in range(4):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(isolated_store)],
            stdout=subprocess.PIPE, env={**os.environ},
        )  # fmt: skip
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.05, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        proc.stdout.close()
        with Store.open(isolated_store) as store:
            verdict = verify_audit(store)
        assert verdict.intact, verdict.reason
        assert verdict.records >= committed, "a committed record was lost"
        committed = verdict.records
    assert committed > 0

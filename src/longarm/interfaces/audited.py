"""Command-line determinations go to the store's audit log (CONTRACT section 10)."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

from longarm.domain.determination import Determination
from longarm.errors import LongarmError


def record_check(case_file: Path, determination: Determination, store: Path | None) -> None:
    """Append the determination of `case_file`; a store that cannot be opened is reported.

    The determination itself stands without the log (DuckDB lets one process write a store, so
    a running server holds it): the user is told on stderr that this one was not recorded.
    """
    from longarm.store.audit import cli_actor
    from longarm.store.database import Store
    from longarm.store.determinations import record_determination

    digest = hashlib.sha256(_input_bytes(case_file)).hexdigest()
    try:
        with Store.open(store) as opened:
            record_determination(
                opened,
                determination,
                actor=cli_actor(),
                input_sha256=digest,
                options=_options_used(determination),
            )
    except LongarmError as exc:
        sys.stderr.write(f"warning: determination not recorded in the audit log: {exc}\n")


def _input_bytes(case_file: Path) -> bytes:
    try:
        return case_file.read_bytes()
    except OSError:  # standard input or a vanished file: hash what was decided instead
        return b""


def _options_used(determination: Determination) -> dict[str, Any]:
    used: dict[str, Any] = {}
    for result in determination.regimes.values():
        for reason in result.reasons:
            used.update(reason.options)
    return dict(sorted(used.items()))

"""Every setting of the server, in one place, read once (`Settings.from_env`).

The app never reads the environment itself: `create_app(settings)` is given one `Settings`,
so tests build the app they need without touching global state.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

MIB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """Server settings.

    Attributes:
        store_path: The store file (None: `$LONGARM_STORE`, else the user data folder).
        packs_root: Folder of law packs (None: `$LONGARM_PACKS`, else the bundled packs).
        max_body_bytes: Largest JSON request body (a case, a list of names); larger is 413.
        max_upload_bytes: Largest upload (an ERP extract for a batch run); larger is 413.
        max_screen_names: Most names one `POST /v1/screen` may carry (more is 413).
        upload_dir: Where uploaded tables are kept (None: `uploads/` beside the store).
        preload_screener: Build the screening index at start-up (about 5 s) rather than on
            the first screening request.
        session_hours: How long a web login lasts.
    """

    store_path: Path | None = None
    packs_root: Path | None = None
    max_body_bytes: int = 4 * MIB
    max_upload_bytes: int = 64 * MIB
    max_screen_names: int = 1000
    upload_dir: Path | None = None
    preload_screener: bool = False
    session_hours: float = 12.0

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Settings from `LONGARM_*` variables, then the explicit overrides."""
        env = os.environ
        base = cls(
            store_path=Path(env["LONGARM_STORE"]) if env.get("LONGARM_STORE") else None,
            packs_root=Path(env["LONGARM_PACKS"]) if env.get("LONGARM_PACKS") else None,
            max_body_bytes=int(env.get("LONGARM_MAX_BODY_BYTES", 4 * MIB)),
            max_upload_bytes=int(env.get("LONGARM_MAX_UPLOAD_BYTES", 64 * MIB)),
            preload_screener=env.get("LONGARM_PRELOAD_SCREENER", "") == "1",
        )
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})

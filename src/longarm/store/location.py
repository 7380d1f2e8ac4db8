"""Where the store file is: `--store PATH`, else `$LONGARM_STORE`, else the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

STORE_ENV = "LONGARM_STORE"
STORE_FILE = "longarm.duckdb"


def resolve_store_path(path: Path | str | None = None) -> Path:
    """The store file for an explicit path, the environment or the platform's data folder."""
    chosen = path or os.environ.get(STORE_ENV)
    if chosen:
        return Path(chosen).expanduser()
    # platformdirs knows each platform's convention (XDG on Linux, AppData on Windows ...).
    from platformdirs import user_data_dir

    return Path(user_data_dir("longarm", appauthor=False)) / STORE_FILE

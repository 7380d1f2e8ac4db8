"""The bundled lists' screener, persisted: built once, then loaded from a cache file.

Building the index of the bundled lists (about 60,000 names) takes seconds; loading it back
takes a fraction of that, so `longarm screen NAME` and `check --screen` answer quickly from
the second call on. The cache file's name carries a digest of everything the index depends
on: the list snapshot files, the screening data tables and the screening code. When any of
them changes (a new list snapshot, an edited table), the digest changes and the index is
rebuilt. The folder is `$LONGARM_CACHE`, else the platform's user cache folder; a cache that
cannot be read or written is rebuilt or skipped, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from longarm.screening.api import Screener

CACHE_ENV = "LONGARM_CACHE"
FORMAT = "screener-v1"


def cache_folder() -> Path:
    """`$LONGARM_CACHE`, else the platform's user cache folder for longarm."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return Path(chosen).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("longarm"))


def _inputs(extra: Iterable[Path]) -> list[Path]:
    package = Path(str(resources.files("longarm.screening")))
    found = sorted(package.rglob("*.py")) + sorted((package / "data").glob("*"))
    return [*found, *extra]


def digest(extra: Iterable[Path]) -> str:
    """Digest of the files the index is built from (and the code that builds it)."""
    h = hashlib.sha256(FORMAT.encode())
    for path in _inputs(extra):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:24]


def cached_screener(build: Callable[[], Screener], sources: Iterable[Path]) -> Screener:
    """The screener from the cache file for these sources, else `build()` and save it."""
    path = cache_folder() / f"screener-{digest(sources)}.pickle"
    try:
        with path.open("rb") as fh:
            loaded = pickle.load(fh)
        from longarm.screening.api import Screener

        if isinstance(loaded, Screener):
            return loaded
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    screener = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as tmp:
            pickle.dump(screener, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        Path(tmp.name).replace(path)  # never a half-written cache file
        for old in path.parent.glob("screener-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return screener

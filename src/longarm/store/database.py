"""`Store`: the DuckDB connection, transactions and per-feature schemas.

DuckDB allows one writing process per file; a second process that opens the same file gets a
clear `StoreError` rather than a traceback. Within a process, share one `Store` (the server
holds one and serialises writes with `Store.lock`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from longarm.errors import StoreError
from longarm.store.location import resolve_store_path


class Store:
    """One open store file."""

    def __init__(self, path: Path, con: Any) -> None:
        self.path = path
        self.con: Any = con  # duckdb.DuckDBPyConnection (duckdb ships no usable stubs here)
        self.lock = threading.RLock()
        self._schemas: set[str] = set()
        self._depth = 0

    @classmethod
    def open(cls, path: Path | str | None = None, *, read_only: bool = False) -> Store:
        """Open (creating if needed) the store at `path`, `$LONGARM_STORE` or the data folder."""
        where = resolve_store_path(path)
        if where.exists() and where.is_dir():
            raise StoreError(f"store: {where.name} is a folder, not a store file")
        try:
            if not read_only:
                where.parent.mkdir(parents=True, exist_ok=True)
            con = duckdb.connect(str(where), read_only=read_only)
        except (duckdb.IOException, OSError) as exc:
            raise StoreError(f"store: cannot open {where.name}: {_first_line(exc)}") from exc
        except duckdb.Error as exc:
            raise StoreError(
                f"store: {where.name} is not a longarm store: {_first_line(exc)}"
            ) from exc
        return cls(where, con)

    def ensure_schema(self, name: str, ddl: str) -> None:
        """Run a feature's idempotent DDL (`CREATE TABLE IF NOT EXISTS ...`) once per connection."""
        with self.lock:
            if name in self._schemas:
                return
            self.con.execute(ddl)
            self._schemas.add(name)

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """All writes inside commit together or not at all; nested uses join the outer one."""
        with self.lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            self.con.execute("BEGIN TRANSACTION")
            self._depth = 1
            try:
                yield self
            except BaseException:
                self._depth = 0
                self.con.execute("ROLLBACK")
                raise
            self._depth = 0
            self.con.execute("COMMIT")

    def close(self) -> None:
        """Close the connection (a checkpoint makes the file self-contained)."""
        with self.lock:
            self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _first_line(exc: BaseException) -> str:
    # DuckDB messages can carry the absolute path; the file name above is enough for a user.
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__

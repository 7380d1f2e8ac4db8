"""Recent determinations by their exact input, so a case sent again is not decided again.

A determination is a pure function of the case text, the date override, the regimes and the
packs (CONTRACT section 5: same case, same packs, byte-identical JSON), and the packs are
fixed for the life of the process, so an answer can be reused for the same input. Only the
computation is reused: every request still gets its own stored determination and its own
audit record. Cases screened against the lists (`screen=true`) are never cached.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from longarm.domain.case import Case
from longarm.domain.determination import Determination

CACHE_ENTRIES = 512
"""Answers kept: an ERP re-checking its open orders repeats a few hundred cases at a time."""


@dataclass(frozen=True)
class CachedResult:
    case: Case
    case_json: str
    determination: Determination
    text: str


def cache_key(text: str, as_json: bool, as_of: date | None, regimes: Sequence[str] | None) -> str:
    """The digest of everything besides the packs that decides the answer."""
    parts = [
        "json" if as_json else "yaml",
        as_of.isoformat() if as_of else "",
        ",".join(regimes or ()),
        text,
    ]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


class ResultCache:
    """A thread-safe LRU of `CachedResult`s."""

    def __init__(self, size: int = CACHE_ENTRIES) -> None:
        self.size = size
        self._entries: OrderedDict[str, CachedResult] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> CachedResult | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: str, value: CachedResult) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

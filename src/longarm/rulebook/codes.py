"""The classification codes a pack knows, so that a case cannot declare one it does not.

A misspelt code must never become an unclassified item that clears (issue 10): a declared
code names an entry of the pack's lists (its item sets and the code tables its manifest
names), a paragraph below one, a heading above one, or a not-listed mark such as EAR99.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from functools import cache

from longarm.errors import PackError
from longarm.rulebook.loader import available_regimes, load_pack

_PARAGRAPH = re.compile(r"^[0-9a-z]+$")
"""A paragraph below a list entry: lower-case letters and digits (`.a`, `.1`, `.z`)."""


@dataclass(frozen=True)
class CodeBook:
    """One regime's known codes (without the namespace)."""

    regime: str
    entries: frozenset[str]
    headings: frozenset[str]
    marks: frozenset[str]

    def knows(self, code: str) -> bool:
        """Whether `code` is known, or a paragraph (`.a`, `.1`) below a known entry."""
        if code in self.marks or code in self.entries or code in self.headings:
            return True
        parts = code.split(".")
        for n in range(len(parts) - 1, 0, -1):
            if ".".join(parts[:n]) in self.entries:
                return all(_PARAGRAPH.match(p) for p in parts[n:])
        return False

    def suggest(self, code: str) -> list[str]:
        """Up to three known codes closest to `code` (for "did you mean")."""
        pool = sorted(self.entries | self.marks)
        head = code.split(".")[0]
        near = difflib.get_close_matches(head, pool, n=3, cutoff=0.6)
        if code != head:
            near = difflib.get_close_matches(code, pool, n=3, cutoff=0.6) or near
        return near


@cache
def code_book(regime: str) -> CodeBook:
    """The codes the installed pack of `regime` knows."""
    pack = load_pack(regime)
    entries: set[str] = set()
    for ins in pack.instruments:
        for item_set in ins.item_sets.values():
            entries.update(e.code for e in item_set if e.code)
    for table in pack.manifest.codes.tables:
        path = pack.root / table
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries.update(data["entries"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise PackError(f"{path}: cannot read its code table: {exc}") from exc
    headings = {
        ".".join(parts[:n])
        for code in entries
        for parts in [code.split(".")]
        for n in range(1, len(parts))
    }
    return CodeBook(
        regime, frozenset(entries), frozenset(headings), frozenset(pack.manifest.codes.marks)
    )


def known_regimes() -> list[str]:
    return available_regimes()

"""The screening API: build a screener from list snapshots, screen one name or many.

    >>> result = screen_name("SMIC", country="CN")          # bundled CSL snapshot
    >>> result.to_dict()["hits"][0]["list"]
    'US:CMIC'

`screen_party_memberships` is what `longarm check --screen` calls to turn a party's name into
list memberships.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import cache
from importlib import resources
from itertools import islice
from pathlib import Path

from longarm.screening import normalise, phonetics, similarity
from longarm.screening.index import NameIndex
from longarm.screening.lexicon import SWITCHES
from longarm.screening.lists.csl import load_compact
from longarm.screening.match import Matcher, MatchSettings
from longarm.screening.model import Hit, ListSnapshot, Query, ScreenResult
from longarm.screening.normalise import normalise_name
from longarm.screening.store import DuckDBStore

BATCH_SIZE = 2048
"""Queries screened together by `Screener.screen_many`: large enough that per-batch array
overhead vanishes, small enough that a 50,000-row file streams."""

BUNDLED_CSL = "csl_snapshot_2026-07-31_compact.json"
"""The public-domain CSL snapshot shipped as package data (`longarm/data/`)."""


def bundled_csl_path() -> Path:
    """Filesystem path of the bundled CSL snapshot."""
    return Path(str(resources.files("longarm").joinpath("data", BUNDLED_CSL)))


def clear_caches() -> None:
    """Empty the normalisation and similarity caches (cold-cache measurements, switches)."""
    for fn in (
        normalise.normalise_name,
        normalise._is_legal_word,
        similarity.token_similarity,
        phonetics.phonetic_key,
        phonetics.pinyin_skeleton,
        phonetics.english_skeleton,
    ):
        fn.cache_clear()


def set_switches(*, glossary: bool = True, phonetic: bool = True) -> None:
    """Turn the glossary or phonetic comparison on or off (build screeners afterwards)."""
    SWITCHES.glossary = glossary
    SWITCHES.phonetic = phonetic
    clear_caches()


def query_key(name: str) -> str:
    """The normalised form of a query that whitelist entries are keyed on."""
    forms = normalise_name(name)
    return forms[0].key if forms else name.strip().casefold()


class Screener:
    """Screens names against a fixed set of list snapshots.

    Args:
        snapshots: The list snapshots to screen against (one per source).
        settings: Matching tunables; defaults to `MatchSettings()`.
        whitelist: (query key, entry id) pairs to suppress: a user's accepted false positives.
    """

    def __init__(
        self,
        snapshots: Sequence[ListSnapshot],
        settings: MatchSettings | None = None,
        whitelist: set[tuple[str, str]] | None = None,
    ) -> None:
        self.snapshots = tuple(snapshots)
        entries = [e for s in self.snapshots for e in s.entries]
        self.matcher = Matcher(NameIndex(entries), settings)
        self.whitelist = set(whitelist or ())
        vintages: dict[str, date] = {}
        for snap in self.snapshots:
            for entry in snap.entries:
                current = vintages.get(entry.list_code)
                vintages[entry.list_code] = max(current or snap.snapshot_date, snap.snapshot_date)
        self.vintages = dict(sorted(vintages.items()))

    @classmethod
    def from_store(
        cls,
        store: DuckDBStore,
        as_of: date | None = None,
        user: str | None = None,
        settings: MatchSettings | None = None,
    ) -> Screener:
        """Screener over the store's snapshots as of a date, with a user's whitelist."""
        snapshots = store.snapshots_as_of(as_of)
        whitelist = store.whitelist(user) if user else set()
        return cls(snapshots, settings, whitelist)

    def clear_caches(self) -> None:
        """Empty every cache a query fills, this screener's and the module-level ones."""
        self.matcher.clear_caches()
        clear_caches()

    @property
    def threshold(self) -> float:
        """The default threshold of this screener."""
        return self.matcher.settings.threshold

    def _vintages(self, lists: Sequence[str] | None) -> tuple[tuple[str, date], ...]:
        """The snapshot dates of the lists screened."""
        return tuple((c, d) for c, d in self.vintages.items() if not lists or c in lists)

    def _result(
        self, query: Query, hits: list[Hit], vintages: tuple[tuple[str, date], ...]
    ) -> ScreenResult:
        """Whitelisted hits moved to `suppressed`."""
        if not self.whitelist or not hits:
            return ScreenResult(query, tuple(hits), vintages)
        key = query_key(query.name)
        kept = tuple(h for h in hits if (key, h.entry_id) not in self.whitelist)
        suppressed = tuple(h for h in hits if (key, h.entry_id) in self.whitelist)
        return ScreenResult(query, kept, vintages, suppressed)

    def screen(
        self, query: Query, lists: Sequence[str] | None = None, threshold: float | None = None
    ) -> ScreenResult:
        """Screen one query; hits best first, whitelisted hits moved to `suppressed`."""
        hits = self.matcher.screen(query, lists, threshold)
        return self._result(query, hits, self._vintages(lists))

    def screen_name(
        self,
        name: str,
        country: str | None = None,
        lists: Sequence[str] | None = None,
        threshold: float | None = None,
    ) -> ScreenResult:
        """Screen one name (optionally with its ISO country code)."""
        return self.screen(Query(name=name, country=country), lists, threshold)

    def screen_many(
        self,
        queries: Iterable[Query],
        lists: Sequence[str] | None = None,
        threshold: float | None = None,
    ) -> Iterator[ScreenResult]:
        """Screen queries in order, lazily, `BATCH_SIZE` at a time (a 50,000-row file streams)."""
        pending = iter(queries)
        vintages = self._vintages(lists)
        while batch := list(islice(pending, BATCH_SIZE)):
            for query, hits in zip(
                batch, self.matcher.screen_batch(batch, lists, threshold), strict=True
            ):
                yield self._result(query, hits, vintages)


def screener_from_files(paths: Iterable[Path], settings: MatchSettings | None = None) -> Screener:
    """A screener over compact CSL snapshot files (no store needed)."""
    return Screener([load_compact(p) for p in paths], settings)


@cache
def load_default_screener() -> Screener:
    """The screener over the bundled CSL snapshot, built once per process (about 5 s)."""
    return screener_from_files([bundled_csl_path()])


def screen_name(
    name: str,
    country: str | None = None,
    lists: list[str] | None = None,
    threshold: float | None = None,
) -> ScreenResult:
    """Screen one name against the bundled CSL snapshot."""
    return load_default_screener().screen_name(name, country, lists, threshold)


def screen_party_memberships(
    name: str, country: str | None = None, screener: Screener | None = None
) -> list[Hit]:
    """List memberships of a party: its hits at or above the default threshold, best first.

    Each `Hit` carries `list_code`, `entry_id`, `name`, `matched_name`, `score`, `policy` and
    `footnote` (Entity List entries), and `features` to cite in a reason.
    """
    chosen = screener or load_default_screener()
    return list(chosen.screen_name(name, country).hits)

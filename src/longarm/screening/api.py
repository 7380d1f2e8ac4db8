"""The screening API: build a screener from list snapshots, screen one name or many.

    >>> result = screen_name("SMIC", country="CN")          # bundled CSL snapshot
    >>> result.to_dict()["hits"][0]["list"]
    'US:CMIC'

`screen_party_memberships` is what `longarm check --screen` calls to turn a party's name into
list memberships.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from functools import cache
from importlib import resources
from itertools import chain, islice, pairwise
from pathlib import Path

from longarm.screening import normalise, phonetics, similarity
from longarm.screening.cn_names import with_chinese_names
from longarm.screening.index import NameIndex
from longarm.screening.lexicon import SWITCHES
from longarm.screening.lists.csl import load_compact
from longarm.screening.match import CompactHit, Matcher, MatchSettings
from longarm.screening.model import Hit, ListSnapshot, Query, ScreenResult
from longarm.screening.normalise import normalise_name
from longarm.screening.store import DuckDBStore

BATCH_SIZE = 2048
"""Queries screened together by `Screener.screen_many`: large enough that per-batch array
overhead vanishes, small enough that a 50,000-row file streams."""

MAX_DEFAULT_WORKERS = 2
"""Worker processes `longarm screen --file` uses at most by default (`default_workers`)."""
MIN_PARALLEL_QUERIES = 512
"""Below this many queries a batch is screened in this process: starting workers costs more
than it saves."""
CHUNKS_PER_WORKER = 2
"""Each worker's share of a parallel batch is sent as this many chunks, so that a worker that
finishes early takes over work."""

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


def default_workers() -> int:
    """Worker processes for a batch by default: one per core available, at most
    `MAX_DEFAULT_WORKERS`, and 1 (no workers) where processes cannot be forked."""
    if not can_fork():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_WORKERS))


def can_fork() -> bool:
    """Whether worker processes can be forked here (they inherit the index without copying
    it); elsewhere batches are screened in one process. Linux only: macOS lists fork but
    forking a process with threads there without exec is unsafe."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


_WORKER_MATCHER: list[Matcher] = []
"""The matcher of a forked worker process (set by `_start_worker`)."""

_Chunk = tuple[list[Query], tuple[str, ...] | None, float | None]


def _start_worker(matcher: Matcher) -> None:
    """Initialise a forked worker: the parent's matcher, inherited, and one rapidfuzz thread
    (the workers already use every core)."""
    _WORKER_MATCHER[:] = [matcher]
    similarity.set_threads(1)


def _screen_chunk(chunk: _Chunk) -> list[list[CompactHit]]:
    """Run in a worker: compact hits of each query of a chunk."""
    queries, lists, threshold = chunk
    return _WORKER_MATCHER[0].screen_batch_compact(queries, lists, threshold)


def _started() -> bool:
    return True


@contextmanager
def _forked_pool(matcher: Matcher, processes: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of forked workers sharing `matcher` copy-on-write, shut down on exit (queued
    chunks cancelled if the caller stopped early or failed). A worker that dies (killed for
    memory...) fails the batch with `BrokenProcessPool` instead of hanging it."""
    pool = ProcessPoolExecutor(
        processes,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(matcher,),
    )
    try:
        # The workers are forked at the first submission. Frozen objects are left alone by
        # their garbage collector, so that it does not write to (and copy) every page of the
        # inherited index.
        gc.freeze()
        try:
            pool.submit(_started).result()
        finally:
            gc.unfreeze()
        yield pool
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    else:
        pool.shutdown(wait=True)


def _split(items: list[Query], parts: int) -> list[list[Query]]:
    """`items` in `parts` consecutive chunks of nearly equal size (no empty chunk)."""
    size, extra = divmod(len(items), parts)
    bounds = [k * size + min(k, extra) for k in range(parts + 1)]
    return [items[a:b] for a, b in pairwise(bounds) if b > a]


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
        processes: int | None = None,
    ) -> Iterator[ScreenResult]:
        """Screen queries in order, lazily, `BATCH_SIZE` at a time (a 50,000-row file streams).

        With `processes` > 1, batches of at least `MIN_PARALLEL_QUERIES` queries are screened
        by that many forked worker processes (they share the index copy-on-write); results are
        identical to the serial path's, in the same order. Where fork is unavailable, or the
        input is small, it screens in this process.
        """
        pending = iter(queries)
        vintages = self._vintages(lists)
        if processes is not None and processes > 1 and can_fork():
            size = BATCH_SIZE * processes
            first = list(islice(pending, size))
            if len(first) >= MIN_PARALLEL_QUERIES:
                yield from self._screen_forked(first, pending, lists, threshold, processes)
                return
            pending = chain(first, pending)
        while batch := list(islice(pending, BATCH_SIZE)):
            for query, hits in zip(
                batch, self.matcher.screen_batch(batch, lists, threshold), strict=True
            ):
                yield self._result(query, hits, vintages)

    def _screen_forked(
        self,
        first: list[Query],
        pending: Iterator[Query],
        lists: Sequence[str] | None,
        threshold: float | None,
        processes: int,
    ) -> Iterator[ScreenResult]:
        """`screen_many` on `processes` forked workers, `CHUNKS_PER_WORKER` chunks each per
        batch; the next batch is queued before this one's results are handed out."""
        vintages = self._vintages(lists)
        wanted = tuple(lists) if lists else None
        size = BATCH_SIZE * processes
        hit = self.matcher.hit

        def submit(
            pool: ProcessPoolExecutor, batch: list[Query]
        ) -> Iterator[list[list[CompactHit]]]:
            chunks = _split(batch, processes * CHUNKS_PER_WORKER)
            return pool.map(_screen_chunk, [(c, wanted, threshold) for c in chunks])

        with _forked_pool(self.matcher, processes) as pool:
            batch = first
            running = submit(pool, batch)
            while batch:
                following = list(islice(pending, size))
                queued = submit(pool, following) if following else None
                done = chain.from_iterable(running)
                for query, compact in zip(batch, done, strict=True):
                    yield self._result(query, [hit(h) for h in compact], vintages)
                batch = following
                if queued is not None:
                    running = queued


def screener_from_files(paths: Iterable[Path], settings: MatchSettings | None = None) -> Screener:
    """A screener over compact CSL snapshot files (no store needed), with the Chinese names
    of the Chinese parties on them (`cn_names`)."""
    snapshots = [load_compact(p) for p in paths]
    return Screener([replace(s, entries=tuple(with_chinese_names(s.entries))) for s in snapshots],
                    settings)  # fmt: skip


@cache
def load_default_screener() -> Screener:
    """The screener over the bundled lists, built once per process: the CSL snapshot (with
    the Chinese names of its Chinese parties) and China's Control List, Watch List and
    Unreliable Entity List (`lists.cn_lists`; callers apply their dates with `active_on`).
    Persisted (`cache`): rebuilt only when a list snapshot, a data table or the code changes."""
    from longarm.screening.cache import cached_screener

    return cached_screener(_build_default_screener, [bundled_csl_path()])


def _build_default_screener() -> Screener:
    from longarm.screening.lists.cn_lists import load_cn_lists

    csl = load_compact(bundled_csl_path())
    return Screener([replace(csl, entries=tuple(with_chinese_names(csl.entries))),
                     load_cn_lists()])  # fmt: skip


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

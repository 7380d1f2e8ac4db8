"""The forked batch path gives exactly what the serial one gives: same hits, scores, order."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager
from dataclasses import replace

import pytest

from longarm.screening import api
from longarm.screening.api import Screener, bundled_csl_path
from longarm.screening.lists.csl import load_compact
from longarm.screening.match import Matcher
from longarm.screening.model import ListSnapshot, Query

pytestmark = pytest.mark.skipif(not api.can_fork(), reason="needs the fork start method")


@pytest.fixture(scope="module")
def csl_part() -> tuple[Screener, list[Query]]:
    """A screener over a fifth of the bundled CSL, and 700 queries: list names with a typo,
    reordered or cut, some with a country, Chinese names, and names not on the list."""
    snapshot = load_compact(bundled_csl_path())
    entries = snapshot.entries[::5]
    screener = Screener([ListSnapshot("csl", snapshot.snapshot_date, entries)])
    rng = random.Random(3)
    queries = []
    for entry in rng.sample(entries, 600):
        words = entry.name.split()
        kind = rng.randrange(4)
        if kind == 0 and len(words[0]) > 3:
            words[0] = words[0][:2] + words[0][3:]
        elif kind == 1:
            words = words[1:] + words[:1]
        elif kind == 2 and len(words) > 2:
            words = words[:-1]
        country = rng.choice([None, "CN", "RU", "US"])
        queries.append(Query(" ".join(words), country, f"q-{len(queries)}"))
    queries += [Query(n) for n in ("中芯国际集成电路制造有限公司", "华为技术有限公司", "", "Ltd")]
    queries += [Query(f"Acme {w} Bakery Inc") for w in ("Blue", "River", "Oak", "Maple")] * 24
    return screener, queries


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the worker count of every pool started."""
    started: list[int] = []
    real = api._forked_pool

    def spying(matcher: Matcher, processes: int) -> AbstractContextManager[ProcessPoolExecutor]:
        started.append(processes)
        return real(matcher, processes)

    monkeypatch.setattr(api, "_forked_pool", spying)
    return started


def test_forked_equals_serial(
    csl_part: tuple[Screener, list[Query]], monkeypatch: pytest.MonkeyPatch
) -> None:
    screener, queries = csl_part
    started = _spy(monkeypatch)
    screener.clear_caches()
    serial = list(screener.screen_many(queries))
    screener.clear_caches()
    forked = list(screener.screen_many(queries, processes=2))
    assert started == [2]
    assert len(forked) == len(queries)
    # Dataclass equality: entries, matched names, exact float scores, every feature detail.
    assert forked == serial
    assert sum(len(r.hits) for r in serial) > 300


def test_forked_equals_serial_with_lists_threshold_and_whitelist(
    csl_part: tuple[Screener, list[Query]], monkeypatch: pytest.MonkeyPatch
) -> None:
    screener, queries = csl_part
    with_hits = [r for r in screener.screen_many(queries[:50]) if r.hits]
    lists = sorted({r.hits[0].list_code for r in with_hits})[:2]
    chosen = next(r for r in with_hits if r.hits[0].list_code in lists)
    whitelist = {(api.query_key(chosen.query.name), chosen.hits[0].entry_id)}
    listed = Screener(screener.snapshots, whitelist=whitelist)
    started = _spy(monkeypatch)
    # Several batches: the next batch is queued while this one's results are handed out.
    monkeypatch.setattr(api, "BATCH_SIZE", 128)
    monkeypatch.setattr(api, "MIN_PARALLEL_QUERIES", 100)
    serial = list(listed.screen_many(queries, lists, 0.5))
    forked = list(listed.screen_many(iter(queries), lists, 0.5, processes=3))
    assert started == [3]
    assert forked == serial
    assert any(r.suppressed for r in serial)


def test_small_batches_and_no_fork_stay_serial(
    csl_part: tuple[Screener, list[Query]], monkeypatch: pytest.MonkeyPatch
) -> None:
    screener, queries = csl_part
    started = _spy(monkeypatch)
    few = queries[:20]
    assert list(screener.screen_many(few, processes=2)) == list(screener.screen_many(few))
    monkeypatch.setattr(api, "can_fork", lambda: False)
    assert list(screener.screen_many(queries[:600], processes=2)) == list(
        screener.screen_many(queries[:600])
    )
    assert started == []


def test_stopping_early_closes_the_pool(csl_part: tuple[Screener, list[Query]]) -> None:
    screener, queries = csl_part
    results = screener.screen_many(queries, processes=2)
    taken = [next(results) for _ in range(5)]
    results.close()  # cancels the queued chunks and joins the workers
    assert [r.query for r in taken] == queries[:5]
    assert not [p for p in api.multiprocessing.active_children() if p.is_alive()]


def test_worker_errors_reach_the_caller(
    csl_part: tuple[Screener, list[Query]], monkeypatch: pytest.MonkeyPatch
) -> None:
    screener, queries = csl_part
    bad = [*queries[:600], replace(queries[0], name=None)]  # type: ignore[arg-type]

    def stream() -> Iterator[Query]:
        yield from bad

    with pytest.raises((AttributeError, TypeError)):
        list(screener.screen_many(stream(), processes=2))
    assert not [p for p in api.multiprocessing.active_children() if p.is_alive()]


def test_default_workers() -> None:
    assert 1 <= api.default_workers() <= api.MAX_DEFAULT_WORKERS


def test_workers_use_one_rapidfuzz_thread(csl_part: tuple[Screener, list[Query]]) -> None:
    screener, _ = csl_part
    with api._forked_pool(screener.matcher, 2) as pool:
        threads = list(pool.map(_rapidfuzz_threads, range(4)))
    assert threads == [1, 1, 1, 1]
    assert api.similarity.THREADS["rapidfuzz"] == -1


def _rapidfuzz_threads(_: int) -> int:
    return api.similarity.THREADS["rapidfuzz"]


def test_a_dead_worker_fails_the_batch_instead_of_hanging(
    csl_part: tuple[Screener, list[Query]], monkeypatch: pytest.MonkeyPatch
) -> None:
    screener, queries = csl_part
    monkeypatch.setattr(api, "_screen_chunk", _die)
    with pytest.raises(BrokenProcessPool):
        list(screener.screen_many(queries, processes=2))


def _die(_: object) -> None:
    os._exit(1)  # as if killed

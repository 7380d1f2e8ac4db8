"""Token similarity, computed for many token pairs at once in rapidfuzz's C code.

Two tokens are the same word (1.0), an initial of it (`INITIAL_SIMILARITY`), a spelling or
phonetic variant (a similarity in [`TOKEN_FLOOR`, 1)), or different words (0.0). The scalar
`token_similarity` is the same computation for one pair.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein

from longarm.screening.forms import FloatArray, IntArray, Vocabulary
from longarm.screening.lexicon import SWITCHES
from longarm.screening.phonetics import english_skeleton

TOKEN_FLOOR = 0.7
"""Below this token similarity two tokens are different words (Olaf/Octavian), not variants."""
INITIAL_SIMILARITY = 0.8
"""An initial (V.) against a word it could abbreviate (Vladimir)."""
JARO_WINKLER_DISCOUNT = 0.9
"""Jaro-Winkler forgives transpositions and tail changes (Schloz, Marcon) but over-rewards a
shared prefix, so it counts for a little less than an edit-distance match."""
PHONETIC_DISCOUNT = 0.95
"""Sounding alike is slightly weaker evidence than being spelt alike."""
TRANSLITERATION_DISCOUNT = 0.9
"""A Chinese transliteration matched on its consonant skeleton: good, not certain."""
COMPACT_FLOOR = 0.92
"""Names or token runs compared with spaces removed (RamiMakhlouf, Good Will) must be this
close."""
JARO_WINKLER_MIN_LEN = 4
"""Jaro-Winkler is used only when both tokens are this long: on short tokens one shared letter
is most of the score."""
SHORT_TOKEN_LEN = 3
"""Tokens this short leave no room for an edit: "gas" and "oil" are not typos of each other;
they match only when they sound the same."""


PARALLEL_MIN_PAIRS = 4096
"""Below this many pairs one core is faster than starting threads for both."""
THREADS = {"rapidfuzz": -1}
"""Threads rapidfuzz may use for a large comparison (-1: one per core). Worker processes of a
parallel batch set 1 (`set_threads`): the processes already use every core."""


def set_threads(n: int) -> None:
    """Let rapidfuzz use `n` threads for large comparisons in this process (-1: all cores)."""
    THREADS["rapidfuzz"] = n


Strings = Sequence[str] | npt.NDArray[np.object_]
"""Strings to compare: a list, or an object array of str."""


def pairwise(a: Strings, b: Strings, scorer: Any, cutoff: float = 0.0) -> FloatArray:
    """One rapidfuzz similarity per (a[i], b[i]) pair, on both cores; 0 below `cutoff`.

    `scorer` is a rapidfuzz similarity or distance (`Levenshtein.normalized_similarity`...).
    """
    if not len(a):
        return np.empty(0, dtype=np.float64)
    workers = THREADS["rapidfuzz"] if len(a) >= PARALLEL_MIN_PAIRS else 1
    out = process.cpdist(a, b, scorer=scorer, score_cutoff=cutoff or None, workers=workers)
    return np.asarray(out, dtype=np.float64)


def token_similarities(vocab: Vocabulary, a: IntArray, b: IntArray) -> FloatArray:
    """Similarity of each token pair (a[i], b[i]) of string ids, in [0, 1].

    The best of: optimal-string-alignment similarity (an edit or a transposition per step; at
    least the Levenshtein similarity), discounted Jaro-Winkler for tokens of four letters or
    more, and the discounted similarity of the phonetic keys. Each scorer is cut off where it
    could no longer lift a pair to `TOKEN_FLOOR`, which lets rapidfuzz stop early.
    """
    sims = np.zeros(len(a), dtype=np.float64)
    if not len(a):
        return sims
    ta, tb = vocab.text_array(a), vocab.text_array(b)
    la = np.fromiter(map(len, ta), dtype=np.int64, count=len(ta))
    lb = np.fromiter(map(len, tb), dtype=np.int64, count=len(tb))
    shortest = np.minimum(la, lb)
    equal = a == b
    initial = (shortest == 1) & ~equal
    digits = np.fromiter(map(str.isdigit, ta), dtype=bool, count=len(ta)) | np.fromiter(
        map(str.isdigit, tb), dtype=bool, count=len(tb)
    )
    idx = np.flatnonzero(~equal & ~initial & ~digits & (shortest > 0))
    if len(idx):
        wa, wb = ta[idx], tb[idx]
        sim = pairwise(wa, wb, OSA.normalized_similarity, TOKEN_FLOOR)
        long = np.flatnonzero(shortest[idx] >= JARO_WINKLER_MIN_LEN)
        if len(long):
            jw = pairwise(
                wa[long], wb[long], JaroWinkler.similarity, TOKEN_FLOOR / JARO_WINKLER_DISCOUNT
            )
            sim[long] = np.maximum(sim[long], JARO_WINKLER_DISCOUNT * jw)
        if SWITCHES.phonetic:
            ka, kb = vocab.phonetic_keys(a[idx]), vocab.phonetic_keys(b[idx])
            cutoff = TOKEN_FLOOR / PHONETIC_DISCOUNT
            sim = np.maximum(
                sim, PHONETIC_DISCOUNT * pairwise(ka, kb, Levenshtein.normalized_similarity, cutoff)
            )
            same_key = np.fromiter(map(operator.eq, ka, kb), dtype=bool, count=len(ka))
        else:
            same_key = np.zeros(len(idx), dtype=bool)
        short = (shortest[idx] <= SHORT_TOKEN_LEN) & (sim < 1.0)
        sim[short & ~same_key] = 0.0
        sims[idx] = sim
    initials = np.flatnonzero(initial)
    if len(initials):
        same_first = [x[:1] == y[:1] for x, y in zip(ta[initials], tb[initials], strict=True)]
        sims[initials[np.asarray(same_first, dtype=bool)]] = INITIAL_SIMILARITY
    sims[equal] = 1.0
    sims[sims < TOKEN_FLOOR] = 0.0
    return sims


@lru_cache(maxsize=100_000)
def token_similarity(a: str, b: str) -> float:
    """Similarity of two tokens in [0, 1]: equal, initial, typo or phonetic variant, else 0."""
    vocab = Vocabulary()
    ids = np.array([vocab.intern(a)], dtype=np.int64), np.array([vocab.intern(b)], dtype=np.int64)
    return float(token_similarities(vocab, *ids)[0])


def skeleton_similarities(skeletons: list[str], targets: list[str]) -> FloatArray:
    """How well each pinyin run's consonant skeleton fits a run of English consonant classes."""
    if not SWITCHES.phonetic:
        return np.zeros(len(skeletons), dtype=np.float64)
    sim = pairwise(skeletons, targets, Levenshtein.normalized_similarity)
    sim[sim < TOKEN_FLOOR] = 0.0
    empty = np.fromiter((not t for t in targets), dtype=bool, count=len(targets))
    sim[empty] = 0.0
    return sim * TRANSLITERATION_DISCOUNT


def skeleton_similarity(skeleton: str, words: tuple[str, ...]) -> float:
    """How well a pinyin run's consonant skeleton fits the English words, in [0, 1]."""
    if not skeleton:
        return 0.0
    target = "".join(english_skeleton(w) for w in words)
    return float(skeleton_similarities([skeleton], [target])[0])

"""The features a hit is scored on. Each comparator's docstring is its user-facing explanation.

The name feature aligns the tokens of two normalised forms one to one, best pairs first, and
scores the share of the query's weight that found a partner, reduced a little for list-name
tokens the query does not mention. Country and identifier evidence then move that score up
or down (see `match.combine`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import OSA, Indel, JaroWinkler, Levenshtein

from longarm.screening.lexicon import SWITCHES
from longarm.screening.model import Feature
from longarm.screening.normalise import NameForm
from longarm.screening.phonetics import english_skeleton, phonetic_key

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
QUERY_EXTRA_COST = 1.0
"""Cost of a query token with no partner in the list name, relative to a matched token."""
LIST_EXTRA_COST = 0.2
"""Cost of a list-name token the query does not mention. Milder than a query token: list
names are often longer (full legal name, patronymic, a.k.a. qualifiers)."""
COMPACT_FLOOR = 0.92
"""Names compared with spaces removed (RamiMakhlouf, Good Will) must be this close."""
MAX_SPAN = 3
"""A transliteration run may cover up to this many list-name tokens (曹兴诚 ~ Tsao Hsing Cheng)."""


@lru_cache(maxsize=500_000)
def token_similarity(a: str, b: str) -> float:
    """Similarity of two tokens in [0, 1]: equal, initial, typo or phonetic variant, else 0."""
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:
        return INITIAL_SIMILARITY if a[0] == b[0] else 0.0
    if a.isdigit() or b.isdigit():
        return 0.0
    sim = max(Levenshtein.normalized_similarity(a, b), OSA.normalized_similarity(a, b))
    if min(len(a), len(b)) >= 4:
        sim = max(sim, JARO_WINKLER_DISCOUNT * JaroWinkler.similarity(a, b))
    if SWITCHES.phonetic:
        ka, kb = phonetic_key(a), phonetic_key(b)
        sim = max(sim, PHONETIC_DISCOUNT * Levenshtein.normalized_similarity(ka, kb))
    else:
        ka, kb = a, b
    # Short tokens leave no room for an edit: "gas" and "oil" are not typos of each other.
    if min(len(a), len(b)) <= 3 and sim < 1.0:
        sim = sim if ka == kb else 0.0
    return sim if sim >= TOKEN_FLOOR else 0.0


def _alt_similarity(alts: Sequence[str], b: str) -> float:
    return max(token_similarity(a, b) for a in alts)


@lru_cache(maxsize=200_000)
def skeleton_similarity(skeleton: str, words: tuple[str, ...]) -> float:
    """How well a pinyin run's consonant skeleton fits the English words, in [0, 1]."""
    target = "".join(english_skeleton(w) for w in words)
    if not skeleton or not target or not SWITCHES.phonetic:
        return 0.0
    sim = Levenshtein.normalized_similarity(skeleton, target)
    return sim * TRANSLITERATION_DISCOUNT if sim >= TOKEN_FLOOR else 0.0


def _pairs(q: NameForm, c: NameForm) -> list[tuple[float, int, int, int]]:
    """Candidate pairings (similarity, query token, first list token, span length)."""
    pairs: list[tuple[float, int, int, int]] = []
    ctoks = c.tokens
    n = len(ctoks)
    lengths = [len(t) for t in ctoks]
    for i, alts in enumerate(q.alts):
        skeleton = q.skeletons[i]
        qtok = q.tokens[i]
        single = len(alts) == 1
        spans = n > 1 and (bool(skeleton) or len(qtok) >= 6)
        lq = len(qtok)
        for j, ctok in enumerate(ctoks):
            sim = token_similarity(qtok, ctok) if single else _alt_similarity(alts, ctok)
            if skeleton:
                sim = max(sim, skeleton_similarity(skeleton, (ctok,)))
            if sim > 0.0:
                pairs.append((sim, i, j, 1))
            if not spans:
                continue
            # One query token against several list tokens: a transliteration run, or a
            # name written without spaces (RamiMakhlouf).
            joined_len = lengths[j]
            for span in range(2, min(MAX_SPAN, n - j) + 1):
                joined_len += lengths[j + span - 1]
                span_sim = 0.0
                # A normalised similarity of COMPACT_FLOOR needs lengths at least that close.
                if min(lq, joined_len) >= COMPACT_FLOOR * max(lq, joined_len):
                    span_sim = Levenshtein.normalized_similarity(
                        qtok, "".join(ctoks[j : j + span]), score_cutoff=COMPACT_FLOOR
                    )
                if skeleton:
                    span_sim = max(span_sim, skeleton_similarity(skeleton, ctoks[j : j + span]))
                if span_sim > 0.0:
                    pairs.append((span_sim, i, j, span))
    return pairs


def _span_weight(c: NameForm, j: int, span: int) -> float:
    return max(c.weights[j : j + span])


def align(q: NameForm, c: NameForm) -> tuple[float, list[tuple[int, int, int, float]]]:
    """Align query tokens with list tokens; return the name score and the pairing used."""
    if q.kind == "han" or c.kind == "han":
        if q.kind != c.kind:
            return 0.0, []
        sim = Indel.normalized_similarity(q.tokens[0], c.tokens[0])
        return sim, [(0, 0, 1, sim)]
    pairs = _pairs(q, c)
    pairs.sort(key=lambda p: (-p[0], p[3]))
    used_q: set[int] = set()
    used_c: set[int] = set()
    chosen: list[tuple[int, int, int, float]] = []
    for sim, i, j, span in pairs:
        cover = range(j, j + span)
        if i in used_q or any(k in used_c for k in cover):
            continue
        used_q.add(i)
        used_c.update(cover)
        chosen.append((i, j, span, sim))
    pair_weights = [(q.weights[i] + _span_weight(c, j, span)) / 2 for i, j, span, _ in chosen]
    matched = sum(w * p[3] for w, p in zip(pair_weights, chosen, strict=True))
    extra_q = sum(w for k, w in enumerate(q.weights) if k not in used_q)
    extra_c = sum(w for k, w in enumerate(c.weights) if k not in used_c)
    if matched <= 0.0:
        return 0.0, chosen
    denominator = sum(pair_weights) + QUERY_EXTRA_COST * extra_q + LIST_EXTRA_COST * extra_c
    score = matched / denominator
    # A name written with or without spaces: compare the names run together.
    if len(q.tokens) != len(c.tokens):
        compact = Levenshtein.normalized_similarity("".join(q.tokens), "".join(c.tokens))
        if compact >= COMPACT_FLOOR:
            score = max(score, compact)
    return score, chosen


def compare_names(q: NameForm, c: NameForm) -> Feature:
    """Name similarity after normalisation: the share of the query's words in the list name."""
    score, chosen = align(q, c)
    if q.kind == "han":
        return Feature(score, f"Chinese characters compared: {q.tokens[0]} / {c.tokens[0]}")
    parts = []
    for i, j, span, sim in sorted(chosen):
        target = " ".join(c.tokens[j : j + span])
        how = "=" if sim >= 1.0 else "~"
        parts.append(f"{q.tokens[i]}{how}{target}")
    missing = [q.tokens[i] for i in range(len(q.tokens)) if i not in {p[0] for p in chosen}]
    detail = f"{q.kind} form; matched " + (", ".join(parts) if parts else "nothing")
    if missing:
        detail += "; not in list name: " + ", ".join(missing)
    return Feature(score, detail)


def compare_countries(query_country: str | None, entry_countries: Sequence[str]) -> Feature | None:
    """Country of the query against the entry's countries: the same supports, different weakens."""
    if not query_country or not entry_countries:
        return None
    if query_country in entry_countries:
        return Feature(1.0, f"both {query_country}")
    return Feature(0.0, f"Different countries: {query_country} / {'/'.join(entry_countries)}")


def _norm_id(value: str) -> str:
    return "".join(ch for ch in value.casefold() if ch.isalnum())


def compare_identifiers(query_ids: Sequence[str], entry_ids: Sequence[str]) -> Feature | None:
    """Identifiers (registration, tax, passport numbers): one shared number is strong evidence."""
    if not query_ids or not entry_ids:
        return None
    wanted = {_norm_id(v) for v in query_ids if _norm_id(v)}
    for raw in entry_ids:
        for part in raw.replace(";", ",").split(","):
            # "Passport 123" holds the number after its label.
            if {_norm_id(part), *(_norm_id(w) for w in part.split())} & wanted:
                return Feature(1.0, f"Same identifier: {part.strip()}")
    return Feature(0.0, "No identifier in common")

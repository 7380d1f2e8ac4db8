"""Name evidence: a few well-defined measurements of an aligned pair, one row per pair.

Each is computed for the whole batch with array operations on the `Alignment`:

- `coverage`: the share of both names' weight that found a partner, weighted by similarity
  (unmatched query tokens cost `QUERY_EXTRA_COST`, unmatched list tokens `LIST_EXTRA_COST`),
  or the similarity of the names run together when that is higher;
- `weakest`: the lowest similarity of an aligned distinctive (full-weight) query token;
- `edits`: the character edits (a swap of two letters is one) of the worst aligned pair of
  tokens, capped at `MAX_EDITS` (an initial against its word counts none);
- `edited`: how many aligned pairs are not identical;
- `substituted`: distinctive words left over on *both* sides (a name part replaced: Ortiz for
  Ortega, al-Dulaimi for al-Tikriti), counted in pairs;
- `extra_query`, `extra_list`: distinctive words left over on one side only (a patronymic
  or a qualifier added);
- `generic_left`: generic words and initials left over on either side;
- `crossed`: whether the aligned tokens come in a different order;
- `numbers_differ`: a number (digits, Roman numeral) without an identical partner. Numbers
  are counted here only, not as words in the three counts above: a series or vintage marker
  changed (Fund III, Fund IV; Trust 2004-1, 2004-2) is other evidence than a name replaced;
- `compact`: the run-together similarity (RamiMakhlouf, Good Will), 0 below `COMPACT_FLOOR`;
- `thin`: the match rests on at most one distinctive word while the names have other
  distinctive words without partners (PIONEER for Pioneer Maple Inc., WALIJAN for Walijan
  Abdul Ghafoor Haqqani);
- `lineage`: both names have a patronymic particle (bin, ibn, ould...) and a name that
  follows it on one side, the father's, is aligned with a name before it on the other, the
  son's (Salman bin Muhammad, Muhammad bin Salman: father and son, not one person).
"""

from __future__ import annotations

import numpy as np
from rapidfuzz.distance import OSA

from longarm.screening.alignment import Alignment, UIntArray
from longarm.screening.forms import FloatArray, FormTable
from longarm.screening.similarity import pairwise

FEATURES = (
    "coverage",
    "weakest",
    "edits",
    "edited",
    "substituted",
    "extra_query",
    "extra_list",
    "generic_left",
    "crossed",
    "numbers_differ",
    "compact",
    "thin",
    "lineage",
)
"""Column order of `name_evidence`."""
BOUNDED_BY_ONE = frozenset(
    {"coverage", "weakest", "crossed", "numbers_differ", "compact", "thin", "lineage"}
)
"""Features whose value is at most 1 (the others are counts)."""

QUERY_EXTRA_COST = 0.5
"""Cost of a query token with no partner in the list name, relative to a matched token."""
LIST_EXTRA_COST = 0.2
"""Cost of a list-name token the query does not mention. Milder than a query token: list
names are often longer (full legal name, patronymic, a.k.a. qualifiers)."""
MAX_EDITS = 4
"""Edits beyond this many say nothing more: the tokens are different words."""


_NOTES = {
    "edits": "up to {:g} letters edited in a word",
    "substituted": "{:g} word(s) replaced by another",
    "extra_query": "{:g} query word(s) without a partner",
    "extra_list": "{:g} list-name word(s) without a partner",
    "generic_left": "{:g} generic word(s) or initial(s) without a partner",
    "crossed": "words in another order",
    "numbers_differ": "numbers differ",
    "thin": "the match rests on one word",
    "lineage": "a father's name stands for a son's (bin, ibn)",
}
"""How each piece of evidence against a match reads in a hit's explanation."""


def describe(row: FloatArray, weights: FloatArray) -> list[str]:
    """The evidence of one pair that moved its score down, in words."""
    notes = []
    for name, value, weight in zip(FEATURES, row.tolist(), weights.tolist(), strict=True):
        if value and weight < 0.0 and name in _NOTES:
            notes.append(_NOTES[name].format(value))
    return notes


def coverage(al: Alignment, queries: FormTable, cands: FormTable) -> FloatArray:
    """The coverage score of every pair, in [0, 1] (see the module docstring)."""
    extra_q = np.maximum(queries.total_weight[al.qf] - al.matched_q, 0.0)
    extra_c = np.maximum(cands.total_weight[al.cf] - al.matched_c, 0.0)
    denominator = al.cell_weight + QUERY_EXTRA_COST * extra_q + LIST_EXTRA_COST * extra_c
    score = np.divide(al.weighted_sim, denominator, out=np.zeros(len(al.qf)), where=denominator > 0)
    return np.clip(np.maximum(score, al.compact), 0.0, 1.0)


def _count(bits: UIntArray) -> FloatArray:
    counted: FloatArray = np.bitwise_count(bits).astype(np.float64)
    return counted


def name_evidence(al: Alignment, queries: FormTable, cands: FormTable) -> FloatArray:
    """The `FEATURES` of every aligned pair, one row per pair."""
    n = len(al.qf)
    out = np.zeros((n, len(FEATURES)), dtype=np.float64)
    column = {name: k for k, name in enumerate(FEATURES)}
    out[:, column["coverage"]] = coverage(al, queries, cands)
    out[:, column["compact"]] = al.compact
    pair, sim = al.pair, al.sim
    has_cells = np.bincount(pair, minlength=n) > 0
    distinctive = queries.tok_weight[al.q_tok] >= 1.0
    weakest = np.ones(n)
    np.minimum.at(weakest, pair[distinctive], sim[distinctive])
    any_weakest = np.ones(n)
    np.minimum.at(any_weakest, pair, sim)
    no_distinctive = np.bincount(pair[distinctive], minlength=n) == 0
    weakest[no_distinctive] = any_weakest[no_distinctive]
    out[:, column["weakest"]] = np.where(has_cells, weakest, 0.0)
    q_text = queries.vocab.text_array(al.q_text)
    c_text = cands.vocab.text_array(cands.col_text[al.col])
    edits = pairwise(q_text, c_text, OSA.distance)
    # An initial (V. for Vladimir) abbreviates the word; it does not misspell it.
    initial = (np.fromiter(map(len, q_text), dtype=np.int64, count=len(q_text)) == 1) | (
        np.fromiter(map(len, c_text), dtype=np.int64, count=len(c_text)) == 1
    )
    edits[initial] = 0.0
    worst = np.zeros(n)
    np.maximum.at(worst, pair, np.minimum(edits, MAX_EDITS))
    worst[al.han] = 0.0
    out[:, column["edits"]] = worst
    out[:, column["edited"]] = np.bincount(pair, weights=sim < 1.0, minlength=n)
    q_number_bits = queries.number_mask[al.qf]
    c_number_bits = cands.number_mask[al.cf]
    q_left = queries.all_mask[al.qf] & ~al.used_q
    c_left = cands.all_mask[al.cf] & ~al.used_c
    # Words only: numbers left over are `numbers_differ` evidence.
    q_words, c_words = q_left & ~q_number_bits, c_left & ~c_number_bits
    left_q = _count(q_words & queries.distinctive_mask[al.qf])
    left_c = _count(c_words & cands.distinctive_mask[al.cf])
    substituted = np.minimum(left_q, left_c)
    out[:, column["substituted"]] = substituted
    out[:, column["extra_query"]] = left_q - substituted
    out[:, column["extra_list"]] = left_c - substituted
    out[:, column["generic_left"]] = _count(q_words & ~queries.distinctive_mask[al.qf]) + _count(
        c_words & ~cands.distinctive_mask[al.cf]
    )
    # Crossed: within a pair, in query order, a list position goes back.
    order = np.lexsort((al.q_pos, pair))
    p_sorted, start_sorted = pair[order], al.c_start[order]
    back = (p_sorted[1:] == p_sorted[:-1]) & (start_sorted[1:] < start_sorted[:-1])
    out[:, column["crossed"]] = np.bincount(p_sorted[1:][back], minlength=n) > 0
    q_bit = np.uint64(1) << al.q_pos.astype(np.uint64)
    inexact_number = ((q_number_bits[pair] & q_bit) != 0) & (sim < 1.0)
    out[:, column["numbers_differ"]] = (
        _count(q_left & q_number_bits) + _count(c_left & c_number_bits) > 0
    ) | (np.bincount(pair, weights=inexact_number, minlength=n) > 0)
    anchors = np.bincount(pair[distinctive], minlength=n)
    out[:, column["thin"]] = (anchors <= 1) & (left_q + left_c > 0)
    out[:, column["lineage"]] = _lineage(al, queries, cands, n)
    return out


def _lineage(al: Alignment, queries: FormTable, cands: FormTable, n: int) -> FloatArray:
    """Whether a father's name (the one after a patronymic particle) on one side is aligned
    with a name before the particle on the other (see the module docstring)."""
    pq = queries.particle_pos[al.qf][al.pair]
    pc = cands.particle_pos[al.cf][al.pair]
    both = (pq >= 0) & (pc >= 0)
    swapped = both & (
        ((al.q_pos == pq + 1) & (al.c_start < pc)) | ((al.c_start == pc + 1) & (al.q_pos < pq))
    )
    return (np.bincount(al.pair, weights=swapped, minlength=n) > 0).astype(np.float64)

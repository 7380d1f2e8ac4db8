"""Token alignment of many (query form, list form) pairs at once.

For each pair, every query token is compared with every list-name column (a token, or a run
of two or three for names written without spaces and transliteration runs); the comparisons
are *cells*. Alignment is greedy, best cell first, each query token and list token used once,
as a person reading the two names would pair them. The greedy pass runs for all pairs of a
batch together: each round takes the best remaining cell of every pair and drops the cells
that now conflict, so the number of rounds is the length of the longest alignment.

Han forms are compared as whole strings (character edit distance), one cell per pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import Indel, Levenshtein

from longarm.screening.forms import HAN, MAX_SPAN, BoolArray, FloatArray, FormTable, IntArray
from longarm.screening.phonetics import english_skeleton
from longarm.screening.similarity import (
    COMPACT_FLOOR,
    pairwise,
    skeleton_similarities,
    token_similarities,
)

SPAN_MIN_LEN = 6
"""A query token this long may cover several list tokens (RamiMakhlouf ~ Rami Makhlouf);
shorter ones would match any two short tokens run together."""

UIntArray = npt.NDArray[np.uint64]
"""Bit masks of token positions."""


class Cell(NamedTuple):
    """An aligned pair of token runs: query tokens `q_start` to `q_start + q_span`, list
    tokens `c_start` to `c_start + c_span`, and their similarity."""

    q_start: int
    q_span: int
    c_start: int
    c_span: int
    sim: float


@dataclass(slots=True)
class Alignment:
    """The alignment of each pair, and the cells it chose.

    Per pair `p` (query form `qf[p]`, list form `cf[p]`): `matched_q`, `matched_c` (token
    weight of each side that found a partner), `weighted_sim` (sum over chosen cells of the
    mean weight of the two sides times the similarity) and `cell_weight` (the sum of those
    mean weights), `compact` (similarity of the two names run together, 0 unless at least
    `COMPACT_FLOOR`), `han` (whether the pair was compared as Han strings), `used_q` and
    `used_c` (bits of the token positions that found a partner).
    Per chosen cell, sorted by pair: `pair`, `q_tok` (first query token id in its table),
    `q_span` (query tokens covered), `q_text` (id of the query string compared), `col` (list
    column id), `q_pos` (first query token position), `c_start`, `c_span`, `sim`.
    """

    qf: IntArray
    cf: IntArray
    matched_q: FloatArray
    matched_c: FloatArray
    weighted_sim: FloatArray
    cell_weight: FloatArray
    compact: FloatArray
    han: BoolArray
    used_q: UIntArray
    used_c: UIntArray
    pair: IntArray
    q_tok: IntArray
    q_span: IntArray
    q_text: IntArray
    col: IntArray
    q_pos: IntArray
    c_start: IntArray
    c_span: IntArray
    sim: FloatArray

    def cells_of(self, p: int) -> list[Cell]:
        """Chosen cells of one pair."""
        return self.cells_for(np.array([p], dtype=np.int64))[0]

    def cells_for(self, pairs: IntArray) -> list[list[Cell]]:
        """Chosen cells of each of several pairs."""
        lo = np.searchsorted(self.pair, pairs)
        hi = np.searchsorted(self.pair, pairs + 1)
        counts = hi - lo
        take = np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))
        cells = list(
            map(
                Cell,
                self.q_pos[take].tolist(),
                self.q_span[take].tolist(),
                self.c_start[take].tolist(),
                self.c_span[take].tolist(),
                self.sim[take].tolist(),
            )
        )
        ends = np.cumsum(counts).tolist()
        return [cells[e - c : e] for e, c in zip(ends, counts.tolist(), strict=True)]


@dataclass(slots=True)
class _Cells:
    """Cells of the batch: pair, first query token, query tokens covered, the query string
    compared, list column, similarity."""

    pair: list[IntArray]
    q_tok: list[IntArray]
    q_span: list[IntArray]
    q_text: list[IntArray]
    col: list[IntArray]
    sim: list[FloatArray]

    def add(
        self,
        pair: IntArray,
        q_tok: IntArray,
        q_text: IntArray,
        col: IntArray,
        sim: FloatArray,
        q_span: IntArray | None = None,
    ) -> None:
        keep = sim > 0.0
        self.pair.append(pair[keep])
        self.q_tok.append(q_tok[keep])
        self.q_span.append(
            np.ones(int(keep.sum()), dtype=np.int64) if q_span is None else q_span[keep]
        )
        self.q_text.append(q_text[keep])
        self.col.append(col[keep])
        self.sim.append(sim[keep])

    def joined(self, name: str, dtype: type) -> npt.NDArray[Any]:
        parts: list[npt.NDArray[Any]] = getattr(self, name)
        return np.concatenate(parts) if parts else np.empty(0, dtype=dtype)


def _cartesian(
    a_start: IntArray, a_count: IntArray, b_start: IntArray, b_count: IntArray
) -> tuple[IntArray, IntArray, IntArray]:
    """For each pair p, every (a, b) with a in a_start[p] + range(a_count[p]) and likewise b."""
    counts = a_count * b_count
    total = int(counts.sum())
    pair = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    offset = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    width = b_count[pair]
    return pair, a_start[pair] + offset // width, b_start[pair] + offset % width


def _rows_per_form(table: FormTable, wanted: np.ndarray) -> tuple[IntArray, IntArray, IntArray]:
    """The tokens of each form that satisfy `wanted`, grouped by form: (ids, starts, counts)."""
    ids = np.flatnonzero(wanted).astype(np.int64)
    counts = np.bincount(table.tok_form[ids], minlength=len(table)).astype(np.int64)
    starts = np.cumsum(counts) - counts
    return ids, starts, counts


def _unique_sims(queries: FormTable, a: IntArray, b: IntArray, compute: object) -> FloatArray:
    """Compute a similarity once per distinct (a, b) string-id pair."""
    if not len(a):
        return np.empty(0, dtype=np.float64)
    width = len(queries.vocab)
    unique, inverse = np.unique(a * width + b, return_inverse=True)
    values = compute(unique // width, unique % width)  # type: ignore[operator]
    return np.asarray(values, dtype=np.float64)[inverse]


def _token_cells(queries: FormTable, cands: FormTable, qf: IntArray, cf: IntArray,
                 cells: _Cells) -> None:  # fmt: skip
    """Each spelling of each query token against each single list token."""
    alt_of_form = queries.alt_ptr[queries.tok_ptr]
    q_start = alt_of_form[:-1][qf]
    q_count = (alt_of_form[1:] - alt_of_form[:-1])[qf]
    pair, alt, col = _cartesian(q_start, q_count, cands.col_ptr[cf], cands.n_tokens[cf])
    alt_token = np.repeat(np.arange(len(queries.tok_id)), np.diff(queries.alt_ptr))
    vocab = queries.vocab
    sims = _unique_sims(
        queries,
        queries.alt_id[alt],
        cands.col_text[col],
        lambda a, b: token_similarities(vocab, a, b),
    )
    cells.add(pair, alt_token[alt], queries.alt_id[alt], col, sims)


def _close_lengths(a: IntArray, b: IntArray) -> BoolArray:
    """Whether two strings of these lengths can be `COMPACT_FLOOR` similar at all."""
    return np.minimum(a, b) >= COMPACT_FLOOR * np.maximum(a, b)


def _compact_sims(queries: FormTable, a: IntArray, b: IntArray) -> FloatArray:
    """Edit similarity of strings run together, 0 below `COMPACT_FLOOR`, once per pair."""
    vocab = queries.vocab

    def compact(x: IntArray, y: IntArray) -> FloatArray:
        return pairwise(vocab.texts(x), vocab.texts(y), Levenshtein.normalized_similarity,
                        COMPACT_FLOOR)  # fmt: skip

    return _unique_sims(queries, a, b, compact)


def _span_cells(queries: FormTable, cands: FormTable, qf: IntArray, cf: IntArray,
                cells: _Cells) -> None:  # fmt: skip
    """Long query tokens against runs of list tokens, spaces removed."""
    ids, starts, counts = _rows_per_form(
        queries, (queries.tok_len >= SPAN_MIN_LEN) | (queries.tok_skeleton >= 0)
    )
    span_start = cands.col_ptr[cf] + cands.n_tokens[cf]
    span_count = cands.col_ptr[cf + 1] - span_start
    pair, row, col = _cartesian(starts[qf], counts[qf], span_start, span_count)
    tok = ids[row]
    close = np.flatnonzero(_close_lengths(queries.tok_len[tok], cands.col_len[col]))
    pair, tok, col = pair[close], tok[close], col[close]
    text_a = queries.tok_id[tok]
    cells.add(pair, tok, text_a, col, _compact_sims(queries, text_a, cands.col_text[col]))


def _skeleton_cells(queries: FormTable, cands: FormTable, qf: IntArray, cf: IntArray,
                    cells: _Cells) -> None:  # fmt: skip
    """Transliteration runs against list tokens and runs, by consonant skeleton."""
    ids, starts, counts = _rows_per_form(queries, queries.tok_skeleton >= 0)
    if not len(ids):
        return
    col_count = cands.col_ptr[cf + 1] - cands.col_ptr[cf]
    pair, row, col = _cartesian(starts[qf], counts[qf], cands.col_ptr[cf], col_count)
    tok = ids[row]
    skeletons: dict[int, str] = {}
    targets = []
    for k in col.tolist():
        found = skeletons.get(k)
        if found is None:
            f = int(np.searchsorted(cands.col_ptr, k, side="right")) - 1
            start = int(cands.tok_ptr[f] + cands.col_start[k])
            words = cands.vocab.texts(cands.tok_id[start : start + int(cands.col_span[k])])
            found = "".join(english_skeleton(w) for w in words)
            skeletons[k] = found
        targets.append(found)
    sims = skeleton_similarities(queries.vocab.texts(queries.tok_skeleton[tok]), targets)
    cells.add(pair, tok, queries.tok_id[tok], col, sims)


def _query_span_cells(queries: FormTable, cands: FormTable, qf: IntArray, cf: IntArray,
                      cells: _Cells) -> None:  # fmt: skip
    """Runs of query tokens against long list tokens, spaces removed (Patr Ushev ~ Patrushev,
    Good Will ~ Goodwill): the mirror of `_span_cells`."""
    span_start = queries.col_ptr[qf] + queries.n_tokens[qf]
    span_count = queries.col_ptr[qf + 1] - span_start
    ids, starts, counts = cands.long_tokens(SPAN_MIN_LEN)
    pair, q_col, row = _cartesian(span_start, span_count, starts[cf], counts[cf])
    tok = ids[row]
    close = np.flatnonzero(_close_lengths(queries.col_len[q_col], cands.tok_len[tok]))
    pair, q_col, tok = pair[close], q_col[close], tok[close]
    col = cands.col_ptr[cands.tok_form[tok]] + cands.tok_pos[tok]
    text_a = queries.col_text[q_col]
    sims = _compact_sims(queries, text_a, cands.tok_id[tok])
    q_tok = queries.tok_ptr[qf[pair]] + queries.col_start[q_col]
    cells.add(pair, q_tok, text_a, col, sims, queries.col_span[q_col])


def _greedy(
    pair: IntArray, q_bit: UIntArray, mask: UIntArray, n_pairs: int
) -> tuple[IntArray, UIntArray, UIntArray]:
    """Indices of the chosen cells (cells sorted by pair, then best first), and per pair the
    bits of the query and list tokens used."""
    used_q = np.zeros(n_pairs, dtype=np.uint64)
    used_c = np.zeros(n_pairs, dtype=np.uint64)
    alive = np.arange(len(pair))
    chosen: list[IntArray] = []
    while len(alive):
        p = pair[alive]
        first = np.ones(len(alive), dtype=bool)
        np.not_equal(p[1:], p[:-1], out=first[1:])
        picked = alive[first]
        chosen.append(picked)
        used_q[pair[picked]] |= q_bit[picked]
        used_c[pair[picked]] |= mask[picked]
        free = ((used_q[p] & q_bit[alive]) == 0) & ((used_c[p] & mask[alive]) == 0)
        alive = alive[free]
    if not chosen:
        return np.empty(0, dtype=np.int64), used_q, used_c
    return np.sort(np.concatenate(chosen)), used_q, used_c


def align_pairs(queries: FormTable, cands: FormTable, qf: IntArray, cf: IntArray) -> Alignment:
    """Align query form `qf[p]` with list form `cf[p]` for every pair p."""
    n = len(qf)
    q_han, c_han = queries.kind[qf] == HAN, cands.kind[cf] == HAN
    han = q_han & c_han
    cells = _Cells([], [], [], [], [], [])
    text = ~q_han & ~c_han
    tp = np.flatnonzero(text)
    for make in (_token_cells, _span_cells, _skeleton_cells, _query_span_cells):
        before = len(cells.pair)
        make(queries, cands, qf[tp], cf[tp], cells)
        for k in range(before, len(cells.pair)):
            cells.pair[k] = tp[cells.pair[k]]
    pair = cells.joined("pair", np.int64)
    q_tok = cells.joined("q_tok", np.int64)
    q_span = cells.joined("q_span", np.int64)
    q_text = cells.joined("q_text", np.int64)
    col = cells.joined("col", np.int64)
    sim = cells.joined("sim", np.float64)
    q_pos = queries.tok_pos[q_tok]
    span = cands.col_span[col] + q_span - 1
    c_start = cands.col_start[col]
    order = np.lexsort((c_start, q_pos, span, -sim, pair))
    pair, q_tok, q_span, q_text, col, sim, q_pos = (
        x[order] for x in (pair, q_tok, q_span, q_text, col, sim, q_pos)
    )
    q_mask = ((np.uint64(1) << q_span.astype(np.uint64)) - np.uint64(1)) << q_pos.astype(np.uint64)
    picked, used_q, used_c = _greedy(pair, q_mask, cands.col_mask[col], n)
    pair, q_tok, q_span, q_text, col, sim = (
        x[picked] for x in (pair, q_tok, q_span, q_text, col, sim)
    )
    # A run of query tokens weighs like a run of list tokens: the most of its tokens for the
    # pair, all of them for what found a partner.
    q_weights = _run_weights(queries, q_tok, q_span)
    mean_weight = (q_weights.max(axis=1) + cands.col_max_weight[col]) / 2
    result = Alignment(
        qf=qf,
        cf=cf,
        matched_q=_sum_per_pair(pair, q_weights.sum(axis=1), n),
        matched_c=_sum_per_pair(pair, cands.col_sum_weight[col], n),
        weighted_sim=_sum_per_pair(pair, mean_weight * sim, n),
        cell_weight=_sum_per_pair(pair, mean_weight, n),
        compact=np.zeros(n, dtype=np.float64),
        han=han,
        used_q=used_q,
        used_c=used_c,
        pair=pair,
        q_tok=q_tok,
        q_span=q_span,
        q_text=q_text,
        col=col,
        q_pos=queries.tok_pos[q_tok],
        c_start=cands.col_start[col],
        c_span=cands.col_span[col],
        sim=sim,
    )
    split = text & (queries.n_tokens[qf] != cands.n_tokens[cf])
    sp = np.flatnonzero(split)
    if len(sp):
        joined_q = queries.vocab.texts(queries.joined[qf[sp]])
        joined_c = cands.vocab.texts(cands.joined[cf[sp]])
        result.compact[sp] = pairwise(
            joined_q, joined_c, Levenshtein.normalized_similarity, COMPACT_FLOOR
        )
    hp = np.flatnonzero(han)
    if len(hp):
        _add_han(result, queries, cands, hp)
    return result


def _sum_per_pair(pair: IntArray, values: FloatArray, n: int) -> FloatArray:
    summed: FloatArray = np.bincount(pair, weights=values, minlength=n).astype(np.float64)
    return summed


def _run_weights(queries: FormTable, q_tok: IntArray, q_span: IntArray) -> FloatArray:
    """Weights of the query tokens each cell covers, one column per covered token (0 past
    the run)."""
    out = np.zeros((len(q_tok), MAX_SPAN), dtype=np.float64)
    for k in range(MAX_SPAN):
        inside = q_span > k
        out[inside, k] = queries.tok_weight[q_tok[inside] + k]
    return out


def _add_han(result: Alignment, queries: FormTable, cands: FormTable, hp: IntArray) -> None:
    """Han pairs: one cell, the character similarity of the two names."""
    qa = queries.vocab.texts(queries.tok_id[queries.tok_ptr[result.qf[hp]]])
    ca = cands.vocab.texts(cands.tok_id[cands.tok_ptr[result.cf[hp]]])
    sims = pairwise(qa, ca, Indel.normalized_similarity)
    result.weighted_sim[hp] = sims
    result.cell_weight[hp] = 1.0
    result.matched_q[hp] = queries.total_weight[result.qf[hp]]
    result.matched_c[hp] = cands.total_weight[result.cf[hp]]
    zeros = np.zeros(len(hp), dtype=np.int64)
    order = np.argsort(np.concatenate([result.pair, hp]), kind="stable")
    result.pair = np.concatenate([result.pair, hp])[order]
    first_tok = queries.tok_ptr[result.qf[hp]]
    result.q_tok = np.concatenate([result.q_tok, first_tok])[order]
    result.q_span = np.concatenate([result.q_span, zeros + 1])[order]
    result.q_text = np.concatenate([result.q_text, queries.tok_id[first_tok]])[order]
    result.col = np.concatenate([result.col, cands.col_ptr[result.cf[hp]]])[order]
    result.used_q[hp] = np.uint64(1)
    result.used_c[hp] = np.uint64(1)
    result.q_pos = np.concatenate([result.q_pos, zeros])[order]
    result.c_start = np.concatenate([result.c_start, zeros])[order]
    result.c_span = np.concatenate([result.c_span, zeros + 1])[order]
    result.sim = np.concatenate([result.sim, sims])[order]

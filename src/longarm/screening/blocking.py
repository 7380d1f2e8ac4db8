"""Blocking: which indexed forms are worth aligning with each query form, for a whole batch.

Each query form is split into *slots*: one per token (reaching the index tokens it is similar
to, and for a transliteration run its skeleton key), one for the name run together, or for a
Han name one per character bigram. A slot carries the token's weight. One sparse product,
slots x keys . keys x forms, gives for every (slot, form) whether the form is reachable and
the best token similarity it offers; summing per query form gives

- `shared`: the query weight whose slots reach the form, and
- `near`: the same weighted by token similarity, which bounds the query side of the coverage
  alignment can find.

A form is kept if `shared` reaches the floor share of the query weight and `near` is not
below the coverage the query needs (less `prune_margin`); of those, the best
`max_candidates` by `shared`. Identical names of several entries are one indexed form, so
the cut never separates them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from longarm.screening.forms import HAN, LATIN, FloatArray, FormTable, IntArray, gather_ranges
from longarm.screening.index import NameIndex, han_keys, joined_key, skeleton_key
from longarm.screening.similarity import token_similarities

REACH_ONLY = 1e-3
"""Similarity recorded for a token a slot reaches whose comparison scored 0 (a deletion
neighbour too far off): tiny, so that the product still counts the shared key. Keys reached
without a comparison (bigrams, skeleton keys, names run together) count as similarity 1."""


@dataclass(frozen=True, slots=True)
class BlockingSettings:
    """Tunables of blocking.

    Attributes:
        max_candidates: Distinct indexed forms aligned per query form; blocking ranks them
            first.
        max_df: A slot reaching more forms than this (CHINA, GROUP) blocks only when the
            query has no rarer slot; alignment still sees its token.
        block_floor: Share of the query's token weight a form must share through blocking
            keys; a name cannot score above what its tokens share.
        cross_script_floor: The same for Han queries against Latin names, where blocking
            through glossary translations and skeletons is looser.
        prune_margin: How far below the coverage a Latin query needs (`min_score`) its
            similarity-weighted shared weight may be and still be aligned. That weight bounds
            the query side of coverage; coverage also credits list-name weights and names run
            together, by a little, which this allows for. Kept small: at a margin that lets
            a two-word query matching one word through, alignment work doubles.
    """

    max_candidates: int = 40
    max_df: int = 2000
    block_floor: float = 0.45
    cross_script_floor: float = 0.15
    prune_margin: float = 0.02


@dataclass(slots=True)
class _Slots:
    """Slots (`form`, `weight`) and the keys each reaches (`entry_*`; token -1: reached
    without a token comparison)."""

    form: IntArray
    weight: FloatArray
    entry_slot: IntArray
    entry_key: IntArray
    entry_token: IntArray


def _collect_slots(index: NameIndex, queries: FormTable) -> _Slots:
    """Slots of every query form: one per token (slot id = token id), one per name run
    together, one per Han bigram; and the keys each slot reaches."""
    vocab = queries.vocab
    text_token = np.repeat(queries.kind != HAN, queries.n_tokens)
    # Each spelling of each token reaches the index tokens similar to it.
    alt_token = np.repeat(np.arange(len(queries.tok_id), dtype=np.int64), np.diff(queries.alt_ptr))
    alt_rows = np.flatnonzero(text_token[alt_token])
    distinct, which = np.unique(queries.alt_id[alt_rows], return_inverse=True)
    found, owner = index.similar_tokens_batch(vocab.texts(distinct))
    # Group what each distinct spelling reaches, then hand it to every row with that spelling.
    sizes = np.bincount(owner, minlength=len(distinct)).astype(np.int64)
    ptr = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    keys, origin = gather_ranges(found, ptr, which.astype(np.int64))
    slot_of_row = alt_token[alt_rows]
    entry_slot = [slot_of_row[origin]]
    entry_key = [keys]
    entry_token = [queries.alt_id[alt_rows][origin]]
    extra_slot: list[int] = []
    extra_key: list[int] = []
    form: list[int] = []
    weight: list[float] = []
    n_tokens = len(queries.tok_id)
    # Transliteration runs also reach list tokens by consonant skeleton.
    for t in np.flatnonzero(queries.tok_skeleton >= 0).tolist():
        key = skeleton_key(vocab.text(int(queries.tok_skeleton[t])))
        key_id = index.key_id(key) if key is not None else None
        if key_id is not None:
            extra_slot.append(t)
            extra_key.append(key_id)
    for f, name in enumerate(queries.forms):
        if queries.kind[f] == HAN:
            bigrams = han_keys(name.tokens[0])
            for key in bigrams:
                key_id = index.key_id(key)
                if key_id is not None:
                    extra_slot.append(n_tokens + len(form))
                    extra_key.append(key_id)
                    form.append(f)
                    weight.append(1.0 / len(bigrams))
        elif len(name.tokens) > 1:
            # The name run together reaches list names run together, and a list word
            # written as one (Hik Vision ~ Hikvision, Gazprom Bank ~ Gazprombank).
            slot = n_tokens + len(form)
            reached = False
            for key in (joined_key(name.tokens), "".join(name.tokens)):
                key_id = index.key_id(key)
                if key_id is not None:
                    extra_slot.append(slot)
                    extra_key.append(key_id)
                    reached = True
            if reached:
                form.append(f)
                weight.append(sum(name.weights))
    entry_slot.append(np.asarray(extra_slot, dtype=np.int64))
    entry_key.append(np.asarray(extra_key, dtype=np.int64))
    entry_token.append(np.full(len(extra_slot), -1, dtype=np.int64))
    return _Slots(
        form=np.concatenate([queries.tok_form, np.asarray(form, dtype=np.int64)]),
        weight=np.concatenate([queries.tok_weight, np.asarray(weight, dtype=np.float64)]),
        entry_slot=np.concatenate(entry_slot),
        entry_key=np.concatenate(entry_key),
        entry_token=np.concatenate(entry_token),
    )


def _top_per_row(rows: IntArray, score: FloatArray, k: int) -> IntArray:
    """Positions of the best `k` entries of each row (rows sorted ascending)."""
    counts = np.bincount(rows)
    over = counts[rows] > k
    if not over.any():
        return np.arange(len(rows))
    keep = ~over
    idx = np.flatnonzero(over)
    order = idx[np.lexsort((-score[idx], rows[idx]))]
    sorted_rows = rows[order]
    first = np.searchsorted(sorted_rows, sorted_rows, side="left")
    rank = np.arange(len(order)) - first
    keep[order[rank < k]] = True
    return np.flatnonzero(keep)


def block(
    index: NameIndex, queries: FormTable, min_score: FloatArray, settings: BlockingSettings
) -> tuple[IntArray, IntArray]:
    """(query form, indexed form) pairs worth aligning, for every query form of a batch.

    `min_score[f]` is the name score query form `f` needs to become a hit; Latin forms whose
    similarity-weighted shared weight is below it by more than `prune_margin` are dropped.
    """
    s = settings
    slots = _collect_slots(index, queries)
    slot_form, slot_weight = slots.form, slots.weight
    e_slot, e_key, e_tok = slots.entry_slot, slots.entry_key, slots.entry_token
    n_slots = len(slot_form)
    n_keys = index.keys.shape[0]
    # A slot's reach, bounded by the document frequencies of its keys: common slots
    # (CHINA, GROUP) are left out of the product when the form has a rarer one.
    reach = np.bincount(e_slot, weights=index.df[e_key].astype(np.float64), minlength=n_slots)
    rare = reach <= s.max_df
    form_has_rare = np.bincount(slot_form, weights=rare, minlength=len(queries)) > 0
    used = rare | ~form_has_rare[slot_form]
    common = np.bincount(slot_form, weights=slot_weight * ~used, minlength=len(queries))
    keep = used[e_slot]
    e_slot, e_key, e_tok = e_slot[keep], e_key[keep], e_tok[keep]
    sims = np.ones(len(e_key), dtype=np.float64)
    compared = e_tok >= 0
    if compared.any():
        width = len(queries.vocab)
        unique, inverse = np.unique(e_tok[compared] * width + e_key[compared], return_inverse=True)
        unique_sims = token_similarities(queries.vocab, unique // width, unique % width)
        sims[compared] = unique_sims[inverse]
    sims = np.clip(sims, REACH_ONLY, 1.0)
    # One entry per (slot, key), at the best similarity of the slot's spellings.
    order = np.lexsort((-sims, e_key, e_slot))
    e_slot, e_key, sims = e_slot[order], e_key[order], sims[order]
    first = np.ones(len(e_slot), dtype=bool)
    first[1:] = (e_slot[1:] != e_slot[:-1]) | (e_key[1:] != e_key[:-1])
    e_slot, e_key, sims = e_slot[first], e_key[first], sims[first]
    # Slot x key . key x form: what each slot reaches. A slot reaching one form through two
    # keys (Mohamed, Mohammed) counts once, at a similarity of at most 1 (an upper bound of
    # its best one). Then a sum over each query form's slots, weighted.
    by_slot = sparse.csr_matrix((sims, (e_slot, e_key)), shape=(n_slots, n_keys))
    reached = by_slot @ index.keys
    # Both sums in one product: the real part counts the slot (shared), the imaginary part
    # carries its similarity (near).
    reached.data = 1.0 + 1j * np.minimum(reached.data, 1.0)
    by_form = sparse.csr_matrix(
        (slot_weight, (slot_form, np.arange(n_slots))), shape=(len(queries), n_slots)
    )
    both = by_form @ reached
    shared = sparse.csr_matrix((both.data.real, both.indices, both.indptr), shape=both.shape)
    near_data = both.data.imag
    # Filter on the floor first, with per-row thresholds spread over the row's entries: the
    # product has hundreds of entries per query and most fall below it.
    per_row = np.diff(shared.indptr)
    kind = queries.kind
    weight = np.where(kind == HAN, 1.0, queries.total_weight)
    floor = np.where((kind == LATIN) | (kind == HAN), s.block_floor, s.cross_script_floor)
    kept = np.flatnonzero(shared.data >= np.repeat(floor * weight, per_row))
    rows = np.repeat(np.arange(len(queries), dtype=np.int64), per_row)[kept]
    need = min_score - s.prune_margin
    bound = np.where((kind == LATIN) & (need > 0.0), need * weight - common, -np.inf)
    close = near_data[kept] >= bound[rows]
    kept, rows = kept[close], rows[close]
    # Ranked by shared weight, then by similarity: a name sharing the query's word exactly
    # is never cut in favour of its one-edit neighbours (Hamas, not Hamza).
    top = _top_per_row(rows, shared.data[kept] + near_data[kept], s.max_candidates)
    return rows[top], shared.indices[kept[top]].astype(np.int64)

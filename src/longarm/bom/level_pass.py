"""The bottom-up level pass behind `longarm.bom.csr_rollup`: whole-array work per height.

Arithmetic is exact: integers over a common denominator (an item's numbers are numerators
at scale `value_den * qty_den ** height`). Each level is computed in int64 when a bound
from the levels below (largest weight so far times the level's largest quantity sum)
proves nothing can overflow, and in Python ints from then on otherwise. Sums over rows are
sparse matrix-vector products (scipy's C loop); the rest are numpy whole-array operations.

For the largest contribution each item keeps, as a child, one candidate key at its own
scale (the larger of counting it and its own largest contribution, counting first on a
tie, as the single-case roll-up tries them) and, as a parent, a pointer to the first
row whose key is largest. Its path, amount and certainty are rebuilt from the pointers on
request. Whether unknown facts widen an item's content is a flag; the field paths are
listed on request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from longarm.bom.catalogue import CatalogueGraph, NumArray
from longarm.bom.rollup import Action

COUNT, OPEN, STOP = 1, 2, 4
"""Bits of an action mask."""
BITS = {Action.COUNT: COUNT, Action.OPEN: OPEN, Action.STOP: STOP}
_LIMIT = 2**61

Bool = npt.NDArray[np.bool_]


@dataclass
class RollUpArrays:
    """Per-item results in height order; numbers are numerators at the item's scale."""

    lo: NumArray
    hi: NumArray
    inf: Bool
    """`hi` is unbounded (an unknown value may be counted); `hi` then holds the known part."""
    w_lo: NumArray
    w_hi: NumArray
    w_inf: Bool
    """The item's weight as a child: the hull over its possible actions."""
    key: NumArray
    """As a child: its candidate for a parent's largest contribution (-1 none, `top` for an
    unbounded one)."""
    key_opens: Bool
    """That candidate is its own largest contribution (opened), not the item counted."""
    largest_edge: npt.NDArray[np.int64]
    """As a parent: CSR row of its largest contribution; -1 when there is none."""
    largest_key: NumArray
    has_missing: Bool
    top: Any = None
    """The key of an unbounded contribution (larger than any finite key)."""

    def as_objects(self) -> None:
        """Switch every number array to Python ints (no bound on size)."""
        for name in ("lo", "hi", "w_lo", "w_hi", "key", "largest_key"):
            setattr(self, name, getattr(self, name).astype(object))
        self.key[self.key == self.top] = float("inf")
        self.largest_key[self.largest_key == self.top] = float("inf")
        self.top = float("inf")


def level_pass(
    graph: CatalogueGraph, mask: npt.NDArray[np.uint8], flagged: Bool, objects: bool = False
) -> RollUpArrays:
    """One bottom-up pass; `mask` (height order) holds each item's possible actions;
    `flagged` marks items whose own unknown facts allow several actions."""
    n = graph.n_items

    def ints() -> NumArray:
        return np.zeros(n, dtype=np.int64)

    def flags() -> Bool:
        return np.zeros(n, dtype=bool)

    def unset() -> NumArray:
        return np.full(n, -1, dtype=np.int64)

    out = RollUpArrays(
        lo=ints(), hi=ints(), inf=flags(), w_lo=ints(), w_hi=ints(), w_inf=flags(),
        key=unset(), key_opens=flags(), largest_edge=unset(), largest_key=unset(),
        has_missing=flags(),
    )  # fmt: skip
    q_top = int(graph.qty_num.max(initial=1)) * graph.qty_den ** max(graph.n_levels - 1, 0)
    out.top = _LIMIT // max(q_top, 1)
    value, qty = graph.value_num, graph.qty_num
    if objects or value.dtype == object or qty.dtype == object:
        out.as_objects()
        value, qty = value.astype(object), qty.astype(object)
    count_all, open_all = (mask & COUNT) != 0, (mask & OPEN) != 0
    child_missing = (count_all & ~graph.value_known) | flagged  # before opening
    widest = 0  # largest w_hi so far
    for h in range(graph.n_levels):
        a, b = int(graph.level_starts[h]), int(graph.level_starts[h + 1])
        power = graph.qty_den**h
        if out.top != float("inf") and not _fits(graph, h, widest, out.top):
            out.as_objects()
            value, qty = value.astype(object), qty.astype(object)
        if h > 0:
            _sum_level(graph, out, a, b, h, qty, child_missing)
        m = mask[a:b]
        count, opened, stop = count_all[a:b], open_all[a:b], (m & STOP) != 0
        v = value[a:b] * power if power != 1 else value[a:b]
        known = graph.value_known[a:b]
        lo, hi = out.lo[a:b], out.hi[a:b]
        both = count & opened
        out.w_lo[a:b] = np.where(stop, 0, np.where(both, np.minimum(v, lo), np.where(count, v, lo)))
        out.w_hi[a:b] = np.where(
            both, np.maximum(v, hi), np.where(count, v, np.where(opened, hi, 0))
        )
        out.w_inf[a:b] = (count & ~known) | (opened & out.inf[a:b])
        if b > a:
            widest = max(widest, int(out.w_hi[a:b].max()))
        # The item's candidate as a child: counting it, else its own largest contribution.
        as_count = np.where(count, np.where(known, v, out.top), -1)
        as_open = np.where(opened & (out.largest_edge[a:b] >= 0), out.largest_key[a:b], -1)
        out.key_opens[a:b] = as_open > as_count
        out.key[a:b] = np.where(out.key_opens[a:b], as_open, as_count)
        child_missing[a:b] |= opened & out.has_missing[a:b]
    return out


def _fits(graph: CatalogueGraph, h: int, widest: int, top: int) -> bool:
    """Can every number of level h be held in int64 below `top`?"""
    sums = graph.level_qty_sum[h] * graph.qty_den ** max(h - 1, 0) * widest
    values = graph.level_value_max[h] * graph.qty_den**h
    return bool(max(sums, values) < top)


def _sum_level(
    graph: CatalogueGraph,
    out: RollUpArrays,
    a: int,
    b: int,
    h: int,
    qty: NumArray,
    child_missing: Bool,
) -> None:
    """Totals, unbounded flags, missing flags and largest contributions of rows a:b."""
    ea, eb = int(graph.indptr[a]), int(graph.indptr[b])
    kids = graph.child[ea:eb]
    q = qty[ea:eb]
    if graph.qty_den != 1:
        powers = np.array([graph.qty_den**k for k in range(h)], dtype=q.dtype)
        q = q * powers[h - 1 - graph.height[kids]]
    seg = graph.indptr[a:b] - ea
    out.inf[a:b] = np.logical_or.reduceat(out.w_inf[kids], seg)
    out.has_missing[a:b] = np.logical_or.reduceat(child_missing[kids], seg)
    if q.dtype != object:
        from scipy.sparse import csr_array

        matrix = csr_array((q, kids, graph.indptr[a : b + 1] - ea), shape=(b - a, graph.n_items))
        out.lo[a:b] = matrix @ out.w_lo
        out.hi[a:b] = matrix @ out.w_hi
    else:
        out.lo[a:b] = np.add.reduceat(q * out.w_lo[kids], seg)
        out.hi[a:b] = np.add.reduceat(q * out.w_hi[kids], seg)
    # Largest contribution: the first row whose candidate key is largest; every unbounded
    # candidate is clamped to the same `top` so that the first of them wins, as in the
    # single-case roll-up.
    keys = np.minimum(q * out.key[kids], out.top)
    best = np.maximum.reduceat(keys, seg)
    rows = np.repeat(np.arange(b - a), np.diff(graph.indptr[a : b + 1]))
    hits = np.flatnonzero(keys == best[rows])
    first = hits[np.r_[True, rows[hits][1:] != rows[hits][:-1]]]
    has = best >= 0
    out.largest_edge[a:b] = np.where(has, ea + first, -1)
    out.largest_key[a:b] = best

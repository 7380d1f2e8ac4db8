"""A whole catalogue's bill of materials as CSR arrays, ordered by height, with exact values.

Items are numbered 0..n-1 in the caller's order (`ids`). Internally they are renumbered by
height (0 for a bought-in item, else 1 + the tallest child), so the items of one height and
their bill-of-materials rows are contiguous slices and a roll-up can go level by level,
bottom-up, with whole-array numpy operations.

Numbers are exact rationals held as integers over one common denominator per kind:
`value_num / value_den` for unit values (already in one currency), `qty_num / qty_den` for
quantities. Python-int (object) arrays are used only when the numerators do not fit int64.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from longarm.bom.valuation import Valuation
from longarm.domain.case import Case

IntArray = npt.NDArray[np.int64]
NumArray = npt.NDArray[Any]
"""Integer numerators: int64, or Python ints (object) where int64 is too small."""
_INT64_SAFE = 2**62


class CycleError(ValueError):
    """The bill of materials has a cycle; `items` are ids of items on or above it."""

    def __init__(self, items: list[str]) -> None:
        super().__init__(f"bill of materials has a cycle through {', '.join(items[:5])}")
        self.items = items


def exact_scaled(values: Sequence[Fraction | Decimal | int]) -> tuple[NumArray, int]:
    """Exact numbers as (integer numerators, common denominator)."""
    fracs = [Fraction(v) for v in values]
    den = 1
    for f in fracs:
        den = math.lcm(den, f.denominator)
    nums = [f.numerator * (den // f.denominator) for f in fracs]
    return _int_array(nums), den


def decimal_scaled(values: npt.NDArray[np.float64], max_places: int = 9) -> tuple[NumArray, int]:
    """Floats read from decimal text (at most 15 significant digits) as exact decimals.

    Such a float's shortest repr is the text it was read from, so the smallest number of
    decimal places that reproduces every float is the text's: numerators are exact.
    """
    finite = np.nan_to_num(values, nan=0.0)
    for places in range(max_places + 1):
        scale = 10**places
        nums = np.rint(finite * scale)
        if np.all(np.abs(nums) < 2**53) and np.array_equal(nums / scale, finite):
            return nums.astype(np.int64), scale
    return exact_scaled([Decimal(repr(float(v))) for v in finite])


def _int_array(nums: Sequence[int]) -> NumArray:
    if all(-_INT64_SAFE < n < _INT64_SAFE for n in nums):
        return np.asarray(nums, dtype=np.int64).reshape(len(nums))
    out = np.empty(len(nums), dtype=object)
    out[:] = list(nums)
    return out


@dataclass(frozen=True)
class CatalogueGraph:
    """The catalogue's BOM, renumbered by height; `order[k]` is the caller index of row k."""

    ids: tuple[str, ...]
    order: IntArray
    """Height order -> caller index."""
    rank: IntArray
    """Caller index -> height order."""
    height: IntArray
    """Height of each item, in height order."""
    level_starts: IntArray
    """Items of height h are rows level_starts[h]:level_starts[h+1] (height order)."""
    indptr: IntArray
    """CSR over height order; the rows of one item keep the caller's component order."""
    child: IntArray
    """Child of each row, in height order."""
    qty_num: NumArray
    qty_den: int
    value_num: NumArray
    """Unit value numerator per item (height order); 0 where the value is unknown."""
    value_den: int
    value_known: npt.NDArray[np.bool_]
    level_qty_sum: tuple[int, ...] = ()
    """Per height: the largest sum of quantity numerators over one item's rows (for bounds)."""
    level_value_max: tuple[int, ...] = ()
    """Per height: the largest value numerator."""

    @property
    def n_items(self) -> int:
        return len(self.ids)

    @property
    def n_edges(self) -> int:
        return len(self.child)

    @property
    def n_levels(self) -> int:
        return len(self.level_starts) - 1

    @staticmethod
    def from_case(case: Case) -> CatalogueGraph:
        """The graph of one case's items, valued as the single-case engine values them."""
        valuation = Valuation(case)
        ids = [i.id for i in case.items]
        index = {ident: k for k, ident in enumerate(ids)}
        parents: list[int] = []
        children: list[int] = []
        quantities: list[Decimal] = []
        for k, item in enumerate(case.items):
            for comp in item.components:
                parents.append(k)
                children.append(index[comp.item])
                quantities.append(comp.quantity)
        values = [valuation.unit_value(i) for i in case.items]
        known = np.array([v.hi is not None for v in values], dtype=bool)
        value_num, value_den = exact_scaled([v.lo for v in values])
        qty_num, qty_den = exact_scaled(quantities)
        return CatalogueGraph.from_arrays(
            ids,
            np.asarray(parents, dtype=np.int64),
            np.asarray(children, dtype=np.int64),
            qty_num,
            qty_den,
            value_num,
            value_den,
            known,
        )

    @staticmethod
    def from_arrays(
        ids: Sequence[str],
        parent: IntArray,
        child: IntArray,
        qty_num: NumArray,
        qty_den: int,
        value_num: NumArray,
        value_den: int,
        value_known: npt.NDArray[np.bool_],
    ) -> CatalogueGraph:
        """Build from edge lists in caller numbering (rows of one parent keep their order).

        Raises:
            CycleError: the edges contain a cycle.
        """
        n = len(ids)
        try:
            height = _heights(n, parent, child)
        except CycleError as exc:
            raise CycleError([ids[int(k)] for k in exc.items]) from None
        order = np.argsort(height.astype(np.int16), kind="stable").astype(np.int64)
        rank = np.empty(n, dtype=np.int64)
        rank[order] = np.arange(n, dtype=np.int64)
        new_parent = rank[parent]
        counts = np.bincount(new_parent, minlength=n)
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        edge_order = _rows_by_parent(parent, new_parent, indptr)
        sorted_height = height[order]
        levels = int(sorted_height[-1]) + 1 if n else 0
        level_starts = np.searchsorted(sorted_height, np.arange(levels + 1)).astype(np.int64)
        known = np.asarray(value_known, dtype=bool)[order]
        values = np.where(known, value_num[order], 0).astype(value_num.dtype)
        quantities = qty_num[edge_order]
        qty_sum, value_max = [], []
        for h in range(levels):
            a, b = int(level_starts[h]), int(level_starts[h + 1])
            ea, eb = int(indptr[a]), int(indptr[b])
            sums = np.add.reduceat(quantities[ea:eb], indptr[a:b] - ea) if eb > ea else None
            qty_sum.append(0 if sums is None else int(sums.max()))
            value_max.append(int(values[a:b].max()) if b > a else 0)
        return CatalogueGraph(
            ids=tuple(ids),
            order=order,
            rank=rank,
            height=sorted_height.astype(np.int64),
            level_starts=level_starts,
            indptr=indptr,
            child=rank[child][edge_order],
            qty_num=quantities,
            qty_den=qty_den,
            value_num=values,
            value_den=value_den,
            value_known=known,
            level_qty_sum=tuple(qty_sum),
            level_value_max=tuple(value_max),
        )


def _rows_by_parent(parent: IntArray, new_parent: IntArray, indptr: IntArray) -> IntArray:
    """Edge permutation to CSR order, keeping each parent's rows in their given order."""
    if len(parent) and np.all(parent[1:] >= parent[:-1]):
        # Rows already grouped by parent (the usual case): place each block, no sort.
        block_start = np.r_[0, np.flatnonzero(parent[1:] != parent[:-1]) + 1]
        within = np.arange(len(parent)) - np.repeat(
            block_start, np.diff(np.r_[block_start, len(parent)])
        )
        target = indptr[new_parent] + within
        edge_order = np.empty(len(parent), dtype=np.int64)
        edge_order[target] = np.arange(len(parent))
        return edge_order
    return np.argsort(new_parent, kind="stable")


def _heights(n: int, parent: IntArray, child: IntArray) -> IntArray:
    """Longest path down from each item, level by level (Kahn's algorithm on whole arrays)."""
    height = np.zeros(n, dtype=np.int64)
    pending = np.bincount(parent, minlength=n)  # children not yet given a height
    by_child = np.argsort(child)
    child_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(child, minlength=n), out=child_ptr[1:])
    parents_of = parent[by_child]
    frontier = np.flatnonzero(pending == 0)
    done = len(frontier)
    level = 0
    while len(frontier):
        level += 1
        starts, ends = child_ptr[frontier], child_ptr[frontier + 1]
        touched = parents_of[_ranges(starts, ends)]
        if not len(touched):
            break
        hit = np.bincount(touched, minlength=n)
        pending -= hit
        frontier = np.flatnonzero((hit > 0) & (pending == 0))
        height[frontier] = level
        done += len(frontier)
    if done != n:
        raise CycleError([str(k) for k in np.flatnonzero(pending > 0)])
    return height


def _ranges(starts: IntArray, ends: IntArray) -> IntArray:
    """Concatenated aranges [starts[k], ends[k]) as one array."""
    lengths = ends - starts
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return offsets + np.arange(total, dtype=np.int64)

"""Vectorised content roll-up of a whole catalogue (DESIGN.md, "Key computations").

The same computation as `longarm.bom.rollup.RollUp`, for every item at once: a regime's
predicate says of each item, as a child, whether to count it, open it or stop (several
actions where facts are unknown), and `content(i) = sum over rows of quantity * w(child)`
with `w` the hull over the child's possible actions. Items are processed level by level,
bottom-up, with whole-array numpy operations over the CSR arrays of `CatalogueGraph`
(see `longarm.bom.level_pass`), in exact integer arithmetic.

Use:
    graph = CatalogueGraph.from_case(case)          # or CatalogueGraph.from_arrays(...)
    masks = PredicateMasks.from_predicate(case.items, predicate)
    content = roll_up_catalogue(graph, masks)
    content.content("MOTOR-1")                       # a `Content`, as RollUp.content gives
    content.ratio_at_least(Fraction(1, 1000))        # per item: 1 met, 0 not met, -1 open
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from longarm.bom.catalogue import CatalogueGraph
from longarm.bom.interval import Interval, RatioRange
from longarm.bom.level_pass import BITS, COUNT, OPEN, STOP, RollUpArrays, level_pass
from longarm.bom.rollup import Content, Contribution, Verdict
from longarm.domain.case import Item

__all__ = ["COUNT", "OPEN", "STOP", "CatalogueContent", "PredicateMasks", "roll_up_catalogue"]

_NEAR = 1e-9
"""Relative distance from a threshold below which a float comparison is redone exactly."""


@dataclass(frozen=True)
class PredicateMasks:
    """A predicate evaluated on every item as a child (caller order)."""

    mask: npt.NDArray[np.uint8]
    """Bit mask of possible actions (COUNT | OPEN | STOP), never 0."""
    unknown: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    """For items with several possible actions: the field paths whose unknown value allows
    them (as `Verdict.unknown`), by caller index."""

    @staticmethod
    def from_predicate(
        items: Sequence[Item], predicate: Callable[[Item], Verdict]
    ) -> PredicateMasks:
        """Call a single-case predicate once per item (in the graph's caller order)."""
        mask = np.zeros(len(items), dtype=np.uint8)
        unknown: dict[int, tuple[str, ...]] = {}
        for k, item in enumerate(items):
            verdict = predicate(item)
            mask[k] = sum(BITS[a] for a in verdict.actions)
            if len(verdict.actions) > 1 and verdict.unknown:
                unknown[k] = verdict.unknown
        return PredicateMasks(mask, unknown)


def roll_up_catalogue(graph: CatalogueGraph, masks: PredicateMasks) -> CatalogueContent:
    """Every item's content under one predicate, exact, computed once.

    Raises:
        ValueError: a mask is 0 or the masks do not match the graph's items.
    """
    if len(masks.mask) != graph.n_items:
        raise ValueError(f"{len(masks.mask)} masks for {graph.n_items} items")
    mask = np.asarray(masks.mask, dtype=np.uint8)[graph.order]
    if np.any(mask == 0) or np.any(mask > COUNT | OPEN | STOP):
        raise ValueError("every item needs at least one possible action")
    flagged = np.zeros(graph.n_items, dtype=bool)
    if masks.unknown:
        marked = np.fromiter(masks.unknown, dtype=np.int64, count=len(masks.unknown))
        flagged[graph.rank[marked]] = True
    flagged &= ~np.isin(mask, (COUNT, OPEN, STOP))
    arrays = level_pass(graph, mask, flagged)
    return CatalogueContent(graph, masks, mask, arrays)


@dataclass
class CatalogueContent:
    """The roll-up of one predicate over a catalogue; look-ups by item id or caller index."""

    graph: CatalogueGraph
    masks: PredicateMasks
    mask: npt.NDArray[np.uint8]
    """Masks in height order."""
    arrays: RollUpArrays
    _index: dict[str, int] = field(default_factory=dict)
    _missing: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def index(self, item_id: str) -> int:
        """Caller index of an item id."""
        if not self._index:
            self._index.update((ident, k) for k, ident in enumerate(self.graph.ids))
        return self._index[item_id]

    def _row(self, item: str | int) -> int:
        k = self.index(item) if isinstance(item, str) else item
        return int(self.graph.rank[k])

    def _scale(self, row: int) -> int:
        scale: int = self.graph.value_den * self.graph.qty_den ** int(self.graph.height[row])
        return scale

    def total(self, item: str | int) -> Interval:
        """Content of one unit of the item (its own action not judged), exactly."""
        row = self._row(item)
        scale, a = self._scale(row), self.arrays
        hi = None if a.inf[row] else Fraction(int(a.hi[row]), scale)
        return Interval(Fraction(int(a.lo[row]), scale), hi)

    def value(self, item: str | int) -> Interval:
        """The item's own unit value, exactly (unknown: [0, unbounded))."""
        row, g = self._row(item), self.graph
        if not g.value_known[row]:
            return Interval.unknown()
        return Interval.exact(Fraction(int(g.value_num[row]), g.value_den))

    def content(self, item: str | int) -> Content:
        """The same `Content` as `RollUp(...).content(item_id)` gives for this predicate."""
        row = self._row(item)
        return Content(self.total(item), self._largest(row), self._missing_of(row))

    def _largest(self, row: int) -> Contribution | None:
        """Follow the pointers down to the counted item; amount and certainty on the way."""
        a, g = self.arrays, self.graph
        if a.largest_edge[row] < 0:
            return None
        path: list[str] = []
        factor = Fraction(1)
        certain = True
        at = row
        while True:
            edge = int(a.largest_edge[at])
            kid = int(g.child[edge])
            path.append(g.ids[int(g.order[kid])])
            factor *= Fraction(int(g.qty_num[edge]), g.qty_den)
            certain = certain and int(self.mask[kid]) in (COUNT, OPEN, STOP)
            if not a.key_opens[kid]:
                break
            at = kid
        value = self.value(int(g.order[kid]))
        return Contribution.along(tuple(path), value.scale(factor), certain)

    def _missing_of(self, row: int) -> tuple[str, ...]:
        """Field paths in the order the single-case roll-up lists them (memoised)."""
        if not self.arrays.has_missing[row]:
            return ()
        found = self._missing.get(row)
        if found is not None:
            return found
        g, out = self.graph, []
        for edge in range(int(g.indptr[row]), int(g.indptr[row + 1])):
            kid = int(g.child[edge])
            bits = int(self.mask[kid])
            if bits & COUNT and not g.value_known[kid]:
                out.append(f"items[{g.ids[int(g.order[kid])]}].unit_value")
            if bits & OPEN:
                out.extend(self._missing_of(kid))
            if bits not in (COUNT, OPEN, STOP):
                out.extend(self.masks.unknown.get(int(g.order[kid]), ()))
        result = tuple(dict.fromkeys(out))
        self._missing[row] = result
        return result

    def ratio(self, item: str | int) -> RatioRange:
        """Content / own value, as the single-case rules compute it."""
        return RatioRange.of(self.total(item), self.value(item))

    def ratio_at_least(self, threshold: Fraction) -> npt.NDArray[np.int8]:
        """Per item (caller order): 1 every possible ratio >= threshold, 0 every one below,
        -1 the unknowns leave it open (`RatioRange.at_least`)."""
        return self._compare(threshold, strict=False)

    def ratio_above(self, threshold: Fraction) -> npt.NDArray[np.int8]:
        """As `ratio_at_least` for `>` (`RatioRange.above`): 25 % is not above 25 %."""
        return self._compare(threshold, strict=True)

    def _compare(self, threshold: Fraction, strict: bool) -> npt.NDArray[np.int8]:
        lo_r, hi_r, hi_none = self._ratio_floats()
        t = float(threshold)
        result = np.full(self.graph.n_items, -1, dtype=np.int8)
        with np.errstate(invalid="ignore"):
            lo_yes = lo_r > t if strict else lo_r >= t
            hi_no = ~hi_none & ((hi_r <= t) if strict else (hi_r < t))
            # At a threshold of 0 floats are exact: a ratio is 0.0 only when its numerator is 0.
            tol = _NEAR * t if t > 0 else -1.0
            near = ~np.isfinite(lo_r) | (np.abs(lo_r - t) <= tol)
            near |= ~hi_none & (~np.isfinite(hi_r) | (np.abs(hi_r - t) <= tol))
        result[hi_no] = 0
        result[lo_yes] = 1
        for row in np.flatnonzero(near):
            k = int(self.graph.order[row])
            ratio = self.ratio(k)
            answer = ratio.above(threshold) if strict else ratio.at_least(threshold)
            result[row] = -1 if answer is None else int(answer)
        return result[self.graph.rank]

    def _ratio_floats(
        self,
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
        """Approximate ratio bounds per row (height order) and where the upper is unbounded."""
        g, a = self.graph, self.arrays
        powers = np.array([float(g.qty_den) ** k for k in range(g.n_levels + 1)])
        denominator = powers[g.height] * _floats(g.value_num)
        lo_num, hi_num = _floats(a.lo), _floats(a.hi)
        known = g.value_known
        with np.errstate(divide="ignore", invalid="ignore"):
            zero_hi = ~a.inf & (hi_num == 0)
            lo_r = np.where(known & (denominator > 0), lo_num / denominator, 0.0)
            hi_none = a.inf | ~known | (denominator == 0)
            hi_r = np.where(hi_none, np.inf, hi_num / denominator)
        lo_r[zero_hi], hi_r[zero_hi], hi_none[zero_hi] = 0.0, 0.0, False
        return lo_r, hi_r, hi_none


def _floats(nums: npt.NDArray[np.int64] | npt.NDArray[np.object_]) -> npt.NDArray[np.float64]:
    """Approximate floats of exact numerators (inf where a Python int is beyond floats)."""
    if nums.dtype != object:
        return nums.astype(np.float64)
    return np.array([float(x) if int(x).bit_length() < 1000 else np.inf for x in nums])

"""Content roll-up over the bill of materials (DESIGN.md, "Key computations").

For an item, `content = sum over children of quantity * w(child)`, where a regime's
predicate says, for each child, whether to *count* it (its value), *open* it (its own
content) or *stop* (nothing). A child whose facts are unknown can have several possible
actions; the roll-up then carries an interval spanning all of them, so the caller knows
whether the unknowns can change the outcome. Each sub-assembly is computed once (memoised
on the DAG); a counted item is never opened, so nothing is counted twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction

from longarm.bom.interval import ZERO, Interval
from longarm.bom.valuation import Valuation
from longarm.domain.case import Case, Item


class Action(Enum):
    COUNT = "count"
    OPEN = "open"
    STOP = "stop"


@dataclass(frozen=True)
class Verdict:
    """What a predicate says of one child: the possible actions and, if several, why."""

    actions: frozenset[Action]
    unknown: tuple[str, ...] = ()
    """Field paths whose unknown value makes more than one action possible."""

    @staticmethod
    def of(action: Action) -> Verdict:
        return Verdict(frozenset({action}))


Predicate = Callable[[Item], Verdict]


@dataclass(frozen=True)
class Contribution:
    """A counted (or possibly counted) item and what it adds per unit of the item rolled up."""

    path: tuple[str, ...]
    amount: Interval
    certain: bool

    def key(self) -> tuple[bool, Fraction]:
        """Order by size; an unbounded (unknown-value) contribution ranks first."""
        return (self.amount.hi is None, self.amount.hi or Fraction(0))


@dataclass(frozen=True)
class Content:
    total: Interval
    largest: Contribution | None
    """The largest single contribution and the bill-of-materials path to it."""
    missing: tuple[str, ...]
    """Unknown facts that widen `total` (field paths, e.g. "items[MAG-1].origin")."""


class RollUp:
    """Roll-up of one predicate over one case, memoised per item: each edge is visited once."""

    def __init__(self, case: Case, valuation: Valuation, predicate: Predicate) -> None:
        self._items = case.items_by_id
        self._valuation = valuation
        self._predicate = predicate
        self._memo: dict[str, Content] = {}

    def content(self, item_id: str) -> Content:
        """Content of one unit of `item_id` under the predicate (the item itself not judged)."""
        cached = self._memo.get(item_id)
        if cached is not None:
            return cached
        total = ZERO
        largest: Contribution | None = None
        missing: list[str] = []
        for comp in self._items[item_id].components:
            child = self._items[comp.item]
            quantity = Fraction(comp.quantity)
            verdict = self._predicate(child)
            certain = len(verdict.actions) == 1
            possible: Interval | None = None
            for action in sorted(verdict.actions, key=lambda a: a.value):
                weight, top, kid_missing = self._weight(child, action)
                possible = weight if possible is None else possible.hull(weight)
                missing.extend(kid_missing)
                if top is not None:
                    candidate = Contribution(
                        (child.id, *top.path), top.amount.scale(quantity), top.certain and certain
                    )
                    if largest is None or candidate.key() > largest.key():
                        largest = candidate
            if not certain:
                missing.extend(verdict.unknown)
            total = total + (possible or ZERO).scale(quantity)
        result = Content(total, largest, tuple(dict.fromkeys(missing)))
        self._memo[item_id] = result
        return result

    def _weight(
        self, child: Item, action: Action
    ) -> tuple[Interval, Contribution | None, tuple[str, ...]]:
        if action is Action.STOP:
            return ZERO, None, ()
        if action is Action.COUNT:
            value = self._valuation.unit_value(child)
            missing = () if value.is_exact else (f"items[{child.id}].unit_value",)
            return value, Contribution((), value, True), missing
        inner = self.content(child.id)
        return inner.total, inner.largest, inner.missing

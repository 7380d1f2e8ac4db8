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
    """A counted (or possibly counted) item and what it adds per unit of the root."""

    path: tuple[str, ...]
    amount: Interval
    certain: bool


@dataclass(frozen=True)
class Content:
    total: Interval
    contributions: tuple[Contribution, ...]
    missing: tuple[str, ...]
    """Unknown facts that widen `total` (field paths, e.g. "items[MAG-1].origin")."""


MAX_CONTRIBUTIONS = 16
"""Contributions kept per node for explanation; the largest first. The total is always exact."""


class RollUp:
    """Roll-up of one predicate over one case, memoised per item."""

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
        contributions: list[Contribution] = []
        missing: list[str] = []
        for comp in self._items[item_id].components:
            child = self._items[comp.item]
            quantity = Fraction(comp.quantity)
            verdict = self._predicate(child)
            possible: Interval | None = None
            for action in sorted(verdict.actions, key=lambda a: a.value):
                weight, kids, kid_missing = self._weight(child, action)
                possible = weight if possible is None else possible.hull(weight)
                certain = len(verdict.actions) == 1
                for contrib in kids:
                    contributions.append(
                        Contribution(
                            (child.id, *contrib.path),
                            contrib.amount.scale(quantity),
                            contrib.certain and certain,
                        )
                    )
                missing.extend(kid_missing)
            if len(verdict.actions) > 1:
                missing.extend(verdict.unknown)
            total = total + (possible or ZERO).scale(quantity)
        result = Content(total, _largest(contributions), tuple(dict.fromkeys(missing)))
        self._memo[item_id] = result
        return result

    def _weight(
        self, child: Item, action: Action
    ) -> tuple[Interval, list[Contribution], tuple[str, ...]]:
        if action is Action.STOP:
            return ZERO, [], ()
        if action is Action.COUNT:
            value = self._valuation.unit_value(child)
            missing = () if value.is_exact else (f"items[{child.id}].unit_value",)
            return value, [Contribution((), value, True)], missing
        inner = self.content(child.id)
        return inner.total, list(inner.contributions), inner.missing


def _largest(contributions: list[Contribution]) -> tuple[Contribution, ...]:
    def key(c: Contribution) -> tuple[bool, Fraction, tuple[str, ...]]:
        return (c.amount.hi is None, c.amount.hi or Fraction(0), tuple(reversed(c.path)))

    return tuple(sorted(contributions, key=key, reverse=True)[:MAX_CONTRIBUTIONS])

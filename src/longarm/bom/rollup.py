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

from longarm.bom.graph import below_first
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


@dataclass(frozen=True, eq=False, repr=False)
class Contribution:
    """A counted (or possibly counted) item and what it adds per unit of the item rolled up.

    The path is kept as a chain (`step` then `rest`), not a tuple copied at every level,
    so a bill of materials 10,000 levels deep costs linear, not quadratic, work.
    """

    step: str | None
    rest: Contribution | None
    amount: Interval
    certain: bool

    @staticmethod
    def along(path: tuple[str, ...], amount: Interval, certain: bool) -> Contribution:
        """The contribution of the item at the end of `path` (child first)."""
        chain: Contribution | None = None
        for step in reversed(path[1:]):
            chain = Contribution(step, chain, amount, certain)
        return Contribution(path[0] if path else None, chain, amount, certain)

    @property
    def path(self) -> tuple[str, ...]:
        """Item ids from the rolled-up item's child down to the counted item."""
        out: list[str] = []
        node: Contribution | None = self
        while node is not None:
            if node.step is not None:
                out.append(node.step)
            node = node.rest
        return tuple(out)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Contribution):
            return NotImplemented
        return (self.path, self.amount, self.certain) == (other.path, other.amount, other.certain)

    def __hash__(self) -> int:
        return hash((self.path, self.amount, self.certain))

    def __repr__(self) -> str:
        return f"Contribution(path={self.path!r}, amount={self.amount!r}, certain={self.certain})"

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
    """Roll-up of one predicate over one case, memoised per item: each edge is visited once.

    Iterative: the items to open are ordered children first before any content is computed,
    so a bill of materials 10,000 levels deep needs no deep call stack.
    """

    def __init__(self, case: Case, valuation: Valuation, predicate: Predicate) -> None:
        self._items = case.items_by_id
        self._valuation = valuation
        self._predicate = predicate
        self._memo: dict[str, Content] = {}
        self._verdicts: dict[str, Verdict] = {}

    def content(self, item_id: str) -> Content:
        """Content of one unit of `item_id` under the predicate (the item itself not judged)."""
        cached = self._memo.get(item_id)
        if cached is not None:
            return cached
        for node in self._to_open(item_id):
            self._memo[node] = self._compute(node)
        return self._memo[item_id]

    def _verdict(self, item: Item) -> Verdict:
        verdict = self._verdicts.get(item.id)
        if verdict is None:
            verdict = self._verdicts[item.id] = self._predicate(item)
        return verdict

    def _to_open(self, root: str) -> list[str]:
        """`root` and every item the roll-up will open below it, children first."""
        return below_first(self._items, root, self._not_opened)

    def _not_opened(self, item_id: str) -> bool:
        if item_id in self._memo:
            return True
        return Action.OPEN not in self._verdict(self._items[item_id]).actions

    def _compute(self, item_id: str) -> Content:
        total = ZERO
        largest: Contribution | None = None
        missing: list[str] = []
        for comp in self._items[item_id].components:
            child = self._items[comp.item]
            quantity = Fraction(comp.quantity)
            verdict = self._verdict(child)
            certain = len(verdict.actions) == 1
            possible: Interval | None = None
            for action in sorted(verdict.actions, key=lambda a: a.value):
                weight, top, kid_missing = self._weight(child, action)
                possible = weight if possible is None else possible.hull(weight)
                missing.extend(kid_missing)
                if top is not None:
                    candidate = Contribution(
                        child.id, top, top.amount.scale(quantity), top.certain and certain
                    )
                    if largest is None or candidate.key() > largest.key():
                        largest = candidate
            if not certain:
                missing.extend(verdict.unknown)
            total = total + (possible or ZERO).scale(quantity)
        return Content(total, largest, tuple(dict.fromkeys(missing)))

    def _weight(
        self, child: Item, action: Action
    ) -> tuple[Interval, Contribution | None, tuple[str, ...]]:
        if action is Action.STOP:
            return ZERO, None, ()
        if action is Action.COUNT:
            value = self._valuation.unit_value(child)
            missing = () if value.is_exact else (f"items[{child.id}].unit_value",)
            return value, Contribution(None, None, value, True), missing
        inner = self._memo[child.id]  # opened children were computed first (`_to_open`)
        return inner.total, inner.largest, inner.missing

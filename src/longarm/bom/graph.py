"""The bill of materials as a directed acyclic graph over item ids.

Everything here is iterative (no recursion): a bill of materials 10,000 levels deep is
bad design but valid input, and must not exhaust Python's stack.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction

from longarm.domain.case import Case, Item

MAX_EXACT_DIGITS = 1000
"""Documented limit (README, "Limits"): the exact numbers a roll-up can reach, counted as
decimal digits of (parts per unit) x (decimal places), must stay under this. A real bill of
materials is far below it (10,000 levels of whole quantities: about 5 digits); what is
beyond it would make exact arithmetic explode (2 parts per level over 10,000 levels is
2^10000 parts)."""

_DIGITS_PER_BIT = math.log10(2)


def find_cycle(case: Case) -> list[str]:
    """Return one cycle as [a, b, ..., a], or [] when the bill of materials is acyclic."""
    children = {i.id: [c.item for c in i.components] for i in case.items}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    for root in children:
        if state.get(root):
            continue
        path: list[str] = []
        stack: list[tuple[str, int]] = [(root, 0)]
        while stack:
            node, index = stack.pop()
            if index == 0:
                state[node] = 1
                path.append(node)
            kids = children.get(node, [])
            if index < len(kids):
                stack.append((node, index + 1))
                child = kids[index]
                if state.get(child) == 1:
                    return [*path[path.index(child) :], child]
                if not state.get(child):
                    stack.append((child, 0))
            else:
                state[node] = 2
                path.pop()
    return []


def children_first(case: Case) -> list[str]:
    """Every item id, each after all of its components (the BOM must be acyclic)."""
    children = {i.id: [c.item for c in i.components] for i in case.items}
    done: set[str] = set()
    order: list[str] = []
    for root in children:
        if root in done:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        while stack:
            node, index = stack.pop()
            kids = children.get(node, [])
            while index < len(kids) and kids[index] in done:
                index += 1
            if index < len(kids):
                stack.append((node, index + 1))
                stack.append((kids[index], 0))
            elif node not in done:
                done.add(node)
                order.append(node)
    return order


def below_first(
    items: Mapping[str, Item], root: str, done: Callable[[str], bool] = lambda _: False
) -> list[str]:
    """`root` and every item below it not yet `done`, each after its components."""
    order: list[str] = []
    seen = {root}
    stack: list[tuple[str, int]] = [(root, 0)]
    while stack:
        node, index = stack.pop()
        comps = items[node].components
        while index < len(comps):
            child = comps[index].item
            index += 1
            if child not in seen and not done(child):
                seen.add(child)
                stack.append((node, index))
                stack.append((child, 0))
                break
        else:
            order.append(node)
    return order


def _log2_add(a: float, b: float) -> float:
    """log2(2^a + 2^b) without overflow."""
    high, low = max(a, b), min(a, b)
    if low == -math.inf:
        return high
    return high + math.log2(1 + 2 ** (low - high))


def _bits(q: Fraction) -> tuple[float, int]:
    return math.log2(q.numerator) - math.log2(q.denominator), q.denominator.bit_length() - 1


def oversized_bom(case: Case) -> tuple[str, str] | None:
    """The first item (children first) whose roll-up would exceed `MAX_EXACT_DIGITS`, and why.

    Per item: log2 of the parts in one unit (quantities multiplied down each path and added
    over paths) and the bits of the common denominator of those quantities (every quantity
    is a decimal, so denominators are powers of 2 and 5 and their lcm is the largest).
    """
    items = case.items_by_id
    log_parts: dict[str, float] = {}
    den_bits: dict[str, int] = {}
    for item_id in children_first(case):
        parts = -math.inf
        den = 0
        for comp in items[item_id].components:
            log_q, q_den = _bits(Fraction(comp.quantity))
            child_parts = _log2_add(0.0, log_parts[comp.item])  # the child and what is inside
            parts = _log2_add(parts, log_q + child_parts)
            den = max(den, q_den + den_bits[comp.item])
        log_parts[item_id] = parts
        den_bits[item_id] = den
        digits = (max(parts, 0.0) + den) * _DIGITS_PER_BIT
        if digits > MAX_EXACT_DIGITS:
            return item_id, (
                f"bill of materials under {item_id!r} multiplies out beyond the documented "
                f"limit: about 10^{max(parts, 0.0) * _DIGITS_PER_BIT:.0f} parts per unit, "
                f"exact to {den * _DIGITS_PER_BIT:.0f} decimal places "
                f"(together at most {MAX_EXACT_DIGITS} digits)"
            )
    return None

"""The vectorised catalogue roll-up agrees exactly with the single-case memoised roll-up."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from longarm.bom.catalogue import CatalogueGraph, CycleError, decimal_scaled
from longarm.bom.csr_rollup import PredicateMasks, roll_up_catalogue
from longarm.bom.rollup import Action, RollUp, Verdict
from longarm.bom.valuation import Valuation
from longarm.domain.case import Case, Item

ACTION_SETS = [
    frozenset(s)
    for s in (
        {Action.COUNT},
        {Action.OPEN},
        {Action.STOP},
        {Action.COUNT, Action.OPEN},
        {Action.COUNT, Action.STOP},
        {Action.OPEN, Action.STOP},
        {Action.COUNT, Action.OPEN, Action.STOP},
    )
]
VALUES = st.one_of(
    st.none(),
    st.sampled_from(["0", "0.02", "20", "19.99", "1000000000000", "0.001", "3.5"]),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
)
QUANTITIES = st.one_of(
    st.integers(1, 5).map(str),
    st.sampled_from(["0.5", "0.25", "0.001", "1000000", "2.125"]),
)


def skeleton(items: list[dict[str, Any]], fx: bool) -> Case:
    data: dict[str, Any] = {
        "as_of": "2027-01-10",
        "shipment": {
            "id": "S",
            "ship_from": "KR",
            "destination": "DE",
            "exporter": "EXP",
            "lines": [{"item": items[0]["id"], "quantity": 1}],
        },
        "items": items,
        "parties": [{"id": "EXP", "name": "Exporter", "country": "KR"}],
    }
    if fx:
        data["fx"] = {"EUR": Decimal("1.08")}
    return Case.model_validate(data)


@st.composite
def catalogues(draw: st.DrawFn) -> tuple[Case, dict[str, Verdict]]:
    """A random DAG (children only among later items, so acyclic) with random verdicts."""
    n = draw(st.integers(1, 14))
    mixed = draw(st.booleans())
    items = []
    verdicts = {}
    for k in range(n):
        later = list(range(k + 1, n))
        kids = draw(st.lists(st.sampled_from(later), max_size=4)) if later else []
        items.append(
            {
                "id": f"I{k}",
                "origin": "JP",
                "unit_value": draw(VALUES),
                "currency": draw(st.sampled_from(["USD", "EUR"])) if mixed else "USD",
                "components": [
                    {"item": f"I{c}", "quantity": Decimal(draw(QUANTITIES))} for c in kids
                ],
            }
        )
        actions = draw(st.sampled_from(ACTION_SETS))
        unknown = (f"items[I{k}].origin",) if len(actions) > 1 and draw(st.booleans()) else ()
        verdicts[f"I{k}"] = Verdict(actions, unknown)
    return skeleton(items, mixed), verdicts


def both(case: Case, verdicts: dict[str, Verdict]) -> tuple[RollUp, Any]:
    def predicate(item: Item) -> Verdict:
        return verdicts[item.id]

    single = RollUp(case, Valuation(case), predicate)
    masks = PredicateMasks.from_predicate(case.items, predicate)
    return single, roll_up_catalogue(CatalogueGraph.from_case(case), masks)


@settings(max_examples=300, deadline=None)
@given(catalogues())
def test_agrees_with_single_case_rollup(drawn: tuple[Case, dict[str, Verdict]]) -> None:
    case, verdicts = drawn
    single, vectorised = both(case, verdicts)
    for item in case.items:
        assert vectorised.content(item.id) == single.content(item.id), item.id


@settings(max_examples=150, deadline=None)
@given(catalogues(), st.integers(0, 13))
def test_threshold_tests_are_exact(drawn: tuple[Case, dict[str, Verdict]], pick: int) -> None:
    """Thresholds set exactly at an item's ratio: met with >=, not exceeded with >."""
    case, verdicts = drawn
    single, vectorised = both(case, verdicts)
    valuation = Valuation(case)
    from longarm.bom.interval import RatioRange

    ratios = [
        RatioRange.of(single.content(i.id).total, valuation.unit_value(i)) for i in case.items
    ]
    chosen = ratios[pick % len(ratios)]
    for threshold in {chosen.lo, chosen.hi or Fraction(1, 1000), Fraction(0)}:
        at_least = vectorised.ratio_at_least(threshold)
        above = vectorised.ratio_above(threshold)
        for k, ratio in enumerate(ratios):
            want = ratio.at_least(threshold)
            assert at_least[k] == (-1 if want is None else int(want))
            want = ratio.above(threshold)
            assert above[k] == (-1 if want is None else int(want))


def test_exactly_at_the_threshold() -> None:
    """0.02 in 20 is exactly 0.1 % (not 0.1000000001 %); 5 in 20 is exactly 25 %."""
    one_a = [{"item": "A", "quantity": 1}]
    one_b = [{"item": "B", "quantity": 1}]
    items = [
        {"id": "P", "origin": "KR", "unit_value": "20", "components": one_a},
        {"id": "A", "origin": "CN", "unit_value": "0.02"},
        {"id": "Q", "origin": "KR", "unit_value": "20", "components": one_b},
        {"id": "B", "origin": "US", "unit_value": "5"},
    ]
    case = skeleton(items, fx=False)
    verdict = {k: Verdict.of(Action.COUNT if k in "AB" else Action.OPEN) for k in "PAQB"}
    _, content = both(case, verdict)
    assert content.ratio_at_least(Fraction(1, 1000))[content.index("P")] == 1
    assert content.ratio_above(Fraction(1, 4))[content.index("Q")] == 0
    assert content.ratio_at_least(Fraction(1, 4))[content.index("Q")] == 1


def test_large_numbers_fall_back_to_python_ints() -> None:
    """Values and quantities whose products overflow int64 are still exact."""
    items = [
        {"id": f"L{k}", "origin": "JP", "unit_value": "1e15", "components": [
            {"item": f"L{k + 1}", "quantity": "1000000.001"}]}
        for k in range(4)
    ] + [{"id": "L4", "origin": "CN", "unit_value": "123456789.123"}]  # fmt: skip
    case = skeleton(items, fx=False)
    verdict = {f"L{k}": Verdict.of(Action.COUNT if k == 4 else Action.OPEN) for k in range(5)}
    single, content = both(case, verdict)
    assert content.arrays.lo.dtype == object
    assert content.content("L0") == single.content("L0")


def test_cycle_is_reported() -> None:
    parent, child = np.array([0, 1, 2]), np.array([1, 2, 1])
    ones = np.ones(3, dtype=np.int64)
    with pytest.raises(CycleError) as err:
        CatalogueGraph.from_arrays(["A", "B", "C"], parent, child, ones, 1, ones, 1, ones > 0)
    assert "B" in str(err.value)


def test_decimal_scaled_reads_floats_as_their_decimal_text() -> None:
    nums, den = decimal_scaled(np.array([19.99, 0.1, 3.0]))
    assert den == 100
    assert [Fraction(int(n), den) for n in nums] == [
        Fraction("19.99"),
        Fraction("0.1"),
        Fraction(3),
    ]

"""Content roll-up: memoised DAG, counted items not opened, exact threshold, intervals."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from testkit import items_case

from longarm.bom.interval import RatioRange
from longarm.bom.rollup import Action, RollUp, Verdict
from longarm.bom.valuation import Valuation
from longarm.domain.case import Item


def count_chinese(item: Item) -> Verdict:
    if item.origin == "unknown":
        return Verdict(frozenset({Action.COUNT, Action.OPEN}), (f"items[{item.id}].origin",))
    return Verdict.of(Action.COUNT if item.origin == "CN" else Action.OPEN)


def test_shared_subassembly_counts_once_per_use_and_is_computed_once() -> None:
    case = items_case(
        [
            {
                "id": "TOP",
                "origin": "JP",
                "unit_value": 1000,
                "components": [{"item": "SUB", "quantity": 2}, {"item": "MID", "quantity": 1}],
            },
            {
                "id": "MID",
                "origin": "TH",
                "unit_value": 100,
                "components": [{"item": "SUB", "quantity": 3}],
            },
            {
                "id": "SUB",
                "origin": "KR",
                "unit_value": 10,
                "components": [{"item": "CN-PART", "quantity": 1}],
            },
            {"id": "CN-PART", "origin": "CN", "unit_value": "0.25"},
        ]
    )
    calls: list[str] = []

    def predicate(item: Item) -> Verdict:
        calls.append(item.id)
        return count_chinese(item)

    rollup = RollUp(case, Valuation(case), predicate)
    content = rollup.content("TOP")
    assert content.total.lo == content.total.hi == Fraction(5, 4)  # (2 + 3) * 0.25
    assert calls.count("CN-PART") == 1  # SUB rolled up once, reused
    assert content.largest is not None
    assert content.largest.path[-1] == "CN-PART"


def test_counted_item_is_not_opened() -> None:
    case = items_case(
        [
            {
                "id": "TOP",
                "origin": "JP",
                "unit_value": 100,
                "components": [{"item": "CN-ASSY", "quantity": 1}],
            },
            {
                "id": "CN-ASSY",
                "origin": "CN",
                "unit_value": 10,
                "components": [{"item": "CN-PART", "quantity": 5}],
            },
            {"id": "CN-PART", "origin": "CN", "unit_value": 1},
        ]
    )
    content = RollUp(case, Valuation(case), count_chinese).content("TOP")
    assert content.total.lo == 10  # the assembly's value, not 10 + 5


def test_unknown_origin_gives_an_interval_naming_the_fact() -> None:
    case = items_case(
        [
            {
                "id": "TOP",
                "origin": "JP",
                "unit_value": 100,
                "components": [{"item": "X", "quantity": 1}],
            },
            {"id": "X", "origin": "unknown", "unit_value": 3},
        ]
    )
    content = RollUp(case, Valuation(case), count_chinese).content("TOP")
    assert (content.total.lo, content.total.hi) == (0, 3)
    assert content.missing == ("items[X].origin",)


def test_unknown_value_of_counted_item_is_unbounded() -> None:
    case = items_case(
        [
            {
                "id": "TOP",
                "origin": "JP",
                "unit_value": 100,
                "components": [{"item": "X", "quantity": 1}],
            },
            {"id": "X", "origin": "CN", "unit_value": None},
        ]
    )
    content = RollUp(case, Valuation(case), count_chinese).content("TOP")
    assert content.total.hi is None
    assert "items[X].unit_value" in content.missing


def test_threshold_is_exact_at_the_boundary() -> None:
    ratio = RatioRange.of(make_interval(Fraction("0.02")), make_interval(Fraction(20)))
    assert ratio.at_least(Fraction("0.001")) is True
    assert ratio.above(Fraction("0.001")) is False


def test_ratio_undecided_when_interval_straddles() -> None:
    from longarm.bom.interval import Interval

    ratio = RatioRange.of(Interval(Fraction(0), Fraction(1)), make_interval(Fraction(100)))
    assert ratio.at_least(Fraction("0.001")) is None
    assert ratio.at_least(Fraction("0.02")) is False


def make_interval(value: Fraction) -> Any:
    from longarm.bom.interval import Interval

    return Interval.exact(value)


def test_fx_converts_mixed_currencies_to_usd() -> None:
    case = items_case(
        [
            {"id": "A", "origin": "JP", "unit_value": 100, "currency": "EUR"},
            {"id": "B", "origin": "JP", "unit_value": 100},
        ],
        fx={"EUR": "1.5"},
    )
    valuation = Valuation(case)
    assert valuation.unit_value(case.items_by_id["A"]).lo == 150

"""Descriptions narrow a classification the structured facts leave open."""

from __future__ import annotations

import pytest
from testkit import items_case

from longarm.domain.vocab import Form
from longarm.facts.classification import Tri, match_item
from longarm.facts.description import described_designation, described_forms
from longarm.rulebook.loader import load_pack


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        ("Sintered NdFeB magnet, Dy-bearing", {Form.PERMANENT_MAGNET}),
        ("Terbium oxide 99.99 %", {Form.OXIDE}),
        ("Sm sputtering target", {Form.TARGET}),
        ("钕铁硼永磁体", {Form.PERMANENT_MAGNET}),
        ("Magnetic phone case", set()),
    ],
)
def test_forms_named_by_description(text: str, forms: set[Form]) -> None:
    assert described_forms(text) == forms


@pytest.mark.parametrize(
    ("text", "listed", "found"),
    [
        ("Dy-Fe alloy", ["Dy-Fe"], "Dy-Fe"),
        ("DyFe master alloy", ["Dy-Fe"], "Dy-Fe"),
        ("Tb Dy Fe alloy (Terfenol-D)", ["Tb-Fe", "Tb-Dy-Fe"], "Tb-Dy-Fe"),
        ("Tb-Dy-Fe alloy", ["Dy-Fe"], None),
        ("Sm-Fe-N powder", ["Sm-Fe"], None),
        ("Dysprosium alloy", ["Dy-Fe"], None),
    ],
)
def test_designation_named_by_description(text: str, listed: list[str], found: str | None) -> None:
    assert described_designation(text, listed) == found


def _item(description: str, controls: list[str]) -> object:
    item = {"id": "X", "origin": "CN", "unit_value": 1, "description": description}
    case = items_case([{**item, "controls": controls}])
    return case.items_by_id["X"]


def test_broad_declared_code_narrowed_by_description() -> None:
    part2 = load_pack("CN").item_set("cn.2025-61:annex1_part2")
    magnet = _item("Sintered NdFeB magnet, Dy-bearing", ["CN:1C905.a"])
    metal = _item("Dysprosium metal ingot", ["CN:1C905.a"])
    bare = _item("", ["CN:1C905.a"])
    assert match_item(magnet, part2, "CN").answer is Tri.YES  # type: ignore[arg-type]
    assert match_item(metal, part2, "CN").answer is Tri.NO  # type: ignore[arg-type]
    assert match_item(bare, part2, "CN").answer is Tri.MAYBE  # type: ignore[arg-type]

"""Descriptions read as materials where the structured facts say nothing."""

from __future__ import annotations

import pytest

from longarm.facts.description_materials import described_materials


def _readings(text: str) -> list[set[tuple[str, str, str | None]]] | None:
    found = described_materials(text)
    if found is None:
        return None
    return [{(m.element, m.form.value, m.designation) for m in r.materials} for r in found.readings]


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("Dysprosium-iron alloy", [{("Dy", "alloy", "Dy-Fe")}]),
        ("DyFe", [{("Dy", "alloy", "Dy-Fe")}]),
        ("镝铁合金", [{("Dy", "alloy", "Dy-Fe")}]),
        ("氧化铽", [{("Tb", "oxide", None)}]),
        ("SmCo", [{("Sm", "alloy", "Sm-Co")}, {("Sm", "permanent_magnet", "Sm-Co")}]),
        ("SmCo magnet", [{("Sm", "permanent_magnet", "Sm-Co")}]),
        ("Lanthanum oxide", [{("La", "oxide", None)}]),
        ("Rare-earth alloy", None),
        ("Servo motor with NdFeB magnets", None),
        ("", None),
    ],
)
def test_readings(text: str, readings: list[set[tuple[str, str, str | None]]] | None) -> None:
    assert _readings(text) == readings


def test_a_named_element_settles_what_a_family_may_contain() -> None:
    dy = _readings("NdFeB magnet, Dy-bearing")
    assert dy is not None and all(("Dy", "permanent_magnet", None) in r for r in dy)
    plain = _readings("钕铁硼")
    assert plain is not None and len(plain) == 4
    assert {("Nd", "permanent_magnet", None)} in plain


def test_the_words_read_are_reported() -> None:
    found = described_materials("镝铁合金")
    assert found is not None and found.quoted == "'镝铁', '合金'"

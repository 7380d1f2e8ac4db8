"""The terminal table: fits any width, colours only when asked, says what carries each outcome."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from longarm.domain.case import Case
from longarm.domain.determination import Determination
from longarm.report import explain
from longarm.report.table import render_table

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("width", [40, 60, 80, 100, 120, 160, 200])
def test_no_line_is_longer_than_the_width(showcase: tuple[Determination, Case], width: int) -> None:
    determination, case = showcase
    text = render_table(determination, case, width=width)
    lines = text.splitlines()
    too_long = [line for line in lines if cell_len(line) > width]
    assert not too_long, too_long[:3]
    assert all(line == line.rstrip() for line in lines)


@pytest.mark.parametrize("width", [80, 120, 200])
def test_each_outcome_shows_its_missing_facts_and_options(
    showcase: tuple[Determination, Case], width: int
) -> None:
    determination, case = showcase
    flat = " ".join(render_table(determination, case, width=width).split())
    for line in determination.lines:
        for result in line.regimes.values():
            assert result.outcome.value in flat
            for fact in explain.missing_facts(result):
                assert fact in flat
            for name in explain.carrying_options(result):
                assert f"{name}=true" in flat
            for reason in result.reasons:
                assert f"{reason.rule} [{reason.status.value}] {reason.effect.value}" in flat
                assert " ".join(reason.citation.split()) in flat
    assert "中芯国际" not in flat  # parties are the report's business, not the table's
    assert "氧化铽 terbium" in flat  # the line's description, in the terminal's own width


def test_wide_terminals_put_regimes_side_by_side(showcase: tuple[Determination, Case]) -> None:
    determination, case = showcase
    wide = render_table(determination, case, width=200).splitlines()
    narrow = render_table(determination, case, width=80).splitlines()
    header = next(line for line in wide if "line" in line and "│" in line)
    assert re.search(r"│ CN\s+│ US\s+│", header)
    assert any("outcome, and what carries it" in line for line in narrow)


def test_colour_only_when_asked(showcase: tuple[Determination, Case]) -> None:
    determination, case = showcase
    plain = render_table(determination, case, width=120)
    coloured = render_table(determination, case, width=120, color=True)
    assert not ANSI.search(plain)
    assert ANSI.search(coloured)
    assert ANSI.sub("", coloured).splitlines() == plain.splitlines()


def test_table_without_the_case(showcase: tuple[Determination, Case]) -> None:
    determination, _ = showcase
    text = render_table(determination, width=80)
    assert "ROBOT-7 x 2" in text
    assert "Six-axis" not in text

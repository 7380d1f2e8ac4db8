"""Reasons that are open questions, and a report made from the determination alone."""

from __future__ import annotations

from pathlib import Path

from htmltree import parse

from longarm.domain.case import Case
from longarm.domain.determination import Determination
from longarm.engine import determine
from longarm.io.case_reader import read_case
from longarm.report.determination import render_report_html
from longarm.report.table import render_table

CASES = Path(__file__).resolve().parents[1] / "cases"


def test_what_an_open_question_already_decides_is_shown() -> None:
    case = read_case(CASES / "us" / "el_end_user_policy_unknown.yaml")
    determination = determine(case)
    floors = [
        r.at_least
        for result in determination.regimes.values()
        for r in result.reasons
        if r.at_least is not None and r.operative
    ]
    assert floors  # the case exercises it
    text = " ".join(render_table(determination, case, width=120).split())
    assert f"at least: {floors[0].value}" in text
    rows = [t.text() for t in parse(render_report_html(determination, case)).find_all("tr")]
    assert any(row.startswith("At least " + floors[0].value.replace("_", " ")) for row in rows)


def test_without_the_case_the_report_says_so(showcase: tuple[Determination, Case]) -> None:
    determination, _ = showcase
    root = parse(render_report_html(determination, None))
    headings = [h.text() for h in root.find_all("h2")]
    assert "Parties" not in headings and "Lines and bills of materials" not in headings
    assert "not part of this record" in root.find("section", "lr-nocase").text()
    assert len(root.find_all("div", "lr-reason")) == sum(
        len(r.reasons) for line in determination.lines for r in line.regimes.values()
    )

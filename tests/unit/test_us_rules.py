"""Edge behaviour of the US EAR tests (rules/us), beyond the YAML cases in tests/cases/us.

Fixture strategy: cases are read from tests/cases/us (the legal scenarios) and varied with
`model_copy`; the bundled packs and US tables are used as shipped.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from longarm.domain.case import Case
from longarm.domain.vocab import Outcome, Status
from longarm.engine import determine
from longarm.facts.classification import Tri
from longarm.io.case_reader import read_case
from longarm.rules.us.chart import chart_answer
from longarm.rules.us.facts import code_matches

CASES = Path(__file__).parents[1] / "cases" / "us"


def _case(name: str) -> Case:
    return read_case(CASES / f"{name}.yaml")


def _us(case: Case) -> Outcome:
    return determine(case, ["US"]).regimes["US"].outcome


def _on(case: Case, day: date, **options: bool) -> Case:
    return case.model_copy(update={"as_of": day, "options": options})


@pytest.mark.parametrize(
    ("code", "patterns", "expected"),
    [
        ("3B001.c.1.a", ["3B001.c"], True),
        ("3B001.cx", ["3B001.c"], False),
        ("9A515.x", ["9?515.[a-x]*"], True),
        ("9A515.y", ["9?515.[a-x]*"], False),
        ("0A606.b", ["?[A-E]6[0-9][0-9].[a-x]*"], True),
    ],
)
def test_code_matches_parents_and_globs(code: str, patterns: list[str], expected: bool) -> None:
    assert code_matches(code, patterns) is expected


def test_chart_x_no_x_ear99_and_gaps() -> None:
    assert chart_answer("3A001.a.1", "CN").answer is Tri.YES
    assert chart_answer("3A003", "DE").answer is Tri.NO
    assert chart_answer("EAR99", "CN").answer is Tri.NO
    assert chart_answer("EAR99", "KP").embargoed
    assert chart_answer("0A521", "DE").answer is Tri.MAYBE


def test_requirement_in_words_reaches_named_paragraph_only() -> None:
    # 3B001 names c.1.a in a row without a column: 3B001.c may be it, 3B001.b is not.
    assert chart_answer("3B001.c", "DE").answer is Tri.MAYBE
    assert chart_answer("3B001.b", "DE").answer is Tri.NO


def test_de_minimis_reason_carries_figures() -> None:
    result = determine(_case("deminimis_18pct_to_china_not_subject"), ["US"]).regimes["US"]
    (reason,) = [r for r in result.reasons if r.rule == "us.ear-734.4.d"]
    assert reason.effect is Outcome.NOT_SUBJECT
    assert reason.figures["ratio"] == pytest.approx(0.18)
    assert reason.path == ("MACHINE", "CHIP")


def test_affiliates_suspension_window_is_inclusive() -> None:
    case = _case("affiliates_25_25_in_force")
    assert _us(_on(case, date(2025, 11, 9))) is Outcome.PRESUMPTION_OF_DENIAL
    assert _us(_on(case, date(2025, 11, 10))) is Outcome.NO_LICENSE_REQUIRED
    assert _us(_on(case, date(2026, 11, 9))) is Outcome.NO_LICENSE_REQUIRED
    assert _us(_on(case, date(2026, 11, 10))) is Outcome.PRESUMPTION_OF_DENIAL


def test_affiliates_not_revived_under_option() -> None:
    case = _on(_case("affiliates_25_25_revived"), date(2027, 1, 1), revive_after_suspension=False)
    result = determine(case, ["US"]).regimes["US"]
    assert result.outcome is Outcome.NO_LICENSE_REQUIRED
    statuses = {r.status for r in result.reasons if r.rule == "us.ear-744-supp8.b"}
    assert statuses == {Status.SUSPENDED}


def test_affiliates_show_before_effective_date() -> None:
    result = determine(_case("affiliates_before_effective"), ["US"]).regimes["US"]
    statuses = {r.status for r in result.reasons if r.rule == "us.ear-744-supp8.b"}
    assert statuses == {Status.NOT_YET_IN_FORCE}


def test_unknown_policy_does_not_block_a_more_severe_outcome() -> None:
    # EL policy unknown (ceiling presumption_of_denial) next to a North Korea embargo
    # (presumption_of_denial): the unknown cannot change the outcome.
    case = _case("el_end_user_policy_unknown")
    shipment = case.shipment.model_copy(update={"destination": "KP"})
    assert _us(case.model_copy(update={"shipment": shipment})) is Outcome.PRESUMPTION_OF_DENIAL


def test_output_is_byte_identical() -> None:
    case = _case("both_machine_to_iran_both_bite")
    assert determine(case).dumps() == determine(case).dumps()

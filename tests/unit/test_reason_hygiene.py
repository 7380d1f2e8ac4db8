"""Reasons that read right: one per rule and line, dates said once, reach reasons carry the
outcome they enable, missing facts without repeats, one warning per pack, alternatives."""

from __future__ import annotations

from testkit import SHARED, base_case, make_case

from longarm.domain.determination import Reason, combine
from longarm.domain.tidy import dates_once, one_per_rule, reach_effect
from longarm.domain.vocab import Outcome, Status
from longarm.engine import determine
from longarm.io.case_reader import read_case


def _reason(rule: str, effect: Outcome, **kw: object) -> Reason:
    return Reason(rule, "cite", effect, Status.IN_FORCE, f"{rule} {effect.value}", **kw)  # type: ignore[arg-type]


def test_a_decided_requirement_and_an_open_policy_make_one_open_reason() -> None:
    reasons = [
        _reason("r", Outcome.LICENSE_REQUIRED),
        _reason(
            "r",
            Outcome.NEEDS_REVIEW,
            review_ceiling=Outcome.PRESUMPTION_OF_DENIAL,
            missing=("m", "m"),
        ),
    ]
    (merged,) = one_per_rule(reasons)
    assert merged.effect is Outcome.NEEDS_REVIEW and merged.at_least is Outcome.LICENSE_REQUIRED
    assert merged.missing == ("m",)
    assert merged.to_json()["at_least"] == "license_required"
    assert combine([merged], Outcome.NOT_SUBJECT) is combine(reasons, Outcome.NOT_SUBJECT)


def test_an_open_question_that_cannot_change_the_rule_is_dropped() -> None:
    reasons = [
        _reason("r", Outcome.PRESUMPTION_OF_DENIAL),
        _reason("r", Outcome.NEEDS_REVIEW, review_ceiling=Outcome.LICENSE_REQUIRED, missing=("m",)),
        _reason("other", Outcome.NO_LICENSE_REQUIRED),
    ]
    merged = one_per_rule(reasons)
    assert [r.rule for r in merged] == ["r", "other"]
    assert merged[0].effect is Outcome.PRESUMPTION_OF_DENIAL and merged[0].missing == ()


def test_a_dating_sentence_is_said_once() -> None:
    note = "suspended 2025-11-07 to 2026-11-10 (inclusive) by cn.2025-70"
    a = Reason("a", "c", Outcome.LICENSE_REQUIRED, Status.SUSPENDED, f"A; {note}", dating=note)
    b = Reason("b", "c", Outcome.PRESUMPTION_OF_DENIAL, Status.SUSPENDED, f"B; {note}", dating=note)
    first, second = dates_once([a, b])
    assert first.detail == f"A; {note}"
    assert note not in second.detail and "as a" in second.detail


def test_a_reach_reason_carries_the_outcome_it_enables() -> None:
    reach = _reason("reach", Outcome.NO_LICENSE_REQUIRED)
    listed = _reason("listed", Outcome.LICENSE_REQUIRED)
    raised = reach_effect(reach, [reach, listed])
    assert raised.effect is Outcome.LICENSE_REQUIRED and "under listed" in raised.detail
    assert reach_effect(reach, [reach]).effect is Outcome.NO_LICENSE_REQUIRED
    not_reached = _reason("other-reach", Outcome.NOT_SUBJECT)
    assert reach_effect(not_reached, [not_reached, listed]).effect is Outcome.NOT_SUBJECT


def test_one_warning_per_pack_and_alternatives_on_the_contract_example() -> None:
    result = determine(make_case(base_case()), ["CN"])
    assert len(result.warnings) == 1
    assert "data_as_of" in result.warnings[0] and "cn.2025-61.art1.1" in result.warnings[0]
    alternatives = result.to_json()["alternatives"]
    assert alternatives == sorted(alternatives, key=lambda a: (a["option"], a["value"]))
    assert {
        "option": "honour_announced_extensions",
        "value": True,
        "regimes": {"CN": "not_subject"},
    } in alternatives


def test_no_rule_repeats_in_a_line_of_any_shared_case() -> None:
    for path in sorted((SHARED / "cases").glob("*.yaml")):
        result = determine(read_case(path))
        for line in result.lines:
            for regime in line.regimes.values():
                rules = [r.rule for r in regime.reasons]
                assert len(rules) == len(set(rules)), (path, rules)

"""US rules on paragraph scope, requirements stated in words and headquarters reach: the
details a person reads (which paragraphs decide, which parent brought a requirement).

Fixture strategy: cases are built in memory from the shared minimal-case builder's shape
and determined with the bundled packs; nothing is written to disk.
"""

from __future__ import annotations

from typing import Any

from longarm.domain.case import Case
from longarm.engine import determine
from longarm.io.case_reader import parse_case
from longarm.rules.us.headquarters import headquarters


def _case(
    dest: str, code: str, *, parties: list[dict[str, Any]] | None = None, **ship: Any
) -> Case:
    import yaml

    doc = {
        "as_of": ship.pop("as_of", "2026-08-01"),
        "shipment": {
            "id": "S",
            "ship_from": "US",
            "destination": dest,
            "exporter": "EXP",
            "end_user": "EU",
            "end_uses": ship.pop("end_uses", ["civil"]),
            "lines": [{"item": "X", "quantity": 1}],
        },
        "items": [
            {"id": "X", "description": "x", "origin": "US", "unit_value": 10.0, "controls": [code]}
        ],
        "parties": [{"id": "EXP", "name": "E", "country": "US"}]
        + (parties or [{"id": "EU", "name": "U", "country": dest}]),
    }
    return parse_case(yaml.safe_dump(doc), "case.yaml")


def _us(case: Case) -> tuple[str, list[dict[str, Any]]]:
    result = determine(case, ["US"])
    us = result.regimes["US"]
    return us.outcome.value, [r.to_json() for r in us.reasons]


def test_entry_declared_without_paragraph_names_the_deciding_paragraph() -> None:
    outcome, reasons = _us(_case("DE", "US:3A002"))
    assert outcome == "needs_review"
    chart = next(r for r in reasons if r["rule"] == "us.ear-738.4")
    assert "3A002.h" in chart["detail"]
    assert "items[X].controls" in chart["missing"]


def test_a_paragraph_outside_the_rows_scope_is_not_licensable() -> None:
    outcome, reasons = _us(_case("DE", "US:3A002.c"))
    assert outcome == "no_license_required"
    assert any("no X for DE" in r["detail"] for r in reasons)


def test_a_requirement_stated_in_words_cites_its_text_and_section() -> None:
    outcome, reasons = _us(_case("CN", "US:3A090.a"))
    assert outcome == "presumption_of_denial"
    chart = next(r for r in reasons if r["rule"] == "us.ear-738.4")
    assert "every destination" in chart["detail"] and "742.6(a)(6)(iii)(A)" in chart["detail"]


def test_the_parent_chain_that_brought_a_requirement_is_the_reason_path() -> None:
    parties = [
        {"id": "EU", "name": "U", "country": "MY", "owners": [{"party": "HOLD", "share": 0.8}]},
        {"id": "HOLD", "name": "H", "country": "SG", "owners": [{"party": "TOP", "share": 0.51}]},
        {"id": "TOP", "name": "T", "country": "CN"},
    ]
    outcome, reasons = _us(_case("MY", "US:3A090.b", parties=parties))
    assert outcome == "presumption_of_denial"
    reach = next(r for r in reasons if r["rule"] == "us.ear-742.6.a.6")
    assert reach["path"] == ["EU", "HOLD", "TOP"]


def test_headquarters_follow_majority_owners_and_stay_open_on_unknown_shares() -> None:
    case = _case(
        "MY",
        "US:3A090.b",
        parties=[
            {"id": "EU", "name": "U", "country": "MY", "owners": [{"party": "P", "share": None}]},
            {"id": "P", "name": "P", "country": "CN"},
        ],
    )
    hq = headquarters(case, case.parties_by_id["EU"])
    assert hq.countries == {"MY", "CN"}
    assert hq.missing == ("parties[EU].owners[P].share",)
    declared = case.parties_by_id["P"].model_copy(update={"headquarters": "unknown"})
    assert headquarters(case, declared).countries == frozenset()

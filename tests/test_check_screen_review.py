"""A person decides (CONTRACT section 6): `check --screen` takes only confirmed hits as list
memberships, a possible hit makes the reasons `needs_review` naming the entry and score, and
`longarm screen review` records accept/reject per party and entry, audited."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from longarm.cli import app
from longarm.screening.api import screen_name
from longarm.screening.review import is_confirmed
from longarm.store.audit import read_audit
from longarm.store.database import Store

runner = CliRunner()


@pytest.fixture()
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store.duckdb"
    monkeypatch.setenv("LONGARM_STORE", str(path))
    return path


def _case(name: str, country: str = "CN", as_of: str = "2026-03-01") -> dict[str, Any]:
    return {
        "as_of": as_of,
        "shipment": {"id": "S-REVIEW", "ship_from": "US", "destination": country,
                     "exporter": "EXP", "end_user": "EU", "end_uses": ["civil"],
                     "lines": [{"item": "PEN", "quantity": 1}]},
        "items": [{"id": "PEN", "origin": "US", "unit_value": 2.0, "controls": ["US:EAR99"]}],
        "parties": [{"id": "EXP", "name": "Acme Pens Inc.", "country": "US"},
                    {"id": "EU", "name": name, "country": country}],
    }  # fmt: skip


def _check(tmp_path: Path, data: dict[str, Any], *flags: str) -> dict[str, Any]:
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--packs", "us", "--screen", *flags])
    assert result.exit_code == 0, result.output
    out: dict[str, Any] = json.loads(result.stdout)
    return out


def _review(*args: str) -> Any:
    return runner.invoke(app, ["screen", "review", *args])


def test_possible_hit_is_a_question_naming_entry_and_score(tmp_path: Path, store: Path) -> None:
    (best, *_) = screen_name("Hytera", "CN").hits
    assert best.name == "Hytera Communications Limited" and not is_confirmed(best)
    out = _check(tmp_path, _case("Hytera"))
    us = out["regimes"]["US"]
    assert us["outcome"] == "needs_review"
    details = " ".join(r["detail"] for r in us["reasons"] if r["effect"] == "needs_review")
    assert "possible screening match, not confirmed" in details
    assert "'Hytera Communications Limited'" in details and "match score 0.6" in details


def test_accept_makes_it_a_membership_reject_drops_it(tmp_path: Path, store: Path) -> None:
    (best, *_) = screen_name("Hytera", "CN").hits
    accepted = _review("accept", "Hytera", best.entry_id, "--list", best.list_code,
                       "--country", "CN", "--reason", "same company", "--by", "ana")  # fmt: skip
    assert accepted.exit_code == 0, accepted.output
    out = _check(tmp_path, _case("Hytera"))
    assert out["regimes"]["US"]["outcome"] not in ("needs_review", "no_license_required")
    rejected = _review("reject", "Hytera", best.entry_id, "--list", best.list_code,
                       "--country", "CN", "--reason", "another Hytera", "--by", "bo")  # fmt: skip
    assert rejected.exit_code == 0, rejected.output
    out = _check(tmp_path, _case("Hytera"))
    assert best.entry_id not in json.dumps(out)
    with Store.open(store) as opened:
        decisions = [r for r in read_audit(opened) if r.action == "screening_decision"]
    assert [json.loads(r.result)["decision"] for r in decisions] == ["accept", "reject"]


def test_decision_needs_a_reason(store: Path) -> None:
    result = _review("reject", "Hytera", "x", "--list", "US:EL", "--reason", " ")
    assert result.exit_code == 2


def test_confirmed_hit_is_a_membership(tmp_path: Path, store: Path) -> None:
    out = _check(tmp_path, _case("Beijing Institute of Technology"))
    us = out["regimes"]["US"]
    assert us["outcome"] == "presumption_of_denial"
    assert all("possible screening match" not in r["detail"] for r in us["reasons"])


def test_cli_screening_is_audited_and_open_hits_are_listed(store: Path) -> None:
    result = runner.invoke(app, ["screen", "Hytera", "--country", "CN"])
    assert result.exit_code == 0, result.output
    with Store.open(store) as opened:
        assert [r.action for r in read_audit(opened)] == ["screening"]
    listed = _review("list")
    rows = [json.loads(x) for x in listed.stdout.splitlines()]
    assert rows and rows[0]["party"] == "Hytera" and rows[0]["name"].startswith("Hytera")
    entry = rows[0]
    _review("reject", "Hytera", str(entry["entry_id"]), "--list", str(entry["list"]),
            "--country", "CN", "--reason", "not them")  # fmt: skip
    left = [json.loads(x) for x in _review("list").stdout.splitlines()]
    assert all(r["entry_id"] != entry["entry_id"] for r in left)


def test_unknown_list_code_is_exit_2(store: Path) -> None:
    result = runner.invoke(app, ["screen", "Hytera", "--lists", "US:EL,US:XX"])
    assert result.exit_code == 2 and "US:XX" in result.output


def test_chinese_lists_by_date(store: Path) -> None:
    before = runner.invoke(app, ["screen", "MP Materials Corp.", "--as-of", "2026-06-21"])
    after = runner.invoke(app, ["screen", "MP Materials Corp.", "--as-of", "2026-06-22"])
    assert before.exit_code == 0 and after.exit_code == 0, before.output
    codes_before = {h["list"] for h in json.loads(before.stdout)["hits"]}
    hits_after = json.loads(after.stdout)["hits"]
    assert "CN:control_list" not in codes_before
    assert hits_after[0]["list"] == "CN:control_list"
    assert hits_after[0]["entry_id"].startswith("MOFCOM-2026-23")


def test_chinese_list_membership_from_the_name_alone(tmp_path: Path, store: Path) -> None:
    """ECL Art. 18 from the name alone: the case of
    tests/cases/cn/ecl_art18_prc_origin_magnet_from_korea_to_control_list.yaml without its
    declared `lists`, screened on a date before and after 2026 No. 23."""
    case = yaml.safe_load(
        (Path(__file__).parent / "cases" / "cn"
         / "ecl_art18_prc_origin_magnet_from_korea_to_control_list.yaml").read_text("utf-8")
    )  # fmt: skip
    for party in case["parties"]:
        party.pop("lists", None)
    case.pop("expect", None)
    outcomes = {}
    for when in ("2026-06-21", "2026-07-01"):
        case["as_of"] = when
        path = tmp_path / "case.yaml"
        path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
        result = runner.invoke(app, ["check", str(path), "--packs", "cn", "--screen"])
        assert result.exit_code == 0, result.output
        outcomes[when] = json.loads(result.stdout)["regimes"]["CN"]["outcome"]
        if when == "2026-07-01":
            assert "CN:control_list (screening hit: entry MOFCOM-2026-23" in result.stdout
    assert outcomes["2026-07-01"] == "prohibited"
    assert outcomes["2026-06-21"] != "prohibited"

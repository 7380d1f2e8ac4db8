"""The screening API and the contract section 6 shape."""

from __future__ import annotations

from longarm.screening.api import Screener, screen_party_memberships
from longarm.screening.model import Query


def test_result_shape_matches_contract(small_screener: Screener) -> None:
    out = small_screener.screen(Query("中芯国际集成电路制造有限公司", "CN", "c-17")).to_dict()
    assert out["query"] == {"id": "c-17", "name": "中芯国际集成电路制造有限公司", "country": "CN"}
    assert out["lists"] == [
        {"list": "CN:UEL", "snapshot": "2026-01-01"},
        {"list": "US:EL", "snapshot": "2026-01-01"},
        {"list": "US:SDN", "snapshot": "2026-01-01"},
    ]
    hit = out["hits"][0]
    assert hit["list"] == "US:EL" and hit["entry_id"] == "el-1"
    assert set(hit["features"]) == {"name", "country"}
    assert hit["features"]["country"] == {"score": 1.0, "detail": "both CN"}
    assert 0.0 <= hit["score"] <= 1.0


def test_aliases_count(small_screener: Screener) -> None:
    hit = small_screener.screen_name("SMIC").hits[0]
    assert hit.name == "Semiconductor Manufacturing International Corporation"
    assert hit.matched_name == "SMIC"


def test_english_variant_and_country_penalty(small_screener: Screener) -> None:
    same = small_screener.screen_name("Semiconductor Manufacturing Intl. Corp.", "CN").hits[0]
    other = small_screener.screen_name("Semiconductor Manufacturing Intl. Corp.", "US").hits[0]
    assert same.score > other.score


def test_hits_sorted_and_threshold_applied(small_screener: Screener) -> None:
    hits = small_screener.screen_name("Huawei Technologies", threshold=0.5).hits
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert not small_screener.screen_name("Acme Robotics Inc").hits


def test_list_filter(small_screener: Screener) -> None:
    assert not small_screener.screen_name("SMIC", lists=["US:SDN"]).hits
    assert small_screener.screen_name("SMIC", lists=["US:EL"]).hits


def test_generic_words_do_not_hit(small_screener: Screener) -> None:
    assert not small_screener.screen_name("China Mobile Corporation").hits


def test_party_memberships_carry_policy(small_screener: Screener) -> None:
    hits = screen_party_memberships("Huawei Technologies Co Ltd", "CN", screener=small_screener)
    assert hits[0].list_code == "US:EL" and hits[0].entry_id == "el-2"

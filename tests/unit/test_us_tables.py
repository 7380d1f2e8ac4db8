"""The typed read API over the generated US tables, checked against facts in the extracts.

Fixture strategy: the packaged tables (`UsTables.load()`) are read as shipped; the expected
values were read from the 2026-07-23 eCFR extracts in ../shared/data.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from longarm.errors import PackError
from longarm.packs.importers.ecfr import DEFAULT_OUT_DIR, rebuild
from longarm.rules.us.tables import ChartLookupError, UsTables

SHARED_DATA = Path(__file__).parents[2].parent / "shared" / "data"


@pytest.fixture(scope="module")
def tables() -> UsTables:
    return UsTables.load()


def test_load_is_cached() -> None:
    assert UsTables.load() is UsTables.load()


def test_china_row_marks_ns1_and_ns2(tables: UsTables) -> None:
    columns = tables.country_chart_columns("CN")
    assert columns is not None
    assert {"NS1", "NS2", "RS1", "RS2", "MT1", "NP1"} <= columns
    assert not columns & {"AT1", "AT2", "FC1"}


def test_germany_is_in_a1_and_marked_only_in_column_1s(tables: UsTables) -> None:
    assert tables.in_group("DE", "A:1")
    assert tables.country_chart_columns("de") == frozenset({"CB1", "NS1", "MT1", "RS1"})


@pytest.mark.parametrize("country", ["CU", "IR", "KP", "SY"])
def test_embargoed_destinations_have_no_columns(tables: UsTables, country: str) -> None:
    assert tables.is_embargoed(country)
    assert tables.country_chart_columns(country) is None
    assert "746" in (tables.embargo_pointer(country) or "")


def test_hong_kong_inherits_china_row_and_groups(tables: UsTables) -> None:
    assert tables.chart_row_code("HK") == "CN"
    assert tables.country_chart_columns("HK") == tables.country_chart_columns("CN")
    assert tables.groups_of("HK") == tables.groups_of("CN")
    assert tables.in_group("HK", "D:5")


def test_liechtenstein_and_cayman_follow_their_governing_rows(tables: UsTables) -> None:
    assert tables.chart_row_code("LI") == "CH"
    assert tables.chart_row_code("KY") == "GB"


def test_macau_is_not_in_d5_but_is_in_d1(tables: UsTables) -> None:
    assert not tables.in_group("MO", "D:5")
    assert tables.in_group("MO", "D:1")
    assert not tables.is_embargoed("MO")


def test_group_lookups_refuse_unknown_groups_and_non_codes(tables: UsTables) -> None:
    with pytest.raises(ValueError, match="unknown Country Group"):
        tables.in_group("DE", "A:9")
    with pytest.raises(ValueError, match="alpha-2"):
        tables.groups_of("Germany")


def test_names_resolve_to_codes(tables: UsTables) -> None:
    assert tables.country_code("Burma") == "MM"
    assert tables.country_code("Korea, South") == "KR"
    assert tables.country_code("Kosovo") == "XK"
    assert tables.country_code("Hong Kong") == "HK"
    assert tables.country_code("Atlantis") is None


def test_a_paragraph_resolves_to_its_eccn(tables: UsTables) -> None:
    entry = tables.eccn("3A001.a.1")
    assert entry is not None and entry.eccn == "3A001"
    assert "NS1" in entry.reasons_for_control
    assert entry.category == "3"
    assert entry.licence_exception("LVS") is not None
    assert tables.eccn("3a001") is entry


def test_ear99_and_unlisted_eccns_give_none_and_garbage_raises(tables: UsTables) -> None:
    assert tables.eccn("EAR99") is None
    assert tables.eccn("3E999") is None
    with pytest.raises(ValueError, match="not an ECCN"):
        tables.eccn("three-A-001")


def test_licence_reasons_are_the_columns_whose_rows_reach_the_paragraph(
    tables: UsTables,
) -> None:
    # 738.4(a)(2): NS2 covers all of 3A001; NS1, NP1, MT1 and RS1 only some paragraphs.
    assert tables.license_required_reasons("3A001", "CN") == ["NS2"]
    assert tables.license_required_reasons("3A001.z.2", "DE") == ["MT1"]
    # NS1/RS1 reach 3A001.b.2 only outside civil telecommunications: not certain.
    assert tables.license_required_reasons("3A001.b.2", "DE") == []
    assert tables.license_required_reasons("4A994", "DE") == []


def test_chart_findings_keep_the_rows_that_may_reach_the_code(tables: UsTables) -> None:
    findings = {(c, f.answer.name, f.deciding) for c, f, _ in tables.chart_findings("3A002", "DE")}
    assert ("MT1", "MAYBE", ("3A002.h",)) in findings
    assert not tables.chart_findings("3A002.c", "DE")


@pytest.mark.parametrize(
    ("code", "answer", "deciding"),
    [
        ("3B001.a.2", "YES", ()),
        ("3B001.a", "MAYBE", ("3B001.a.1", "3B001.a.2", "3B001.a.3")),
        ("3B001.a.4", "NO", ()),
        ("3B001.h.1", "YES", ()),
        ("3B001.k.1", "NO", ()),
        ("3B001", "MAYBE", None),
    ],
)
def test_row_scope_the_most_specific_paragraph_decides(
    tables: UsTables, code: str, answer: str, deciding: tuple[str, ...] | None
) -> None:
    entry = tables.eccn("3B001")
    assert entry is not None
    ns2 = next(row for row in entry.licence_requirements if row.columns == ("NS2",))
    coverage = ns2.scope.covers(code)
    assert coverage.answer.name == answer
    if deciding is not None:
        assert coverage.deciding == deciding


def test_an_exception_carves_a_paragraph_out_of_the_entire_entry(tables: UsTables) -> None:
    entry = tables.eccn("0A501")
    assert entry is not None
    ns1 = next(row for row in entry.licence_requirements if row.columns == ("NS1",))
    assert ns1.scope.covers("0A501.a").answer.name == "YES"
    assert ns1.scope.covers("0A501.y.1").answer.name == "NO"
    assert ns1.scope.covers("0A501").deciding == ("0A501.y",)


def test_columns_stated_in_words_are_not_in_the_chart_answer(tables: UsTables) -> None:
    entry = tables.eccn("3A090")
    assert entry is not None
    assert tables.license_required_reasons("3A090", "CN") == []
    worded = {row.scope.paragraphs: row.destinations for row in entry.non_chart_requirements}
    assert worded[("3A090.a",)] is not None and worded[("3A090.a",)].worldwide
    b = worded[("3A090.b",)]
    assert b is not None and b.countries == {"AE"} and b.exclude_groups == {"A:5", "A:6"}
    assert b.reaches("CN", tables.groups_of("CN")) and not b.reaches("DE", tables.groups_of("DE"))


@pytest.mark.parametrize(
    ("eccn", "country", "reason"),
    [
        ("3A001", "CU", "part 746"),
        ("3A001", "AQ", "no Country Chart row"),
        ("EAR99", "CN", "not an ECCN"),
        ("0A983", "DE", "738.3(a)(1)"),
        ("5A001.f.1.a", "DE", "738.3(a)(1)"),
        ("0A981", "DE", "no licence requirements"),
    ],
)
def test_the_chart_refuses_what_it_cannot_decide(
    tables: UsTables, eccn: str, country: str, reason: str
) -> None:
    with pytest.raises(ChartLookupError, match=re.escape(reason)):
        tables.license_required_reasons(eccn, country)


def test_a_paragraph_line_of_738_3_does_not_cover_the_whole_entry(tables: UsTables) -> None:
    assert tables.all_destinations_entry("5A001.f.1") == "5A001.f.1"
    assert tables.all_destinations_entry("5A001") is None


def test_footnotes_come_with_the_row_that_governs(tables: UsTables) -> None:
    assert 6 in tables.chart_footnotes("RU")  # Russia: § 746.5 and § 746.8 sanctions
    assert set(tables.chart_footnotes("CH")) == {3, 4}
    assert tables.chart_footnotes("LI") == tables.chart_footnotes("CH")


def test_vintages_cite_the_regulation_and_issue_date(tables: UsTables) -> None:
    assert [v.citation for v in tables.vintages] == [
        "15 CFR Part 738, Supplement No. 1",
        "15 CFR Part 740, Supplement No. 1",
        "15 CFR Part 774, Supplement No. 1",
    ]
    assert {v.ecfr_issue_date for v in tables.vintages} == {date(2026, 7, 23)}
    assert tables.chart_vintage.cite() == "15 CFR Part 738, Supplement No. 1 (eCFR 2026-07-23)"


def test_a_freshly_rebuilt_folder_reads_the_same(tmp_path: Path, tables: UsTables) -> None:
    rebuild(SHARED_DATA, tmp_path)
    fresh = UsTables.from_dir(tmp_path)
    assert fresh.chart_rows == tables.chart_rows
    assert fresh.ccl_entries == tables.ccl_entries


def test_a_malformed_table_is_a_pack_error(tmp_path: Path) -> None:
    for name in ("country_chart.json", "country_groups.json", "ccl.json"):
        (tmp_path / name).write_bytes((DEFAULT_OUT_DIR / name).read_bytes())
    (tmp_path / "ccl.json").write_text('{"entries": {}}', encoding="utf-8")
    with pytest.raises(PackError, match=r"ccl\.json|US tables"):
        UsTables.from_dir(tmp_path)

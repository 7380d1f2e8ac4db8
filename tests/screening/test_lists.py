"""Importers on the real public files in ../shared/data."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from longarm.errors import InputError
from longarm.screening.api import bundled_csl_path
from longarm.screening.lists.codes import csl_list_code, footnotes, normalise_policy
from longarm.screening.lists.csl import load_compact, load_csv
from longarm.screening.lists.dpl import load_dpl
from longarm.screening.lists.ofac import load_sdn
from longarm.screening.lists.opensanctions import load_cn_sanctions


def test_compact_csl_snapshot() -> None:
    snap = load_compact(bundled_csl_path())
    assert snap.snapshot_date == date(2026, 7, 31)
    counts = Counter(e.list_code for e in snap.entries)
    assert counts["US:EL"] == 3420 and counts["US:SDN"] == 19181 and counts["US:MEU"] == 70
    assert counts["US:NS-MBS"] == 51
    smic_bj = next(
        e
        for e in snap.entries
        if e.name.startswith("Semiconductor Manufacturing International (Beijing)")
    )
    assert smic_bj.policy == "presumption_of_denial" and smic_bj.footnote == 5


def test_raw_csv_sample(shared_data: Path) -> None:
    snap = load_csv(shared_data / "csl_sample_rawformat_watchman.csv", date(2025, 1, 1))
    meu = next(e for e in snap.entries if e.list_code == "US:MEU")
    assert meu.countries == ("CN",) and meu.start_date == date(2020, 12, 23)
    sdn = next(e for e in snap.entries if e.name == "RIM, Ryong Nam")
    assert sdn.entry_id == "52291" and "KP" in sdn.countries


def test_ofac_sdn_set(shared_data: Path) -> None:
    snap = load_sdn(shared_data / "ofac_sdn_2021-07-07", date(2021, 7, 7))
    assert len(snap.entries) > 8000
    cuba = next(e for e in snap.entries if e.entry_id == "173")
    assert cuba.aliases == ("AVIA IMPORT",) and cuba.countries == ("GB",)


def test_bis_dpl(shared_data: Path) -> None:
    snap = load_dpl(shared_data / "bis_dpl_2022-09_watchman.txt", date(2022, 9, 7))
    assert all(e.list_code == "US:DPL" for e in snap.entries)
    assert any(
        e.name == "AARON ABRAHAM VILLA" and e.end_date == date(2026, 1, 14) for e in snap.entries
    )


def test_cn_sanctions_lists_and_chinese_names(shared_data: Path) -> None:
    path = shared_data / "cn_sanctions_opensanctions_CC-BY-NC.csv"
    snap = load_cn_sanctions(path, date(2026, 7, 1))
    counts = Counter(e.list_code for e in snap.entries)
    assert (
        counts["CN:control_list"] == 153
        and counts["CN:watch_list"] == 40
        and counts["CN:UEL"] == 66
    )
    lockheed = next(e for e in snap.entries if e.name == "Lockheed Martin Corporation")
    assert "洛克希德·马丁公司" in lockheed.aliases
    bare = load_cn_sanctions(path, date(2026, 7, 1), with_chinese_names=False)
    assert not any("洛克希德" in a for e in bare.entries for a in e.aliases)


def test_policy_and_footnotes() -> None:
    assert normalise_policy("Policy of denial. See § 746.8(b)") == "prohibited"
    assert normalise_policy("Case-by-case review.") == "case_by_case"
    assert normalise_policy("See §744.2(d) of the EAR") == "license_required"
    assert footnotes(
        "For all items subject to the EAR, see §§ 734.9(e)1 and 744.11 of the EAR2"
    ) == (1, 2)
    assert footnotes(
        "For all items subject to the EAR. (See §§ 734.9(e)(2) and 744.11 of the EAR)4"
    ) == (4,)
    assert footnotes("For all items subject to the EAR. (See §744.11 of the EAR).") == ()
    assert csl_list_code("Entity List (EL) - Bureau of Industry and Security") == "US:EL"


def test_bad_csv_header_names_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("foo,bar\n1,2\n")
    with pytest.raises(InputError, match=r"bad\.csv: header"):
        load_csv(bad, date(2025, 1, 1))

"""The shipped Chinese lists: well-formed, by date, and checked against an independent
compilation (the OpenSanctions Chinese file, CC BY-NC: read by this test only, never shipped).
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest

from longarm.screening.lists.cn_lists import LIST_CODES, active_on, load_cn_lists
from longarm.screening.lists.codes import load_list_codes
from longarm.screening.normalise import latin_tokens

CN_FILE = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "data"
    / ("cn_sanctions_opensanctions_CC-BY-NC.csv")
)


def test_entries_are_dated_and_cited() -> None:
    snapshot = load_cn_lists()
    assert len(snapshot.entries) >= 40
    for e in snapshot.entries:
        assert e.list_code in LIST_CODES and e.start_date is not None and e.source_url


def test_an_entry_counts_from_its_listing_date() -> None:
    (mp,) = [e for e in load_cn_lists().entries if e.name == "MP Materials Corp."]
    assert not active_on(mp, date(2026, 6, 21))
    assert active_on(mp, date(2026, 6, 22))


@pytest.mark.skipif(not CN_FILE.exists(), reason="shared data not present")
def test_every_entry_agrees_with_the_independent_compilation() -> None:
    codes = load_list_codes().cn_lists
    seen: dict[tuple[str, date], list[set[str]]] = {}
    with CN_FILE.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = codes.get(row["List"])
            if code not in LIST_CODES or not row["Date"]:
                continue
            raw = row["Date"]
            when = datetime.strptime(raw, "%d.%m.%Y" if len(raw) == 10 else "%d.%m.%y").date()
            seen.setdefault((code, when), []).append(set(latin_tokens(row["Name"])))
    for e in load_cn_lists().entries:
        assert e.start_date is not None
        names = seen.get((e.list_code, e.start_date), [])
        mine = set(latin_tokens(e.name))
        assert any(mine <= theirs or theirs <= mine for theirs in names), e.name

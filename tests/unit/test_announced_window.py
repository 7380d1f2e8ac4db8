"""From any determination dated 2026-11-11 to 2027-01-10 a reader sees what the text says,
what was announced (by whom, when) and the outcome under each reading (CN and US)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from testkit import REPO

from longarm.engine import determine
from longarm.io.case_reader import read_case

CASES = REPO / "tests" / "cases"
CN_CASE = CASES / "cn" / "no70_announced_kr_magnet_2026_11_11_text_governs.yaml"
US_CASE = CASES / "us" / "affiliates_announced_2026_11_10_text_governs.yaml"
DAYS = [date(2026, 11, 11) + timedelta(days=n) for n in range(0, 61, 6)] + [date(2027, 1, 10)]


@pytest.mark.parametrize("day", DAYS, ids=str)
@pytest.mark.parametrize(
    ("path", "regime", "rule", "legal", "text_outcome", "announced_outcome"),
    [
        (CN_CASE, "CN", "cn.2025-61.art1.1", "2026-11-10", "license_required", "not_subject"),
        (
            US_CASE,
            "US",
            "us.ear-744-supp8.b",
            "2026-11-09",
            "presumption_of_denial",
            "no_license_required",
        ),
    ],
)
def test_text_announcement_and_both_readings(
    day: date,
    path: object,
    regime: str,
    rule: str,
    legal: str,
    text_outcome: str,
    announced_outcome: str,
) -> None:
    case = read_case(path).replace(as_of=day)  # type: ignore[arg-type]
    out = determine(case).to_json()
    assert out["regimes"][regime]["outcome"] == text_outcome
    (reason,) = [r for r in out["regimes"][regime]["reasons"] if r["rule"] == rule]
    assert legal in reason["detail"] and "ended on the published text" in reason["detail"]
    assert "Bessent" in reason["detail"] and "2026-09-23" in reason["detail"]
    assert "instrument pending" in reason["detail"]
    assert reason["options"]["honour_announced_extensions"] is False
    assert reason["figures"]["announced_until"] == "2027-01-10"
    assert {
        "option": "honour_announced_extensions",
        "value": True,
        "regimes": {regime: announced_outcome},
    } in out["alternatives"]

"""The curated public API: every name in `__all__` exists, and the documented flow works."""

from __future__ import annotations

from testkit import SHARED

import longarm


def test_all_names_resolve() -> None:
    for name in longarm.__all__:
        assert hasattr(longarm, name), name


def test_documented_flow() -> None:
    case = longarm.read_case(SHARED / "cases" / "cn_smco_magnet_export_from_china.yaml")
    result = longarm.determine(case, ["CN"])
    assert result.regimes["CN"].outcome is longarm.Outcome.LICENSE_REQUIRED
    assert longarm.load_pack("CN").manifest.regime == "CN"

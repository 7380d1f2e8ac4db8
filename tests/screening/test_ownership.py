"""50 % aggregation over screening hits, with chains and unknown shares."""

from __future__ import annotations

from pathlib import Path

import pytest

from longarm.errors import InputError
from longarm.screening.ownership import (
    OwnershipEdge,
    aggregate_ownership,
    covered_by_hits,
    load_edges_csv,
)


def test_direct_and_aggregate_ownership() -> None:
    edges = [
        OwnershipEdge("L1", "A", 0.3),
        OwnershipEdge("L2", "A", 0.25),
        OwnershipEdge("L1", "B", 0.49),
    ]
    result = aggregate_ownership(edges, ["L1", "L2"])
    assert result["A"].status == "covered" and result["A"].share == pytest.approx(0.55)
    assert result["A"].owners == ("L1", "L2")
    assert result["B"].status == "not_covered"


def test_covered_intermediate_counts_in_full_and_chain_is_kept() -> None:
    edges = [OwnershipEdge("L", "H", 0.6), OwnershipEdge("H", "S", 0.5)]
    result = aggregate_ownership(edges, ["L"])
    assert result["S"].status == "covered" and result["S"].chain == ("L", "H", "S")


def test_unknown_share_of_listed_owner_needs_review() -> None:
    result = aggregate_ownership([OwnershipEdge("L", "X", None)], ["L"])
    assert result["X"].status == "needs_review"


def test_threshold_is_a_parameter() -> None:
    edges = [OwnershipEdge("L", "A", 0.25)]
    assert aggregate_ownership(edges, ["L"], threshold=0.25)["A"].status == "covered"


def test_covered_by_hits_and_csv(tmp_path: Path) -> None:
    path = tmp_path / "edges.csv"
    path.write_text("owner,asset,share\nHuawei,Sub One,60%\nSub One,Sub Two,0.5\n")
    result = covered_by_hits(load_edges_csv(path), {"Huawei": ["US:EL"], "Sub One": []})
    assert result["Sub Two"].chain == ("Huawei", "Sub One", "Sub Two")
    path.write_text("owner,asset,share\nHuawei,Sub One,1.5\n")
    with pytest.raises(InputError, match="row 2: share"):
        load_edges_csv(path)

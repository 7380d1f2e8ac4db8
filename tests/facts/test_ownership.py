"""50 % aggregation: FACTS scenarios 22-24, Red Flag 29, and the non-aggregating reading."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from testkit import make_case

from longarm.domain.case import Party
from longarm.facts.ownership import aggregate_ownership

HALF = Fraction(1, 2)


def _parties(spec: dict[str, list[tuple[str, Any]]], listed: set[str]) -> list[Party]:
    parties = [
        {
            "id": pid,
            "name": pid,
            "country": "CN",
            "lists": ["US:EL"] if pid in listed else [],
            "owners": [{"party": o, "share": s} for o, s in owners],
        }
        for pid, owners in spec.items()
    ]
    case = make_case(
        {
            "as_of": "2026-01-01",
            "shipment": {
                "id": "S",
                "ship_from": "US",
                "destination": "CN",
                "exporter": parties[0]["id"],
                "lines": [{"item": "I", "quantity": 1}],
            },
            "items": [{"id": "I", "origin": "US", "unit_value": 1}],
            "parties": parties,
        }
    )
    return case.parties


def _listed(party: Party) -> bool:
    return bool(party.lists)


def test_two_listed_owners_of_25_percent_aggregate_to_50() -> None:
    parties = _parties({"A": [], "B": [], "X": [("A", 0.25), ("B", 0.25)]}, {"A", "B"})
    cov = aggregate_ownership(parties, _listed, HALF)
    assert cov["X"].covered is True
    assert cov["X"].roots == ("A", "B")


def test_chain_counts_covered_intermediate_in_full() -> None:
    # Scenario 23: A 60 % of I; I 40 % of T; B 10 % of T -> T covered.
    parties = _parties(
        {"A": [], "B": [], "I": [("A", 0.6)], "T": [("I", 0.4), ("B", 0.1)]}, {"A", "B"}
    )
    cov = aggregate_ownership(parties, _listed, HALF)
    assert cov["I"].covered is True
    assert cov["T"].covered is True
    assert cov["T"].share == HALF
    assert cov["T"].chain(cov) == ("A", "I", "T")


def test_shares_are_not_multiplied_down_but_uncovered_intermediate_stops() -> None:
    # Scenario 24: A 40 % of I; I 100 % of T -> neither covered.
    parties = _parties({"A": [], "I": [("A", 0.4)], "T": [("I", 1.0)]}, {"A"})
    cov = aggregate_ownership(parties, _listed, HALF)
    assert cov["I"].covered is False
    assert cov["T"].covered is False


def test_unknown_share_of_listed_owner_is_undecided() -> None:
    parties = _parties({"A": [], "X": [("A", None)]}, {"A"})
    cov = aggregate_ownership(parties, _listed, HALF)
    assert cov["X"].covered is None
    assert cov["X"].missing == ("parties[X].owners[A].share",)


def test_unknown_share_does_not_matter_when_known_shares_suffice() -> None:
    parties = _parties({"A": [], "B": [], "X": [("A", 0.5), ("B", None)]}, {"A", "B"})
    assert aggregate_ownership(parties, _listed, HALF)["X"].covered is True


def test_without_aggregation_one_owner_must_reach_the_threshold() -> None:
    parties = _parties({"A": [], "B": [], "X": [("A", 0.3), ("B", 0.3)]}, {"A", "B"})
    assert aggregate_ownership(parties, _listed, HALF, aggregate=False)["X"].covered is False
    assert aggregate_ownership(parties, _listed, HALF, aggregate=True)["X"].covered is True

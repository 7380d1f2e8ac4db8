"""The YAML legal cases (tests/cases, ../shared/cases) as pytest items, plus two properties
of the suite: determinations are byte-identical, and every clause of every pack is needed
(removing it makes at least one case fail)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from testkit import REPO, SHARED

from longarm.domain.case import Case
from longarm.engine import determine
from longarm.interfaces.casefiles import case_files, expectation_failures, expected_regimes
from longarm.io.case_reader import read_case
from longarm.rulebook.loader import Pack, available_regimes, load_pack

CASE_DIRS = [REPO / "tests" / "cases", SHARED / "cases", REPO / "src" / "longarm" / "demo"]
FILES = case_files([d for d in CASE_DIRS if d.exists()])


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@pytest.fixture(scope="module")
def cases() -> dict[Path, Case]:
    return {path: read_case(path) for path in FILES}


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_case_meets_its_expectation(path: Path) -> None:
    case = read_case(path)
    assert case.expect, f"{path}: a legal case must say what it expects"
    result = determine(case, expected_regimes(case))
    failures = expectation_failures(case, result)
    assert not failures, (
        failures,
        [r.to_json() for rr in result.regimes.values() for r in rr.reasons],
    )


def test_every_case_cites_its_source() -> None:
    for path in FILES:
        first = path.read_text(encoding="utf-8").lstrip().splitlines()[0]
        assert first.startswith("#") and len(first) > 10, f"{path}: first line must cite a source"


def test_same_case_gives_byte_identical_json(cases: dict[Path, Case]) -> None:
    for case in list(cases.values())[:20]:
        assert determine(case).dumps() == determine(case).dumps()


def _without(pack: Pack, clause_id: str) -> Pack:
    instruments = tuple(
        ins.model_copy(update={"clauses": [c for c in ins.clauses if c.id != clause_id]})
        for ins in pack.instruments
    )
    return replace(pack, instruments=instruments)


def _packs(case: Case, replacement: Pack) -> list[Pack]:
    return [
        replacement if regime == replacement.regime else load_pack(regime)
        for regime in expected_regimes(case)
    ]


@pytest.mark.parametrize("regime", available_regimes())
def test_every_clause_is_exercised_by_a_case(regime: str, cases: dict[Path, Case]) -> None:
    pack = load_pack(regime)
    relevant = [c for c in cases.values() if regime in expected_regimes(c)]
    unexercised = []
    for _, clause in pack.clauses():
        reduced = _without(pack, clause.id)
        if not any(
            f.startswith(regime)
            for case in relevant
            for f in expectation_failures(case, determine(case, packs=_packs(case, reduced)))
        ):
            unexercised.append(clause.id)
    assert not unexercised, f"clauses no case needs: {unexercised}"

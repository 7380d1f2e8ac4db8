"""Announced extensions: the published text governs unless honoured; every state they touch
says what was announced, when and by whom; a malformed announcement fails at load."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from testkit import REPO

from longarm.domain.vocab import Status
from longarm.errors import PackError
from longarm.rulebook.loader import load_pack
from longarm.rulebook.rulebook import RuleBook

ART11 = "cn.2025-61.art1.1"


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return RuleBook(load_pack("CN"))


@pytest.mark.parametrize(
    ("day", "honour", "status", "revived"),
    [
        ("2026-11-10", False, Status.SUSPENDED, None),
        ("2026-11-10", True, Status.SUSPENDED, None),
        ("2026-11-11", False, Status.IN_FORCE, date(2026, 11, 11)),
        ("2026-11-11", True, Status.SUSPENDED, None),
        ("2027-01-10", True, Status.SUSPENDED, None),
        ("2027-01-11", True, Status.IN_FORCE, date(2027, 1, 11)),
        ("2027-01-11", False, Status.IN_FORCE, date(2026, 11, 11)),
    ],
)
def test_text_and_announcement(
    book: RuleBook, day: str, honour: bool, status: Status, revived: date | None
) -> None:
    state = book.at(date.fromisoformat(day), honour_announced_extensions=honour).state(ART11)
    assert state.status is status
    assert state.revived_from == revived


def test_a_touched_state_says_who_announced_what_and_when(book: RuleBook) -> None:
    state = book.at(date(2026, 11, 11)).state(ART11)
    assert "Bessent" in state.detail and "2026-09-23" in state.detail
    assert "MOFCOM" in state.detail and "2026-09-28" in state.detail
    assert "2027-01-10" in state.detail and "instrument pending" in state.detail
    assert state.options == ("revive_after_suspension", "honour_announced_extensions")
    assert state.figures == {"legal_until": "2026-11-10", "announced_until": "2027-01-10"}


def test_an_announcement_is_unknown_before_it_was_made(book: RuleBook) -> None:
    state = book.at(date(2026, 9, 22)).state(ART11)
    assert state.status is Status.SUSPENDED and "Bessent" not in state.detail
    later = book.at(date(2026, 9, 24)).state(ART11)
    assert "Bessent" in later.detail and "MOFCOM Americas" not in later.detail


def test_no_72_has_no_announced_date(book: RuleBook) -> None:
    state = book.at(date(2026, 11, 28), honour_announced_extensions=True).state(
        "cn.2024-46.art2.ga_ge_sb_superhard"
    )
    assert state.status is Status.IN_FORCE
    assert "no extension to a date was announced for this suspension" in state.detail
    assert "honour_announced_extensions" not in state.options


def _copy_pack(tmp_path: Path) -> Path:
    src = load_pack("CN").root
    dst = tmp_path / "cn"
    dst.mkdir()
    for f in src.glob("*.yaml"):
        (dst / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "  - to: 2027-01-10\n",
            "  - targets: [cn.2025-99]\n    to: 2027-01-10\n",
            "not suspended",
        ),
        ("    instrument: pending\n", "    instrument: cn.2027-1\n", "unknown instrument"),
        ("    checked: 2026-10-08\n", "", "checked"),
    ],
)
def test_malformed_announcement_fails_loudly(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    root = _copy_pack(tmp_path)
    path = root / "cn" / "2025-070.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PackError, match=message):
        load_pack("CN", root)


def test_the_rule_book_does_not_import_the_rules() -> None:
    """The lower layer never imports the higher one (the packs name their rule modules)."""
    for path in sorted((REPO / "src" / "longarm" / "rulebook").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = [
            node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
        ] + [a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names]
        assert not [m for m in imported if m.startswith("longarm.rules")], path


def test_a_pack_names_the_modules_that_interpret_it(tmp_path: Path) -> None:
    root = _copy_pack(tmp_path)
    path = root / "cn" / "pack.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[longarm.rules.cn]", "[longarm.rules.nowhere]"), "utf-8")
    with pytest.raises(PackError, match="rule_modules"):
        load_pack("CN", root)

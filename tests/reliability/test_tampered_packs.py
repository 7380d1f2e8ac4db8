"""Tampered packs (issue 10, part 4): a corrupted or edited pack file is refused by its hash,
or used only when modified packs are allowed, with a warning in every determination."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from longarm.errors import PackError
from longarm.rulebook.integrity import ALLOW_ENV, SUMS, differences, write_sums
from longarm.rulebook.loader import load_pack

REPO = Path(__file__).resolve().parents[2]
CASE = REPO.parent / "shared" / "cases" / "us_entity_list_ear99.yaml"


def _copy_packs(tmp_path: Path) -> Path:
    root = tmp_path / "packs"
    for regime in ("cn", "us"):
        shutil.copytree(load_pack(regime.upper()).root, root / regime)
    return root


def test_shipped_packs_match_their_manifests() -> None:
    for regime in ("CN", "US"):
        folder = load_pack(regime).root
        assert (folder / SUMS).is_file()
        assert differences(folder) == [], "run `longarm packs rehash` after editing a pack"


@pytest.mark.parametrize(
    "tamper",
    ["edit", "truncate", "delete", "add", "drop_manifest_line"],
)
def test_a_tampered_pack_is_refused_naming_the_file(
    tmp_path: Path, tamper: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ALLOW_ENV, raising=False)
    root = _copy_packs(tmp_path)
    folder = root / "cn"
    target = folder / "2025-061.yaml"
    if tamper == "edit":
        target.write_text(target.read_text(encoding="utf-8").replace("0.001", "0.01", 1), "utf-8")
    elif tamper == "truncate":
        target.write_bytes(target.read_bytes()[:100])
    elif tamper == "delete":
        target.unlink()
    elif tamper == "add":
        (folder / "2099-999.yaml").write_text("id: x\n", encoding="utf-8")
    else:
        sums = folder / SUMS
        sums.write_text("".join(sums.read_text().splitlines(True)[1:]), encoding="utf-8")
    with pytest.raises(PackError, match="do not match SHA256SUMS"):
        load_pack.__wrapped__("CN", root)


def test_allowed_modified_pack_warns_in_every_determination(tmp_path: Path) -> None:
    root = _copy_packs(tmp_path)
    target = root / "us" / "ear-744.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    env = {"LONGARM_PACKS": str(root), "PATH": ""}
    cmd = [str(Path(sys.executable).with_name("longarm")), "check", str(CASE)]
    refused = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert refused.returncode == 2 and "ear-744.yaml: modified" in refused.stderr
    assert refused.stdout == ""
    allowed = subprocess.run(
        [*cmd, "--allow-modified-packs"], capture_output=True, text=True, env=env, timeout=120
    )
    assert allowed.returncode == 0, allowed.stderr
    assert "US pack is MODIFIED" in allowed.stdout


def test_rehash_makes_a_users_own_pack_verified(tmp_path: Path) -> None:
    root = _copy_packs(tmp_path)
    folder = root / "cn"
    (folder / SUMS).unlink()
    pack = load_pack.__wrapped__("CN", root)
    assert any("unverified" in w for w in pack.warnings)
    write_sums(folder)
    assert load_pack.__wrapped__("CN", root).warnings == ()

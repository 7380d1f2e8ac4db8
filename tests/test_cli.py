"""The CLI in-process: exit codes, nothing printed for bad input, the contract's JSON shape."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from testkit import SHARED, base_case
from typer.testing import CliRunner

from longarm.cli import app

runner = CliRunner()


def _write(tmp_path: Path, data: object, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_check_prints_the_contract_json(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(_write(tmp_path, base_case())), "--packs", "cn"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert set(out) == {
        "shipment",
        "as_of",
        "packs",
        "regimes",
        "lines",
        "overall",
        "hold",
        "warnings",
        "alternatives",
    }
    assert out["regimes"]["CN"]["outcome"] == "license_required"
    reason = out["regimes"]["CN"]["reasons"][0]
    assert set(reason) >= {
        "rule",
        "citation",
        "effect",
        "status",
        "detail",
        "figures",
        "path",
        "options",
    }
    assert reason["figures"]["ratio"] == 0.025
    assert reason["path"] == ["MAG-KR", "TBOX"]
    assert out["hold"] is True
    assert any("data_as_of" in w for w in out["warnings"])


def test_as_of_override_moves_the_case_into_the_suspension(tmp_path: Path) -> None:
    path = _write(tmp_path, base_case())
    result = runner.invoke(app, ["check", str(path), "--packs", "cn", "--as-of", "2026-05-01"])
    out = json.loads(result.stdout)
    assert out["regimes"]["CN"]["outcome"] == "not_subject"
    assert out["regimes"]["CN"]["reasons"][0]["status"] == "suspended"


def test_bad_input_exits_2_and_prints_no_determination(tmp_path: Path) -> None:
    data = base_case()
    data["items"][0]["components"][0]["item"] = "MAG-9"
    result = runner.invoke(app, ["check", str(_write(tmp_path, data))])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "items[0].components[0].item: unknown item 'MAG-9'" in result.stderr


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2


def test_table_and_html_formats(tmp_path: Path) -> None:
    path = str(_write(tmp_path, base_case()))
    table = runner.invoke(app, ["check", path, "--packs", "cn", "--format", "table"])
    assert "cn.2025-61.art1.1 [in_force] license_required" in table.stdout
    page = runner.invoke(app, ["check", path, "--packs", "cn", "--format", "html"])
    assert page.stdout.startswith("<!doctype html>")


def test_test_command_reports_mismatch_with_reasons(tmp_path: Path) -> None:
    data = base_case()
    data["expect"] = {"CN": "not_subject"}
    result = runner.invoke(app, ["test", str(_write(tmp_path, data))])
    assert result.exit_code == 1
    assert "expected not_subject, got license_required" in result.stdout
    assert "cn.2025-61.art1.1 [in_force]" in result.stdout
    assert "0 passed, 1 failed" in result.stdout


def test_test_command_passes_on_shared_cn_cases() -> None:
    files = [str(p) for p in sorted((SHARED / "cases").glob("cn_*.yaml"))]
    result = runner.invoke(app, ["test", *files])
    assert result.exit_code == 0, result.stdout
    assert f"{len(files)} passed, 0 failed" in result.stdout


def test_packs_validate_and_show() -> None:
    assert runner.invoke(app, ["packs", "validate"]).exit_code == 0
    shown = runner.invoke(app, ["packs", "show", "cn", "--as-of", "2026-11-11"])
    assert "cn.2025-61.art1.1" in shown.stdout


def test_demo_writes_determinations(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = sorted(tmp_path.glob("*.json"))
    assert written and all(json.loads(p.read_text())["shipment"] for p in written)
    assert not list(tmp_path.glob("*.tmp"))


def test_import_ecfr_rebuilds_the_bundled_tables_byte_identically(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["packs", "import-ecfr", "--from", str(SHARED / "data"), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    bundled = Path(__file__).resolve().parents[1] / "src" / "longarm" / "packs" / "us" / "tables"
    for name in ("country_chart.json", "country_groups.json", "ccl.json"):
        assert (tmp_path / name).read_bytes() == (bundled / name).read_bytes()

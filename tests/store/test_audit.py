"""The audit log: every edit, deletion or reordering is found and named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from longarm.cli import app
from longarm.errors import StoreError
from longarm.store.audit import append_audit, export_audit, read_audit, verify_audit
from longarm.store.database import Store

SHARED_CASES = Path(__file__).resolve().parents[3] / "shared" / "cases"


def filled(path: Path, n: int = 5) -> Store:
    store = Store.open(path)
    for i in range(n):
        append_audit(
            store, actor="tester", action="determination",
            inputs_sha256={"case": f"{i:064x}"}, packs=[{"regime": "CN", "version": "1"}],
            options={"revive_after_suspension": True}, result={"overall": "not_subject", "i": i},
        )  # fmt: skip
    return store


def test_intact_log_verifies(isolated_store: Path) -> None:
    with filled(isolated_store) as store:
        verdict = verify_audit(store)
        assert verdict.intact and verdict.records == 5
        assert [r.seq for r in read_audit(store)] == [1, 2, 3, 4, 5]


def test_edited_record_is_named(isolated_store: Path) -> None:
    with filled(isolated_store) as store:
        store.con.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3")
        verdict = verify_audit(store)
    assert not verdict.intact and verdict.first_bad_seq == 3 and "edited" in verdict.reason


def test_edited_result_is_named(isolated_store: Path) -> None:
    with filled(isolated_store) as store:
        store.con.execute(
            """UPDATE audit_log SET result = '{"i":1,"overall":"prohibited"}' WHERE seq = 2"""
        )
        assert verify_audit(store).first_bad_seq == 2


def test_deleted_middle_record_is_named(isolated_store: Path) -> None:
    with filled(isolated_store) as store:
        store.con.execute("DELETE FROM audit_log WHERE seq = 2")
        verdict = verify_audit(store)
    assert not verdict.intact and verdict.first_bad_seq == 2 and "missing" in verdict.reason


def test_deleted_newest_record_is_found_through_the_head(isolated_store: Path) -> None:
    with filled(isolated_store) as store:
        store.con.execute("DELETE FROM audit_log WHERE seq = 5")
        verdict = verify_audit(store)
    assert not verdict.intact and verdict.first_bad_seq == 5


def test_reordered_records_are_found(isolated_store: Path) -> None:
    with filled(isolated_store) as store:
        store.con.execute("UPDATE audit_log SET seq = 100 WHERE seq = 2")
        store.con.execute("UPDATE audit_log SET seq = 2 WHERE seq = 3")
        store.con.execute("UPDATE audit_log SET seq = 3 WHERE seq = 100")
        verdict = verify_audit(store)
    assert not verdict.intact and verdict.first_bad_seq == 2


def test_rolled_back_transaction_leaves_no_record(isolated_store: Path) -> None:
    with filled(isolated_store, 2) as store:
        with pytest.raises(RuntimeError), store.transaction():
            append_audit(store, actor="t", action="import")
            raise RuntimeError("load failed")
        verdict = verify_audit(store)
    assert verdict.intact and verdict.records == 2


def test_export_writes_records_and_verdict(isolated_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "audit.jsonl"
    with filled(isolated_store, 3) as store:
        export_audit(store, out)
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [r["seq"] for r in lines[:3]] == [1, 2, 3]
    assert lines[0]["options"] == {"revive_after_suspension": True}
    assert lines[-1]["verdict"]["intact"] is True


def test_cli_check_is_audited_and_verify_detects_tampering(isolated_store: Path) -> None:
    runner = CliRunner()
    case = SHARED_CASES / "us_entity_list_ear99.yaml"
    assert runner.invoke(app, ["check", str(case)]).exit_code == 0
    assert runner.invoke(app, ["check", str(case), "--as-of", "2026-11-11"]).exit_code == 0
    ok = runner.invoke(app, ["audit", "verify"])
    with Store.open(isolated_store) as store:
        records = list(read_audit(store))
        actions = [r.action for r in records]
        # the first determination also logs each pack once, as first seen
        assert actions.count("pack_change") == 2 and actions.count("determination") == 2
        assert actions[-1] == "determination"
        assert records[-1].to_json()["result"]["as_of"] == "2026-11-11"
        assert records[-1].to_json()["packs"], "pack versions and hashes are recorded"
        store.con.execute("UPDATE audit_log SET recorded_at = '2020-01-01' WHERE seq = 3")
    assert ok.exit_code == 0 and f"{len(records)} records" in ok.output
    bad = runner.invoke(app, ["audit", "verify"])
    assert bad.exit_code == 1 and "record 3" in bad.output


def test_folder_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder"):
        Store.open(tmp_path)


def test_non_duckdb_file_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError):
        Store.open(junk)


def test_changed_pack_is_logged_once(isolated_store: Path) -> None:
    from datetime import date

    from longarm.domain.determination import PackInfo
    from longarm.store.determinations import note_packs

    old = PackInfo("CN", "2026.11.1", "a" * 64, date(2026, 7, 31))
    new = PackInfo("CN", "2026.12.1", "b" * 64, date(2026, 10, 8))
    with Store.open(isolated_store) as store:
        for pack in (old, old, new, new):
            note_packs(store, (pack,), actor="tester")
        changes = [r.to_json()["result"] for r in read_audit(store)]
    assert len(changes) == 2
    assert changes[0]["before"] is None
    assert changes[1]["before"] == {"version": "2026.11.1", "sha256": "a" * 64}
    assert changes[1]["after"]["version"] == "2026.12.1"

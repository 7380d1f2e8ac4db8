"""`longarm demo` prepares the web app: a demo store with the demo determinations and a key."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from longarm.api import Settings, create_app
from longarm.cli import app as cli_app
from longarm.interfaces.casefiles import demo_cases


def test_demo_prints_the_address_and_a_key_that_opens_the_demo_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["demo", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8000/" in result.stdout
    key = next(w for w in result.stdout.split() if w.startswith("lk_"))
    with TestClient(create_app(Settings(store_path=tmp_path / "demo.duckdb"))) as client:
        listed = client.get("/v1/determinations", headers={"X-API-Key": key})
        assert listed.status_code == 200
        assert len(listed.json()) == len(demo_cases())
        assert {d["shipment"] for d in listed.json()} >= {"DEMO-1", "DEMO-4"}
    again = CliRunner().invoke(cli_app, ["demo", "--out", str(tmp_path)])
    assert again.exit_code == 0  # run twice: a fresh demo store, not doubled determinations
    with TestClient(create_app(Settings(store_path=tmp_path / "demo.duckdb"))) as client:
        new_key = next(w for w in again.stdout.split() if w.startswith("lk_"))
        listed = client.get("/v1/determinations", headers={"X-API-Key": new_key}).json()
        assert len(listed) == len(demo_cases())

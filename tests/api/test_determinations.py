"""`POST /v1/determinations`: the same bytes as `longarm check`, stored and audited."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from serverkit import Keys, case_json, demo_case
from typer.testing import CliRunner

from longarm.cli import app as cli_app
from longarm.interfaces.casefiles import demo_cases
from longarm.store.audit import read_audit, verify_audit
from longarm.store.database import Store


@pytest.mark.parametrize("path", demo_cases(), ids=lambda p: p.stem)
def test_same_bytes_as_check(path: Path, client: TestClient, keys: Keys, tmp_path: Path) -> None:
    body = tmp_path / "case.json"
    body.write_text(case_json(path), encoding="utf-8")
    cli = CliRunner().invoke(cli_app, ["check", str(body), "--store", str(tmp_path / "cli.db")])
    assert cli.exit_code == 0, cli.output
    answer = client.post(
        "/v1/determinations", content=body.read_bytes(), headers=keys.header("analyst")
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    assert answer.content == cli.stdout_bytes


def test_as_of_and_packs_are_query_options(client: TestClient, keys: Keys) -> None:
    answer = client.post(
        "/v1/determinations?as_of=2026-12-01&packs=cn",
        content=case_json(demo_case(2)),
        headers=keys.header("analyst"),
    )
    out = answer.json()
    assert out["as_of"] == "2026-12-01"
    assert list(out["regimes"]) == ["CN"]
    # after the suspension of No. 61 ends (2026-11-10) the Korean magnet needs a licence
    assert out["regimes"]["CN"]["outcome"] == "license_required"


def test_every_determination_is_audited_with_the_caller(
    client: TestClient, keys: Keys, store_path: Path
) -> None:
    for number in (1, 2, 3):
        answer = client.post(
            "/v1/determinations", content=case_json(demo_case(number)), headers=keys.header("admin")
        )
        assert answer.status_code == 200
    client.close()
    key_id = keys.admin.split("_")[1]
    with Store.open(store_path) as store:
        records = [r for r in read_audit(store) if r.action == "determination"]
        assert verify_audit(store).intact
    assert len(records) == 3
    assert {r.actor for r in records} == {f"api-key:{key_id}"}
    shipments = [json.loads(r.result)["shipment"] for r in records]
    assert shipments == ["DEMO-1", "DEMO-2", "DEMO-3"]


def test_a_stored_determination_can_be_read_back(client: TestClient, keys: Keys) -> None:
    made = client.post(
        "/v1/determinations", content=case_json(demo_case(4)), headers=keys.header("analyst")
    )
    where = made.headers["location"]
    again = client.get(where, headers=keys.header("viewer"))
    assert again.status_code == 200
    assert again.content == made.content
    listed = client.get("/v1/determinations", headers=keys.header("viewer")).json()
    assert listed[0]["id"] == made.headers["x-determination-id"]
    assert listed[0]["overall"] == made.json()["overall"]
    missing = client.get("/v1/determinations/d-nope", headers=keys.header("viewer"))
    assert missing.status_code == 404

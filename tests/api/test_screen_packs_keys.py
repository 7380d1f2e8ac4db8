"""Screening, packs, keys and the OpenAPI document through the real app; `longarm keys`."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from serverkit import Keys
from typer.testing import CliRunner

from longarm.cli import app as cli_app
from longarm.store.audit import read_audit
from longarm.store.database import Store


def test_screen_answers_section_6_results_and_is_audited(
    client: TestClient, keys: Keys, store_path: Path
) -> None:
    names = [
        {"id": "c-1", "name": "中芯国际集成电路制造有限公司", "country": "CN"},
        {"id": "c-2", "name": "Windkraft GmbH", "country": "DE"},
    ]
    answer = client.post("/v1/screen", json={"names": names}, headers=keys.header("analyst"))
    assert answer.status_code == 200
    results = answer.json()["results"]
    assert [r["query"]["id"] for r in results] == ["c-1", "c-2"]
    smic = results[0]["hits"]
    assert any("Semiconductor Manufacturing International" in h["name"] for h in smic)
    assert smic == sorted(smic, key=lambda h: -h["score"])
    assert {"name", "country"} <= set(smic[0]["features"])
    bad = client.post(
        "/v1/screen", json={"names": names, "lists": ["US:XX"]}, headers=keys.header("analyst")
    )
    assert bad.status_code == 422 and bad.json()["field"] == "lists[0]"
    client.close()
    with Store.open(store_path) as store:
        screenings = [r for r in read_audit(store) if r.action == "screening"]
    assert len(screenings) == 1
    assert json.loads(screenings[0].result)["queries"] == 2


def test_packs_and_a_clause_on_a_date(client: TestClient, keys: Keys) -> None:
    packs = client.get("/v1/packs", headers=keys.header("viewer")).json()
    assert {p["regime"] for p in packs} == {"CN", "US"}
    assert all(len(p["sha256"]) == 64 for p in packs)
    url = "/v1/packs/cn/clauses/cn.2025-61.art1.1"
    during = client.get(url + "?as_of=2026-05-01", headers=keys.header("viewer")).json()
    after = client.get(url + "?as_of=2026-12-01", headers=keys.header("viewer")).json()
    before = client.get(url + "?as_of=2025-10-01", headers=keys.header("viewer")).json()
    assert (before["status"], during["status"], after["status"]) == (
        "not_yet_in_force",
        "suspended",
        "in_force",
    )
    assert during["citation"].startswith("MOFCOM Announcement 2025 No. 61")
    timeline = client.get("/v1/packs/cn/timeline", headers=keys.header("viewer")).json()
    assert timeline == sorted(timeline, key=lambda e: e["date"])
    assert any(e["kind"] == "suspension_ends" for e in timeline)


def test_admin_makes_and_revokes_keys(client: TestClient, keys: Keys) -> None:
    made = client.post(
        "/v1/keys", json={"role": "viewer", "label": "auditor"}, headers=keys.header("admin")
    )
    assert made.status_code == 201
    key = made.json()["key"]
    assert client.get("/v1/packs", headers={"X-API-Key": key}).status_code == 200
    listed = client.get("/v1/keys", headers=keys.header("admin")).json()
    assert "key" not in listed[0] and {k["role"] for k in listed} == {"viewer", "analyst", "admin"}
    bad = client.post("/v1/keys", json={"role": "root"}, headers=keys.header("admin"))
    assert bad.status_code == 422 and bad.json()["field"] == "role"
    client.delete(f"/v1/keys/{made.json()['key_id']}", headers=keys.header("admin"))
    assert client.get("/v1/packs", headers={"X-API-Key": key}).status_code == 401


def test_openapi_has_the_routes_and_examples(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    for path in ("/v1/determinations", "/v1/screen", "/v1/packs", "/health"):
        assert path in doc["paths"]
    assert "/v1/packs/{regime}/clauses/{clause_id}" in doc["paths"]
    body = doc["paths"]["/v1/determinations"]["post"]["requestBody"]["content"]
    assert body["application/json"]["examples"]["korean_magnet"]["value"]["shipment"]
    assert "Case" in doc["components"]["schemas"]
    assert doc["components"]["schemas"]["ScreenRequest"]["examples"]
    assert client.get("/health").json()["status"] == "ok"


def test_keys_cli_prints_the_key_once_and_revokes(tmp_path: Path) -> None:
    store = str(tmp_path / "keys.duckdb")
    runner = CliRunner()
    made = runner.invoke(cli_app, ["keys", "create", "--role", "analyst", "--store", store])
    assert made.exit_code == 0, made.output
    key = made.stdout.strip()
    assert key.startswith("lk_")
    listed = runner.invoke(cli_app, ["keys", "list", "--store", store])
    entry = json.loads(listed.stdout.splitlines()[0])
    assert entry["role"] == "analyst" and key not in listed.stdout
    revoked = runner.invoke(cli_app, ["keys", "revoke", entry["key_id"], "--store", store])
    assert revoked.exit_code == 0, revoked.output
    again = runner.invoke(cli_app, ["keys", "revoke", entry["key_id"], "--store", store])
    assert again.exit_code == 2
    bad = runner.invoke(cli_app, ["keys", "create", "--role", "root", "--store", store])
    assert bad.exit_code == 2 and "unknown role" in bad.stderr

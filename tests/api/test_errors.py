"""Every error status of CONTRACT section 9, as RFC 9457 problem documents naming the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from serverkit import Keys, case_json, demo_case

from longarm.api import Settings, create_app
from longarm.store.database import Store
from longarm.store.keys import revoke_key

PROBLEM = "application/problem+json"


def _problem(answer: object, status: int) -> dict[str, object]:
    assert getattr(answer, "status_code") == status  # noqa: B009
    assert getattr(answer, "headers")["content-type"] == PROBLEM  # noqa: B009
    body: dict[str, object] = getattr(answer, "json")()  # noqa: B009
    assert body["status"] == status
    assert str(body["type"]).startswith("urn:longarm:problem:")
    assert body["title"] and body["detail"]
    return body


def test_400_not_json(client: TestClient, keys: Keys) -> None:
    answer = client.post("/v1/determinations", content=b"{as_of: ", headers=keys.header("analyst"))
    assert _problem(answer, 400)["field"] == "body"


def test_422_names_the_field_path(client: TestClient, keys: Keys) -> None:
    case = json.loads(case_json(demo_case(4)))
    case["items"][0]["components"][0]["item"] = "MAG-9"
    answer = client.post(
        "/v1/determinations", content=json.dumps(case), headers=keys.header("analyst")
    )
    body = _problem(answer, 422)
    assert body["field"] == "items[0].components[0].item"
    assert "MAG-9" in str(body["detail"])


def test_422_unknown_field_and_bad_query(client: TestClient, keys: Keys) -> None:
    case = json.loads(case_json(demo_case(1)))
    case["shipment"]["destinaton"] = "US"
    answer = client.post(
        "/v1/determinations", content=json.dumps(case), headers=keys.header("analyst")
    )
    assert _problem(answer, 422)["field"] == "shipment.destinaton"
    answer = client.post(
        "/v1/determinations?as_of=2026-13-01",
        content=json.dumps(case),
        headers=keys.header("analyst"),
    )
    assert _problem(answer, 422)["field"] == "as_of"
    answer = client.post(
        "/v1/determinations?packs=xx",
        content=case_json(demo_case(1)),
        headers=keys.header("analyst"),
    )
    assert _problem(answer, 422)["field"] == "packs"


def test_401_without_with_unknown_and_with_revoked_key(
    client: TestClient, keys: Keys, store_path: Path
) -> None:
    body = case_json(demo_case(1))
    missing = _problem(client.post("/v1/determinations", content=body), 401)
    assert missing["field"] == "X-API-Key"
    assert client.post("/v1/determinations", content=body).headers["www-authenticate"]
    forged = keys.analyst[:-4] + "AAAA"
    _problem(client.post("/v1/determinations", content=body, headers={"X-API-Key": forged}), 401)
    _problem(client.get("/v1/packs", headers={"X-API-Key": "not-a-key"}), 401)
    key_id = keys.analyst.split("_")[1]
    revoked = client.delete(f"/v1/keys/{key_id}", headers=keys.header("admin"))
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    _problem(client.post("/v1/determinations", content=body, headers=keys.header("analyst")), 401)


def test_403_role_may_not(client: TestClient, keys: Keys) -> None:
    body = case_json(demo_case(1))
    answer = client.post("/v1/determinations", content=body, headers=keys.header("viewer"))
    assert "viewer" in str(_problem(answer, 403)["detail"])
    _problem(client.get("/v1/keys", headers=keys.header("analyst")), 403)
    _problem(client.post("/v1/screen", json={"names": [{"name": "x"}]},
                         headers=keys.header("viewer")), 403)  # fmt: skip
    assert client.get("/v1/packs", headers=keys.header("viewer")).status_code == 200


def test_413_too_large(store_path: Path, keys: Keys) -> None:
    small = Settings(store_path=store_path, max_body_bytes=1000)
    with TestClient(create_app(small)) as client:
        body = case_json(demo_case(4))
        assert len(body) > 1000
        answer = client.post("/v1/determinations", content=body, headers=keys.header("analyst"))
        _problem(answer, 413)

        def chunks() -> object:  # no Content-Length: counted as it streams
            yield body.encode()[:800]
            yield body.encode()[800:]

        answer = client.post(
            "/v1/determinations",
            content=chunks(),
            headers=keys.header("analyst"),  # type: ignore[arg-type]
        )
        _problem(answer, 413)


def test_404_and_405_are_problems_too(client: TestClient, keys: Keys) -> None:
    _problem(client.get("/v1/nothing", headers=keys.header("viewer")), 404)
    _problem(client.get("/v1/packs/zz/clauses/x", headers=keys.header("viewer")), 404)
    _problem(client.put("/v1/packs", headers=keys.header("viewer")), 405)


def test_revoked_via_the_store_is_refused(client: TestClient, keys: Keys) -> None:
    # the same store object the server holds: a revocation takes effect on the next request
    svc = client.app.state.services  # type: ignore[attr-defined]
    key_id = keys.viewer.split("_")[1]
    revoke_key(svc.store, key_id, actor="test")
    _problem(client.get("/v1/packs", headers=keys.header("viewer")), 401)


@pytest.mark.parametrize("route", ["/v1/determinations", "/v1/screen"])
def test_errors_never_show_internal_paths(client: TestClient, keys: Keys, route: str) -> None:
    answer = client.post(route, content=b"\xff\xfe", headers=keys.header("analyst"))
    assert answer.status_code in (400, 422)
    assert str(Path(__file__).parents[2]) not in answer.text
    assert "/work" not in answer.text and "site-packages" not in answer.text


def test_secrets_never_in_errors_or_the_store_file(
    client: TestClient, keys: Keys, store_path: Path
) -> None:
    forged = keys.admin + "x"
    answer = client.get("/v1/keys", headers={"X-API-Key": forged})
    assert keys.admin not in answer.text and forged not in answer.text
    listed = client.get("/v1/keys", headers=keys.header("admin")).text
    secret = keys.admin.split("_", 2)[2]
    assert secret not in listed
    client.close()
    with Store.open(store_path) as store:
        dump = json.dumps(store.con.execute("SELECT * FROM api_keys").fetchall())
    assert secret not in dump

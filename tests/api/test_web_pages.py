"""The web pages through the real app: login, determine, the drawn trees, screening decisions,
the timeline. (The same flows in a real browser are in tests/browser.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

from fastapi.testclient import TestClient
from serverkit import Keys, demo_case

from longarm.store.audit import read_audit
from longarm.store.database import Store


def _login(client: TestClient, key: str) -> None:
    answer = client.post("/login", data={"key": key, "next": "/"}, follow_redirects=False)
    assert answer.status_code == 303
    assert "longarm_session" in answer.headers["set-cookie"]
    assert key not in answer.headers["set-cookie"]  # the cookie carries a session, not the key


def test_pages_need_a_login(client: TestClient, keys: Keys) -> None:
    answer = client.get("/determine", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    bad = client.post("/login", data={"key": "lk_nope_nope"}, follow_redirects=False)
    assert bad.status_code == 401 and "Unknown or revoked key" in bad.text
    _login(client, keys.viewer)
    assert client.get("/determine").status_code == 403  # a viewer may read, not determine
    assert client.get("/").status_code == 200


def test_determine_a_demo_and_read_the_page(client: TestClient, keys: Keys) -> None:
    _login(client, keys.analyst)
    answer = client.post("/determine", data={"demo": demo_case(4).name}, follow_redirects=False)
    assert answer.status_code == 303
    page = client.get(answer.headers["location"])
    assert page.status_code == 200
    html = page.text
    assert "DEMO-4" in html and "license required" in html.lower()
    # the BOM is drawn as a tree whose nodes carry their path, and a reason names its path
    assert 'data-path="MACHINE/SPINDLE/MAG-CN"' in html
    paths = [
        json.loads(p.replace("&#34;", '"')) for p in re.findall(r'data-path="(\[.*?\])"', html)
    ]
    assert ["MACHINE", "SPINDLE", "MAG-CN"] in paths
    assert "origin-cn" in html and "origin-us" in html
    assert "Readings of unsettled law" in html  # the alternatives
    report = client.get(answer.headers["location"] + "/report.json")
    assert report.status_code == 200 and json.loads(report.text)["shipment"] == "DEMO-4"


def test_bad_pasted_case_names_the_field(client: TestClient, keys: Keys) -> None:
    _login(client, keys.analyst)
    text = demo_case(1).read_text(encoding="utf-8").replace("destination: US", "destination: XX")
    answer = client.post("/determine", data={"case_text": text})
    assert answer.status_code == 422
    assert "shipment.destination" in answer.text


def test_ownership_chain_is_drawn(client: TestClient, keys: Keys) -> None:
    _login(client, keys.analyst)
    case = Path(__file__).parents[1] / "cases/cn/no61_art2_affiliate_chain_through_affiliate.yaml"
    answer = client.post("/determine", data={"case_text": case.read_text(encoding="utf-8")})
    assert answer.status_code == 200
    html = answer.text
    assert 'data-kind="owners"' in html
    assert 'data-path="EU&lt;HOLD&lt;L1"' in html  # the chain, drawn from the party upward


def test_screen_and_reject_a_hit(client: TestClient, keys: Keys, store_path: Path) -> None:
    _login(client, keys.analyst)
    page = client.get("/screen", params={"name": "中芯国际集成电路制造有限公司", "country": "CN"})
    assert page.status_code == 200 and "Semiconductor Manufacturing" in page.text
    entry = re.search(r'name="entry_id" value="([^"]+)"', page.text)
    listed = re.search(r'name="list_code" value="([^"]+)"', page.text)
    assert entry and listed
    decided = client.post(
        "/screen/decide",
        data={
            "query": "中芯国际集成电路制造有限公司",
            "country": "CN",
            "list_code": listed.group(1),
            "entry_id": entry.group(1),
            "decision": "reject",
            "note": "test",
        },
    )
    assert decided.status_code == 200 and "Rejected: not this party" in decided.text
    client.close()
    with Store.open(store_path) as store:
        actions = [r.action for r in read_audit(store)]
    assert "screening" in actions and "screening_decision" in actions


def test_timeline_lists_pack_dates(client: TestClient, keys: Keys) -> None:
    _login(client, keys.viewer)
    page = client.get("/timeline")
    assert page.status_code == 200
    assert "2026-11-11" in page.text  # the day after No. 70's suspension of No. 61 ends

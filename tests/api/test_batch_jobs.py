"""Batch jobs through the API: the demo extract run and compared between two dates, uploads
confined to their folder, progress and result files."""

from __future__ import annotations

import csv
import io
import time
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from serverkit import Keys

from longarm.store.audit import read_audit
from longarm.store.database import Store

DEMO_TABLES = Path(str(resources.files("longarm") / "demo" / "tables"))


def _wait(client: TestClient, keys: Keys, ident: str) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(
            f"/v1/batch/jobs/{ident}", headers=keys.header("viewer")
        ).json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError("job did not finish")


def test_upload_run_and_download_the_rows(client: TestClient, keys: Keys) -> None:
    files = [("files", (p.name, p.read_bytes(), "text/csv")) for p in DEMO_TABLES.glob("*.csv")]
    made = client.post("/v1/batch/jobs", files=files, data={"kind": "run"},
                       headers=keys.header("analyst"))  # fmt: skip
    assert made.status_code == 202, made.text
    job = _wait(client, keys, made.json()["id"])
    assert job["state"] == "done", job["error"]
    assert job["done"] == job["total"] == 5
    rows = client.get(f"/v1/batch/jobs/{job['id']}/files/lines.csv", headers=keys.header("viewer"))
    table = list(csv.DictReader(io.StringIO(rows.text)))
    assert {r["shipment"] for r in table} == {f"DEMO-{n}" for n in range(1, 6)}
    assert {r["regime"] for r in table} == {"CN", "US"}


def test_impact_between_two_dates_on_the_demo_extract(
    client: TestClient, keys: Keys, store_path: Path
) -> None:
    made = client.post(
        "/v1/batch/jobs",
        data={"kind": "impact", "demo": "true", "from": "2026-11-01", "to": "2026-12-01"},
        headers=keys.header("analyst"),
    )
    assert made.status_code == 202, made.text
    job = _wait(client, keys, made.json()["id"])
    assert job["state"] == "done", job["error"]
    # No. 61's suspension ends on 2026-11-10: the Chinese-content lines need a licence after
    assert job["result"]["changes"] >= 1
    report = client.get(f"/v1/batch/jobs/{job['id']}/files/report.html",
                        headers=keys.header("viewer"))  # fmt: skip
    assert report.status_code == 200 and "cn.2025-61.art1.1" in report.text
    client.close()
    with Store.open(store_path) as store:
        actions = [r.action for r in read_audit(store)]
    assert actions.count("batch_run") == 2 and "import" in actions


def test_uploads_stay_in_their_folder(client: TestClient, keys: Keys, tmp_path: Path) -> None:
    evil = [("files", ("../../../evil.csv", b"x", "text/csv"))]
    answer = client.post("/v1/batch/jobs", files=evil, headers=keys.header("analyst"))
    assert answer.status_code == 422 and answer.json()["field"] == "files[0]"
    assert not list(tmp_path.rglob("evil.csv"))
    sneaky = [("files", ("../../items.csv", b"id\n", "text/csv"))]
    answer = client.post("/v1/batch/jobs", files=sneaky, headers=keys.header("analyst"))
    assert answer.status_code == 202
    written = list(tmp_path.rglob("items.csv"))
    assert [p.parent.name for p in written] == ["tables"]  # inside the job's own folder
    job = _wait(client, keys, answer.json()["id"])
    assert job["state"] == "failed" and "/" not in (job["error"] or "").split(":")[0]
    bad = client.post("/v1/batch/jobs", data={"kind": "impact", "demo": "true", "from": "x"},
                      headers=keys.header("analyst"))  # fmt: skip
    assert bad.status_code == 422 and bad.json()["field"] == "from"
    viewer = client.post("/v1/batch/jobs", data={"demo": "true"}, headers=keys.header("viewer"))
    assert viewer.status_code == 403

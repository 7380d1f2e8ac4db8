"""Reports through the server: `?format=pdf` on a new determination, and stored ones later."""

from __future__ import annotations

import io

from fastapi.testclient import TestClient
from pypdf import PdfReader
from serverkit import Keys, case_json, demo_case


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def test_pdf_of_a_new_determination(client: TestClient, keys: Keys) -> None:
    answer = client.post(
        "/v1/determinations?format=pdf",
        content=case_json(demo_case(4)),
        headers=keys.header("analyst"),
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert "attachment" in answer.headers["content-disposition"]
    text = _text(answer.content)
    assert "DEMO-4" in text and "cn.2025-61.art1.1" in text
    # it was stored and audited like a JSON determination
    stored = client.get(answer.headers["location"], headers=keys.header("viewer")).json()
    assert stored["shipment"] == "DEMO-4"


def test_report_of_a_stored_determination_is_the_one_made(client: TestClient, keys: Keys) -> None:
    made = client.post(
        "/v1/determinations", content=case_json(demo_case(2)), headers=keys.header("analyst")
    )
    where = made.headers["location"]
    html = client.get(where + "?format=html", headers=keys.header("viewer"))
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "DEMO-2" in html.text and "2026-05-01" in html.text
    pdf = client.get(where + "?format=pdf", headers=keys.header("viewer"))
    assert "DEMO-2" in _text(pdf.content)
    bad = client.get(where + "?format=docx", headers=keys.header("viewer"))
    assert bad.status_code == 422 and bad.json()["field"] == "format"

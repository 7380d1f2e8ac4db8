"""What a newcomer does in the web app, in a real browser: log in with a key, upload the demo
case, open the determination, follow a highlighted path, screen a Chinese name and reject a
hit, run a batch on the demo tables and open its impact report, download the PDF report and
read its text."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from serverkit import Server, demo_case

TIMEOUT_MS = 60_000  # the first screening builds the index (several seconds on a busy machine)


@pytest.fixture(scope="module")
def page(server: Server, browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1360, "height": 1000}, accept_downloads=True)
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT_MS)
    opened.goto(server.url + "/")
    assert "/login" in opened.url
    opened.fill("#key", server.key)
    opened.click("button[type=submit]")
    opened.wait_for_selector("text=Recent determinations")
    yield opened
    context.close()


def test_upload_the_demo_case_and_follow_a_path(page: Any, server: Server) -> None:
    page.goto(server.url + "/determine")
    page.set_input_files("#case_file", str(demo_case(4)))
    page.click("#determine")
    page.wait_for_selector("#overall")
    assert "/determinations/d-" in page.url
    assert page.inner_text("#shipment-id") == "DEMO-4"
    assert "license required" in page.inner_text("#regime-CN").lower()
    reason = page.locator('button.reason[data-rule="cn.2025-61.art1.1"]').first
    reason.click()
    end = page.locator("#tree-0 .node.hl-end > .nodebox")
    assert end.count() == 1
    assert "MAG-CN" in end.inner_text()
    on_path = page.locator("#tree-0 .node.hl > .nodebox .nid").all_inner_texts()
    assert on_path == ["MACHINE", "SPINDLE"]
    # another reason moves the highlight: the US de minimis reason ends at US-origin content
    page.locator('button.reason[data-rule="us.ear-734.4.d"]').first.click()
    assert "MAG-CN" not in page.locator("#tree-0 .node.hl-end").inner_text()
    assert page.locator("button.reason.selected").count() == 1


def test_screen_a_chinese_name_and_reject_a_hit(page: Any, server: Server) -> None:
    page.goto(server.url + "/screen")
    page.fill("#name", "中芯国际集成电路制造有限公司")
    page.fill("#country", "CN")
    page.click("#screen-button")
    page.wait_for_selector("article.hit")
    first = page.locator("article.hit").first
    name = first.locator(".hitname").inner_text()
    assert first.locator("table.features tbody tr").count() >= 2  # the evidence, per feature
    first.locator("input[name=note]").fill("different company")
    first.locator("button.reject").click()
    page.wait_for_selector("article.hit.decided-reject")
    rejected = page.locator("article.hit.decided-reject").first
    assert rejected.locator(".hitname").inner_text() == name
    assert "Rejected: not this party" in rejected.inner_text()


def test_download_the_pdf_report(page: Any, server: Server, tmp_path: Path) -> None:
    page.goto(server.url + "/")
    page.locator("table.list a", has_text="DEMO-4").first.click()
    page.wait_for_selector("#download-pdf")
    with page.expect_download() as info:
        page.click("#download-pdf")
    saved = tmp_path / "report.pdf"
    info.value.save_as(saved)
    reader = PdfReader(io.BytesIO(saved.read_bytes()))
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    assert "DEMO-4" in text
    assert "cn.2025-61.art1.1" in text
    assert "MOFCOM Announcement 2025 No. 61" in text


def test_run_a_batch_on_the_demo_tables_and_open_the_impact_report(
    page: Any, server: Server
) -> None:
    page.goto(server.url + "/batch")
    page.check("#demo")
    page.check("#kind-impact")
    page.fill("#from_date", "2026-11-01")
    page.fill("#to_date", "2026-12-01")
    page.click("#start-batch")
    page.wait_for_selector("#impact-report")  # the page follows the job until it is done
    assert "done" in page.inner_text("#job-state")
    with page.context.expect_page() as opened:
        page.click("#impact-report")
    report = opened.value
    report.wait_for_load_state()
    assert "cn.2025-61.art1.1" in report.content()
    report.close()

"""The PDF report: its text, read back with pypdf, carries what a person files."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from longarm.domain.case import Case
from longarm.domain.determination import Determination
from longarm.report.determination import render_report_pdf


@pytest.fixture(scope="module")
def pdf(showcase: tuple[Determination, Case]) -> bytes:
    determination, case = showcase
    return render_report_pdf(determination, case)


def _text(pdf: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(pdf))
    pages = [page.extract_text() for page in reader.pages]
    # Table cells wrap names and details over lines; compare with whitespace removed.
    return "".join("".join(pages).split()), len(pages)


def _squash(text: str) -> str:
    return "".join(text.split())


def test_pdf_carries_reasons_citations_missing_facts_and_sign_off(
    pdf: bytes, showcase: tuple[Determination, Case]
) -> None:
    determination, _ = showcase
    assert pdf.startswith(b"%PDF-")
    text, pages = _text(pdf)
    assert pages >= 2
    for line in determination.lines:
        for result in line.regimes.values():
            for reason in result.reasons:
                assert _squash(reason.rule) in text
                assert _squash(reason.citation) in text
                assert _squash(reason.detail) in text
                for fact in reason.missing:
                    assert _squash(fact) in text
    for label in ("Sign-off", "Preparedby", "Reviewedby", "Decision", "Licenceorreferenceno."):
        assert label.casefold() in text.casefold()  # labels may be set in capitals
    for pack in determination.packs:
        assert pack.sha256 in text
    assert f"Page1of{pages}" in text


def test_chinese_names_render(pdf: bytes) -> None:
    text, _ = _text(pdf)
    for name in ("深圳市前海精密机械有限公司", "中芯国际集成电路制造有限公司", "氧化铽"):
        assert name in text

"""Determination reports (PDF, HTML) from the `longarm.report` module.

A report of a stored determination is built from what was stored (`longarm.api.stored`), so
a report downloaded later is the determination made then.
"""

from __future__ import annotations

import logging

from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from longarm.api.history import SavedDetermination
from longarm.api.problems import ApiError
from longarm.api.stored import stored_case, stored_determination
from longarm.domain.case import Case
from longarm.domain.determination import Determination

MEDIA = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}

log = logging.getLogger("longarm.api")


def render_report(determination: Determination, case: Case, fmt: str) -> bytes:
    """The filed report of a determination as PDF or HTML bytes."""
    from longarm.report.determination import (
        ReportError,
        render_report_html,
        render_report_pdf,
    )

    try:
        if fmt == "pdf":
            return render_report_pdf(determination, case)
        return render_report_html(determination, case).encode("utf-8")
    except ReportError as exc:
        log.error("report: %s", exc)
        raise ApiError(
            503, f"{fmt} reports are unavailable on this server", field="format"
        ) from exc


def stored_report(row: SavedDetermination, fmt: str) -> bytes:
    """The report of a stored determination."""
    return render_report(stored_determination(row), stored_case(row), fmt)


async def report_response(
    determination: Determination, case: Case, fmt: str, headers: dict[str, str]
) -> Response:
    """An HTTP answer carrying the report, named for download."""
    content = await run_in_threadpool(render_report, determination, case, fmt)
    return _attachment(content, determination.shipment, fmt, headers)


async def stored_report_response(row: SavedDetermination, fmt: str) -> Response:
    content = await run_in_threadpool(stored_report, row, fmt)
    return _attachment(content, row.shipment, fmt, {})


def _attachment(content: bytes, shipment: str, fmt: str, headers: dict[str, str]) -> Response:
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in shipment)[:80]
    disposition = f'attachment; filename="longarm-{safe}.{fmt}"'
    return Response(
        content, media_type=MEDIA[fmt], headers={**headers, "Content-Disposition": disposition}
    )

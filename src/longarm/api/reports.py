"""Determination reports (PDF, HTML) from the `longarm.report` module, when installed.

The report is built from the determination's contract JSON, as stored, so a report downloaded
later is the determination made then. Without the report module the server says so (501)
rather than answering something else.
"""

from __future__ import annotations

import json
from importlib import import_module
from typing import Any

from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from longarm.api.problems import ApiError

MEDIA = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}


def _renderer(fmt: str) -> Any:
    try:
        module = import_module("longarm.report.determination")
    except ImportError:
        return None
    return getattr(module, f"render_{fmt}", None)


def render_report(result_json: str, fmt: str) -> bytes:
    """The report of a determination (its contract JSON) as PDF or HTML bytes."""
    render = _renderer(fmt)
    if render is None:
        raise ApiError(501, f"{fmt} reports are not available in this installation", field="format")
    out = render(json.loads(result_json))
    return out.encode("utf-8") if isinstance(out, str) else bytes(out)


async def report_response(result_json: str, fmt: str, headers: dict[str, str]) -> Response:
    """An HTTP answer carrying the report, named for download."""
    content = await run_in_threadpool(render_report, result_json, fmt)
    shipment = str(json.loads(result_json).get("shipment", "determination"))
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in shipment)[:80]
    disposition = f'attachment; filename="longarm-{safe}.{fmt}"'
    return Response(
        content, media_type=MEDIA[fmt], headers={**headers, "Content-Disposition": disposition}
    )


def report_available(fmt: str) -> bool:
    """Whether this installation can render reports in `fmt`."""
    return _renderer(fmt) is not None

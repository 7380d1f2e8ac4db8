"""Batch jobs: upload ERP tables (or use the demo extract), run them or compare two dates or
two option settings, follow the progress, download the results and the impact report."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import FileResponse

from longarm.api.auth import needs, services
from longarm.api.jobs import RESULT_FILES, Job, copy_demo_tables, save_uploads
from longarm.api.problems import ApiError
from longarm.api.routes.determinations import ERRORS
from longarm.api.services import Caller, Services
from longarm.store.keys import Role

router = APIRouter(prefix="/v1/batch", tags=["batch"])

MEDIA = {
    "lines.csv": "text/csv",
    "changes.csv": "text/csv",
    "lines.parquet": "application/vnd.apache.parquet",
    "report.html": "text/html; charset=utf-8",
}


async def create_job(
    svc: Services,
    caller: Caller,
    *,
    kind: str,
    files: list[UploadFile],
    demo: bool,
    as_of: str,
    from_date: str,
    to_date: str,
    from_options: str,
    to_options: str,
) -> Job:
    """Validate the form, save the tables and queue the job (shared by API and pages)."""
    if kind not in ("run", "impact"):
        raise ApiError(422, f"unknown kind {kind!r}; expected run or impact", field="kind")
    job = svc.jobs.new_job(kind, caller.actor)
    job.as_of = _date(as_of, "as_of")
    if kind == "impact":
        job.from_date, job.to_date = _date(from_date, "from"), _date(to_date, "to")
        job.from_options = _options(from_options, "from_options")
        job.to_options = _options(to_options, "to_options")
        if (job.from_date, job.from_options) == (job.to_date, job.to_options):
            raise ApiError(422, "the two sides are the same: give two dates or options", field="to")
    uploads = [(f.filename or "", await f.read()) for f in files if f.filename]
    if demo:
        copy_demo_tables(job.folder)
    else:
        save_uploads(job.folder, uploads)
    return svc.jobs.submit(job)


@router.post("/jobs", summary="Start a batch job", status_code=202, responses=ERRORS)
async def post_job(
    request: Request,
    caller: Annotated[Caller, Depends(needs(Role.ANALYST))],
    files: Annotated[list[UploadFile], File(description="Tables of CONTRACT section 8")] = [],  # noqa: B006
    kind: Annotated[str, Form(description="run, or impact (two dates or options)")] = "run",
    demo: Annotated[bool, Form(description="Use the bundled demo extract")] = False,
    as_of: Annotated[str, Form(description="run: override every shipment's date")] = "",
    from_date: Annotated[str, Form(alias="from")] = "",
    to_date: Annotated[str, Form(alias="to")] = "",
    from_options: Annotated[str, Form(description='JSON, e.g. {"x": true}')] = "",
    to_options: Annotated[str, Form()] = "",
) -> dict[str, Any]:
    """Upload tables (multipart) and queue a run or an impact comparison; poll its status."""
    svc = services(request)
    job = await create_job(
        svc, caller, kind=kind, files=files, demo=demo, as_of=as_of, from_date=from_date,
        to_date=to_date, from_options=from_options, to_options=to_options,
    )  # fmt: skip
    return job.to_json(0)


@router.get("/jobs", summary="Batch jobs of this server", responses=ERRORS)
def list_jobs(
    request: Request, caller: Annotated[Caller, Depends(needs(Role.VIEWER))]
) -> list[dict[str, Any]]:
    runner = services(request).jobs
    return [j.to_json(runner.progress(j)) for j in reversed(list(runner.jobs.values()))]


@router.get("/jobs/{ident}", summary="A job's status and progress", responses=ERRORS)
def get_job(
    ident: str, request: Request, caller: Annotated[Caller, Depends(needs(Role.VIEWER))]
) -> dict[str, Any]:
    runner = services(request).jobs
    job = _job(request, ident)
    return job.to_json(runner.progress(job))


@router.get("/jobs/{ident}/files/{name}", summary="A result file", responses=ERRORS)
def get_job_file(
    ident: str, name: str, request: Request, caller: Annotated[Caller, Depends(needs(Role.VIEWER))]
) -> FileResponse:
    """`lines.csv`, `lines.parquet` (a run), `changes.csv` or `report.html` (an impact)."""
    job = _job(request, ident)
    if name not in RESULT_FILES or not (job.out / name).is_file():
        raise ApiError(404, f"job {ident} has no file {name!r}", field="name")
    inline = "inline" if name.endswith(".html") else "attachment"  # a report opens in the browser
    return FileResponse(
        job.out / name,
        media_type=MEDIA[name],
        filename=f"{ident}-{name}",
        content_disposition_type=inline,
    )


def _job(request: Request, ident: str) -> Job:
    job = services(request).jobs.jobs.get(ident)
    if job is None:
        raise ApiError(404, f"no batch job {ident!r}", field="id")
    return job


def _date(text: str, field: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise ApiError(422, f"not a date (YYYY-MM-DD): {text!r}", field=field) from exc


def _options(text: str, field: str) -> dict[str, bool]:
    from longarm.options import OPTIONS

    if not text.strip():
        return {}
    try:
        raw = json.loads(text)
    except ValueError as exc:
        raise ApiError(422, "options must be a JSON object of true/false", field=field) from exc
    if not isinstance(raw, dict) or not all(isinstance(v, bool) for v in raw.values()):
        raise ApiError(422, "options must be a JSON object of true/false", field=field)
    for name in raw:
        if name not in OPTIONS:
            raise ApiError(422, f"unknown option {name!r}", field=f"{field}.{name}")
    return {str(k): bool(v) for k, v in raw.items()}

"""Upload an ERP extract (or use the demo one), follow the batch job, open its impact report."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from longarm.api.auth import services
from longarm.api.problems import ApiError
from longarm.api.routes.batch import create_job, get_job_file
from longarm.store.keys import Role
from longarm.web.templating import page_caller, render

router = APIRouter(include_in_schema=False)


@router.get("/batch")
def batch_page(request: Request) -> HTMLResponse:
    caller = page_caller(request, Role.ANALYST)
    runner = services(request).jobs
    jobs = [j.to_json(runner.progress(j)) for j in reversed(list(runner.jobs.values()))]
    return render(request, "batch.html", {"jobs": jobs, "error": None}, caller)


@router.post("/batch", response_model=None)
async def start_batch(
    request: Request,
    files: Annotated[list[UploadFile], File()] = [],  # noqa: B006
    kind: Annotated[str, Form()] = "run",
    demo: Annotated[str, Form()] = "",
    as_of: Annotated[str, Form()] = "",
    from_date: Annotated[str, Form()] = "",
    to_date: Annotated[str, Form()] = "",
) -> Response:
    caller = page_caller(request, Role.ANALYST)
    svc = services(request)
    try:
        job = await create_job(
            svc, caller, kind=kind, files=files, demo=bool(demo), as_of=as_of,
            from_date=from_date, to_date=to_date, from_options="", to_options="",
        )  # fmt: skip
    except ApiError as exc:
        jobs = [j.to_json(svc.jobs.progress(j)) for j in svc.jobs.jobs.values()]
        error = {"field": exc.field or "files", "reason": exc.detail}
        return render(request, "batch.html", {"jobs": jobs, "error": error}, caller, 422)
    return RedirectResponse(f"/batch/jobs/{job.id}", status_code=303)


@router.get("/batch/jobs/{ident}")
def job_page(ident: str, request: Request) -> HTMLResponse:
    caller = page_caller(request)
    runner = services(request).jobs
    job = runner.jobs.get(ident)
    if job is None:
        return render(request, "missing.html", {"what": f"batch job {ident}"}, caller, 404)
    return render(request, "batch_job.html", {"job": job.to_json(runner.progress(job))}, caller)


@router.get("/batch/jobs/{ident}/files/{name}")
def job_file(ident: str, name: str, request: Request) -> FileResponse:
    caller = page_caller(request)
    return get_job_file(ident, name, request, caller)

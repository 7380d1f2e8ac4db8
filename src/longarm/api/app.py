"""`create_app(settings)`: the FastAPI app of CONTRACT section 9, with the web pages mounted.

Everything the routes share (store, packs, screening index, sessions) is opened here once per
process and closed when the app shuts down.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic.json_schema import models_json_schema

from longarm.api.limits import BodyLimit
from longarm.api.problems import install_problem_handlers
from longarm.api.routes import batch, determinations, health, keys, packs, screening
from longarm.api.services import Services
from longarm.api.settings import Settings
from longarm.domain.case import Case
from longarm.web.pages import mount_web

UPLOAD_PREFIXES = ("/v1/batch", "/batch")
"""Routes that take uploaded tables, and so the larger upload limit."""


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app, with its store, packs and settings; `Settings.from_env()` by default."""
    chosen = settings or Settings.from_env()
    svc = Services(chosen)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if chosen.preload_screener:
            from fastapi.concurrency import run_in_threadpool

            await run_in_threadpool(svc.screener)
        yield
        svc.close()

    app = FastAPI(
        title="longarm",
        version="0.1.0",
        summary="Export-control determinations under PRC and US law, explained and cited.",
        description=(
            "Every route but `GET /health` needs an `X-API-Key` header "
            "(`longarm keys create --role viewer|analyst|admin`). Errors are RFC 9457 "
            "`application/problem+json` documents naming the field."
        ),
        lifespan=lifespan,
    )
    app.state.services = svc
    app.state.settings = chosen
    install_problem_handlers(app)

    def limit_for(path: str) -> int:
        if path.startswith(UPLOAD_PREFIXES):
            return chosen.max_upload_bytes
        return chosen.max_body_bytes

    app.add_middleware(BodyLimit, limit_for=limit_for)
    for router in (health.router, determinations.router, screening.router, packs.router):
        app.include_router(router)
    app.include_router(keys.router)
    app.include_router(batch.router)
    mount_web(app)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    doc = get_openapi(
        title=app.title,
        version=app.version,
        summary=app.summary,
        description=app.description,
        routes=app.routes,
    )
    _, defs = models_json_schema(
        [(Case, "validation")], ref_template="#/components/schemas/{model}"
    )
    doc.setdefault("components", {}).setdefault("schemas", {}).update(defs.get("$defs", {}))
    app.openapi_schema = doc
    return doc

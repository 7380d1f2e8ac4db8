"""`GET /health`: the one route without a key (load balancers and `longarm demo` call it)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from longarm.api.auth import services
from longarm.api.models import Health

router = APIRouter(tags=["health"])


@router.get("/health", summary="Is the server up")
def health(request: Request) -> Health:
    return Health(packs={r: p.manifest.version for r, p in services(request).packs.items()})

"""Key management for admins: list, create (the key is shown once), revoke."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from longarm.api.auth import needs, services
from longarm.api.models import KeyCreated, KeyRequest
from longarm.api.problems import ApiError
from longarm.api.routes.determinations import ERRORS
from longarm.api.services import Caller
from longarm.store.keys import Role, create_key, get_key, list_keys, revoke_key

router = APIRouter(prefix="/v1/keys", tags=["keys"])


@router.get("", summary="Every key (never its secret)", responses=ERRORS)
def get_keys(
    request: Request, caller: Annotated[Caller, Depends(needs(Role.ADMIN))]
) -> list[dict[str, Any]]:
    return [k.to_json() for k in list_keys(services(request).store)]


@router.post("", summary="Make a key", status_code=201, responses=ERRORS)
def post_key(
    body: KeyRequest, request: Request, caller: Annotated[Caller, Depends(needs(Role.ADMIN))]
) -> KeyCreated:
    """Make a key with a role; the answer is the only time the key is shown."""
    key, text = create_key(
        services(request).store, Role(body.role), actor=caller.actor, label=body.label
    )
    return KeyCreated(key_id=key.key_id, role=key.role.value, label=key.label, key=text)


@router.delete("/{key_id}", summary="Revoke a key", responses=ERRORS)
def delete_key(
    key_id: str, request: Request, caller: Annotated[Caller, Depends(needs(Role.ADMIN))]
) -> dict[str, Any]:
    store = services(request).store
    if get_key(store, key_id) is None:
        raise ApiError(404, f"no key {key_id!r}", field="key_id")
    revoked = revoke_key(store, key_id, actor=caller.actor).to_json()
    services(request).forget_keys()
    return revoked

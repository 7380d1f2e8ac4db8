"""`longarm keys create|list|revoke`: API keys with roles, stored hashed in the store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from longarm.errors import LongarmError

app = typer.Typer(help="API keys for the server: create, list, revoke.", no_args_is_help=True)

_STORE = typer.Option("--store", help="Store file (default $LONGARM_STORE or the data folder).")


@app.command()
def create(
    role: Annotated[str, typer.Option("--role", help="viewer, analyst or admin")],
    label: Annotated[str, typer.Option("--label", help="What the key is for")] = "",
    store: Annotated[Path | None, _STORE] = None,
) -> None:
    """Make a key and print it once: it cannot be shown again."""
    from longarm.store.audit import cli_actor
    from longarm.store.database import Store
    from longarm.store.keys import create_key, parse_role

    try:
        chosen = parse_role(role)
        with Store.open(store) as opened:
            key, text = create_key(opened, chosen, actor=cli_actor(), label=label)
    except LongarmError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(text)
    typer.echo(
        f"key id {key.key_id}, role {key.role.value}: store the key now; it is not shown again",
        err=True,
    )


@app.command("list")
def list_cmd(store: Annotated[Path | None, _STORE] = None) -> None:
    """One JSON line per key (id, role, label, dates; never the secret)."""
    from longarm.store.database import Store
    from longarm.store.keys import list_keys

    try:
        with Store.open(store) as opened:
            keys = list_keys(opened)
    except LongarmError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    for key in keys:
        typer.echo(json.dumps(key.to_json(), sort_keys=True))


@app.command()
def revoke(
    key_id: Annotated[str, typer.Argument(help="The key id (`longarm keys list`)")],
    store: Annotated[Path | None, _STORE] = None,
) -> None:
    """Revoke a key for good; requests with it are refused from now on."""
    from longarm.store.audit import cli_actor
    from longarm.store.database import Store
    from longarm.store.keys import revoke_key

    try:
        with Store.open(store) as opened:
            key = revoke_key(opened, key_id, actor=cli_actor())
    except LongarmError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"revoked key {key.key_id} ({key.role.value}) at {key.revoked_at}")

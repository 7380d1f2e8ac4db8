"""`longarm serve`: the REST API and the web pages on the embedded store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from longarm.errors import LongarmError


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    store: Annotated[
        Path | None, typer.Option("--store", help="Store file (default $LONGARM_STORE).")
    ] = None,
    preload_screener: Annotated[
        bool, typer.Option(help="Build the screening index at start-up (about 5 s).")
    ] = True,
) -> None:
    """Serve the API (`/openapi.json`) and the web pages until interrupted."""
    import uvicorn

    from longarm.api import Settings, create_app

    try:
        app = create_app(Settings.from_env(store_path=store, preload_screener=preload_screener))
    except LongarmError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"longarm: serving on http://{host}:{port}/  (API docs at /docs)", err=True)
    # The access log shows method, path and status only: keys travel in a header, never in it.
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=True)

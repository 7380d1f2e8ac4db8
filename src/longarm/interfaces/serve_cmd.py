"""`longarm serve`: the REST API and the web pages on the embedded store."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from longarm.errors import LongarmError

DEMO_STORE = "demo.duckdb"
"""File name of the demo store `longarm demo` writes beside its determinations."""


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
    run_server(host, port, store, preload_screener=preload_screener)


def run_server(host: str, port: int, store: Path | None, *, preload_screener: bool) -> None:
    """Open the store and packs once, then serve until interrupted."""
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


@dataclass(frozen=True)
class DemoStore:
    """What `longarm demo` made for the web app: a store with the demo determinations, a key."""

    path: Path
    key: str
    determinations: int


def prepare_demo_store(folder: Path) -> DemoStore:
    """A fresh demo store in `folder`: every bundled demo case determined into it (audited as
    the demo key) and an admin key to log in with, printed once by `longarm demo`."""
    from longarm.api.services import Caller, Services
    from longarm.api.settings import Settings
    from longarm.interfaces.casefiles import demo_cases
    from longarm.store.keys import Role, create_key

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DEMO_STORE
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)  # the demo store is ours: start it afresh each run
    services = Services(Settings(store_path=path))
    try:
        key, text = create_key(services.store, Role.ADMIN, actor="demo", label="demo key")
        caller = Caller(key.key_id, key.role)
        cases = demo_cases()
        for case in cases:
            services.determine_text(case.read_text(encoding="utf-8"), caller, as_json=False)
    finally:
        services.close()
    return DemoStore(path, text, len(cases))


def demo_instructions(demo: DemoStore, host: str = "127.0.0.1", port: int = 8000) -> str:
    """What the newcomer opens next."""
    return (
        f"\n== web app: {demo.determinations} demo determinations are in {demo.path}\n"
        f"   start it:  longarm serve --store {demo.path}   (or: longarm demo --serve)\n"
        f"   open:      http://{host}:{port}/\n"
        f"   log in with the demo key (admin; shown once, keep it):\n   {demo.key}\n"
    )

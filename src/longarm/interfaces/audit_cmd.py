"""`longarm audit verify|export`: prove the audit log is intact, hand it to an auditor."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from longarm.errors import LongarmError

app = typer.Typer(help="The hash-chained audit log of the store.", no_args_is_help=True)

StoreOption = Annotated[
    Path | None, typer.Option("--store", help="Store file (default $LONGARM_STORE or user data).")
]


@app.command()
def verify(store: StoreOption = None) -> None:
    """Exit 0 if the log is intact; exit 1 naming the first edited, deleted or moved record."""
    from longarm.store.audit import verify_audit
    from longarm.store.database import Store

    try:
        with Store.open(store) as opened:
            verdict = verify_audit(opened)
    except LongarmError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if verdict.intact:
        typer.echo(f"audit log intact: {verdict.records} records")
        return
    typer.echo(f"audit log NOT intact: {verdict.reason} (record {verdict.first_bad_seq})")
    raise typer.Exit(1)


@app.command("export")
def export(
    out: Annotated[Path, typer.Option("--out", help="JSON Lines file to write.")],
    store: StoreOption = None,
) -> None:
    """Write every record and the verification verdict as JSON Lines."""
    from longarm.store.audit import export_audit
    from longarm.store.database import Store

    try:
        with Store.open(store) as opened:
            verdict = export_audit(opened, out)
    except LongarmError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    state = "intact" if verdict.intact else f"NOT intact: {verdict.reason}"
    typer.echo(f"wrote {verdict.records} records to {out} ({state})")

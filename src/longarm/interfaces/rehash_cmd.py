"""`longarm packs rehash`: write a pack's `SHA256SUMS` after editing it on purpose."""

from __future__ import annotations

from typing import Annotated

import typer

from longarm.errors import LongarmError
from longarm.rulebook.integrity import write_sums
from longarm.rulebook.loader import MANIFEST, load_pack, packs_root


def register(app: typer.Typer) -> None:
    app.command("rehash")(rehash)


def rehash(
    regimes: Annotated[
        list[str] | None, typer.Argument(help="Regimes to rehash (default: every pack).")
    ] = None,
) -> None:
    """Write SHA256SUMS for packs under LONGARM_PACKS (or the bundled ones), then validate."""
    root = packs_root()
    names = (
        [r.lower() for r in regimes]
        if regimes
        else sorted(p.name for p in root.iterdir() if (p / MANIFEST).is_file())
    )
    for name in names:
        folder = root / name
        if not (folder / MANIFEST).is_file():
            typer.echo(f"error: {folder}: no {MANIFEST}; not a law pack", err=True)
            raise typer.Exit(2)
        target = write_sums(folder)
        load_pack.cache_clear()
        try:
            pack = load_pack(name.upper())
        except LongarmError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        typer.echo(f"{name.upper()}: wrote {target}; {pack.manifest.version} validates")

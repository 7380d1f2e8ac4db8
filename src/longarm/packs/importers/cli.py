"""The `import-ecfr` command (registered under `longarm packs` by `longarm.cli`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from longarm.errors import InputError
from longarm.packs.importers.ecfr import DEFAULT_OUT_DIR, rebuild


def register(app: typer.Typer) -> None:
    """Add `import-ecfr` to the given Typer app."""

    @app.command("import-ecfr")
    def import_ecfr(
        from_dir: Annotated[
            Path,
            typer.Option(
                "--from",
                help="Folder with the ear_part738/740/774_*.json eCFR extracts.",
                exists=True,
                file_okay=False,
                dir_okay=True,
            ),
        ],
        out_dir: Annotated[
            Path,
            typer.Option("--out", help="Folder to write the US pack tables to."),
        ] = DEFAULT_OUT_DIR,
    ) -> None:
        """Rebuild the US pack tables (Country Chart, Country Groups, CCL) from eCFR extracts."""
        try:
            written = rebuild(from_dir, out_dir)
        except InputError as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(2) from error
        for path in written:
            typer.echo(str(path))

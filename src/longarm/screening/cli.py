"""The `longarm screen` command (registered on the main Typer app by `longarm.cli`).

Thin: parse arguments, read the CSV, call the screener, serialise. Bad input exits 2 with a
message naming the file, the row and the field.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from longarm.errors import InputError
from longarm.screening.api import Screener, load_default_screener
from longarm.screening.model import Query, ScreenResult
from longarm.screening.store import DuckDBStore, store_path

_FILE_COLUMNS = ("id", "name")


def read_queries(path: Path) -> list[Query]:
    """Read `id,name[,country]` rows; raise `InputError` naming file, row and field."""
    if not path.is_file():
        raise InputError(str(path), "", "no such file")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header = [h.strip() for h in reader.fieldnames or []]
        missing = [c for c in _FILE_COLUMNS if c not in header]
        if missing:
            raise InputError(str(path), "header", f"missing column(s) {', '.join(missing)}")
        queries = []
        for n, row in enumerate(reader, start=2):
            row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
            if not row.get("name"):
                raise InputError(str(path), f"row {n}: name", "empty name")
            country = row.get("country") or None
            if country is not None and (len(country) != 2 or not country.isalpha()):
                raise InputError(str(path), f"row {n}: country", f"{country!r} is not ISO alpha-2")
            queries.append(
                Query(row["name"], country.upper() if country else None, row.get("id") or None)
            )
    return queries


def _screener(as_of: date | None, user: str | None, store: Path | None) -> Screener:
    path = store_path(store)
    if path.exists():
        with_store = DuckDBStore(path)
        try:
            if with_store.snapshots():
                return Screener.from_store(with_store, as_of, user)
        finally:
            with_store.close()
    return load_default_screener()


def _table(result: ScreenResult) -> Table:
    table = Table(title=f"Screening: {result.query.name}")
    for col in ("list", "entry", "matched name", "score", "evidence"):
        table.add_column(col)
    for hit in result.hits:
        evidence = "; ".join(f"{k}: {v.detail}" for k, v in sorted(hit.features.items()))
        table.add_row(hit.list_code, hit.name, hit.matched_name, f"{hit.score:.2f}", evidence)
    return table


def _stream(screener: Screener, queries: list[Query], lists: list[str] | None,
            threshold: float | None) -> Iterator[ScreenResult]:  # fmt: skip
    progress = Progress(
        TextColumn("screening"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True),
    )  # fmt: skip
    with progress:
        task = progress.add_task("screen", total=len(queries))
        for result in screener.screen_many(queries, lists, threshold):
            progress.advance(task)
            yield result


def register(app: typer.Typer) -> None:
    """Add the screening commands to the main CLI."""

    @app.command("screen")
    def screen(
        name: Annotated[str | None, typer.Argument(help="Name to screen")] = None,
        country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-2")] = None,
        lists: Annotated[str | None, typer.Option(help="Comma-separated list codes")] = None,
        threshold: Annotated[float | None, typer.Option(min=0.0, max=1.0)] = None,
        fmt: Annotated[str, typer.Option("--format", help="json, table or jsonl")] = "json",
        file: Annotated[Path | None, typer.Option("--file", help="CSV: id,name,country")] = None,
        as_of: Annotated[
            str | None, typer.Option(help="Use list snapshots as of YYYY-MM-DD")
        ] = None,
        user: Annotated[str | None, typer.Option(help="Apply this user's whitelist")] = None,
        store: Annotated[
            Path | None, typer.Option(help="DuckDB store (default $LONGARM_STORE)")
        ] = None,
    ) -> None:
        """Screen a name, or a CSV of names, against the restricted-party lists."""
        try:
            if (name is None) == (file is None):
                raise InputError("screen", "NAME/--file", "give a name or --file, not both")
            if fmt not in ("json", "table", "jsonl"):
                raise InputError("screen", "--format", f"unknown format {fmt!r}")
            when = date.fromisoformat(as_of) if as_of else None
            wanted = [c.strip() for c in lists.split(",") if c.strip()] if lists else None
            queries = read_queries(file) if file else []
        except ValueError as exc:
            typer.echo(f"screen: --as-of: {exc}", err=True)
            raise typer.Exit(2) from exc
        except InputError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from exc
        screener = _screener(when, user, store)
        if name is not None:
            result = screener.screen_name(
                name, country.upper() if country else None, wanted, threshold
            )
            if fmt == "table":
                Console().print(_table(result))
            else:
                typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True))
            return
        out = sys.stdout
        for result in _stream(screener, queries, wanted, threshold):
            if fmt == "table":
                Console().print(_table(result))
            else:
                out.write(json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")

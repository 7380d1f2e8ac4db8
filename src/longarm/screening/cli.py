"""The `longarm screen` command (registered on the main Typer app by `longarm.cli`).

Thin: parse arguments, read the CSV, call the screener, serialise. Bad input exits 2 with a
message naming the file, the row and the field.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from longarm.errors import InputError

if TYPE_CHECKING:  # the screening stack is imported by the commands that run it
    from rich.table import Table

    from longarm.screening.api import Screener
    from longarm.screening.model import ListSnapshot, Query, ScreenResult

_FILE_COLUMNS = ("id", "name")


def read_queries(path: Path) -> list[Query]:
    """Read `id,name[,country]` rows; raise `InputError` naming file, row and field."""
    from longarm.screening.model import Query

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
    from longarm.screening.api import Screener, load_default_screener
    from longarm.screening.store import DuckDBStore, store_path

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
    from rich.table import Table

    table = Table(title=f"Screening: {result.query.name}")
    for col in ("list", "entry", "matched name", "score", "evidence"):
        table.add_column(col)
    for hit in result.hits:
        evidence = "; ".join(f"{k}: {v.detail}" for k, v in sorted(hit.features.items()))
        table.add_row(hit.list_code, hit.name, hit.matched_name, f"{hit.score:.2f}", evidence)
    return table


def _stream(screener: Screener, queries: list[Query], lists: list[str] | None,
            threshold: float | None, workers: int) -> Iterator[ScreenResult]:  # fmt: skip
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )  # fmt: skip

    # Refreshed by hand, not by rich's thread: worker processes are forked from this one,
    # which is safer with no other thread running.
    progress = Progress(
        TextColumn("screening"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), auto_refresh=False,
    )  # fmt: skip
    with progress:
        task = progress.add_task("screen", total=len(queries))
        shown = time.monotonic()
        for result in screener.screen_many(queries, lists, threshold, processes=workers):
            progress.advance(task)
            if time.monotonic() - shown >= 0.1:
                progress.refresh()
                shown = time.monotonic()
            yield result
        progress.refresh()


SOURCES = ("csl", "ofac", "dpl", "opensanctions")
"""List sources `longarm screen import` reads."""

ADMIN_COMMANDS = ("import", "whitelist")
"""First words of `longarm screen` that are commands, not names (screen such a name with
`--file`)."""


def load_list_file(source: str, path: Path, as_of: date) -> ListSnapshot:
    """Read one list file (a folder for OFAC's legacy SDN files) as a snapshot of `as_of`."""
    from longarm.screening.lists.csl import load_bulk_json, load_compact, load_csv
    from longarm.screening.lists.dpl import load_dpl
    from longarm.screening.lists.ofac import load_sdn
    from longarm.screening.lists.opensanctions import load_cn_sanctions

    if source not in SOURCES:
        raise InputError("screen import", "--source", f"unknown source {source!r}")
    if not path.exists():
        raise InputError(str(path), "", "no such file")
    if source == "ofac":
        return load_sdn(path, as_of)
    if source == "dpl":
        return load_dpl(path, as_of)
    if source == "opensanctions":
        return load_cn_sanctions(path, as_of)
    if path.suffix.casefold() == ".csv":
        return load_csv(path, as_of)
    try:
        return load_compact(path, as_of)
    except InputError:
        return load_bulk_json(path, as_of)


_STORE_OPT = typer.Option(help="DuckDB store (default $LONGARM_STORE)")


def _admin_app() -> typer.Typer:
    """`longarm screen import ...` and `longarm screen whitelist add|list|remove ...`."""
    from longarm.screening.api import query_key
    from longarm.screening.store import DuckDBStore, store_path

    admin = typer.Typer(add_completion=False)
    whitelist = typer.Typer(help="A user's accepted false positives.")
    admin.add_typer(whitelist, name="whitelist")

    @admin.command("import")
    def import_list(
        file: Annotated[Path, typer.Argument(help="List file (OFAC: the folder)")],
        source: Annotated[str, typer.Option(help="csl, ofac, dpl or opensanctions")],
        as_of: Annotated[str, typer.Option(help="Snapshot date YYYY-MM-DD")],
        store: Annotated[Path | None, _STORE_OPT] = None,
    ) -> None:
        """Import a list file into the store as a dated, versioned snapshot."""
        try:
            when = date.fromisoformat(as_of)
        except ValueError as exc:
            typer.echo(f"screen import: --as-of: {exc}", err=True)
            raise typer.Exit(2) from exc
        try:
            snapshot = load_list_file(source, file, when)
        except InputError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from exc
        db = DuckDBStore(store_path(store))
        try:
            saved = db.save_snapshot(snapshot)
        finally:
            db.close()
        typer.echo(json.dumps({
            "source": saved.source, "snapshot_date": saved.snapshot_date.isoformat(),
            "version": saved.version, "entries": len(saved.entries),
        }, sort_keys=True))  # fmt: skip

    @whitelist.command("add")
    def wl_add(
        query: Annotated[str, typer.Argument(help="The screened name")],
        entry_id: Annotated[str, typer.Argument(help="Entry id of the hit to suppress")],
        user: Annotated[str, typer.Option(help="Whose whitelist")],
        list_code: Annotated[str, typer.Option("--list-code", help="List of the entry")] = "",
        reason: Annotated[str, typer.Option(help="Why the hit is a false positive")] = "",
        store: Annotated[Path | None, _STORE_OPT] = None,
    ) -> None:
        """Accept a hit as a false positive for this user and (normalised) name."""
        db = DuckDBStore(store_path(store))
        try:
            db.add_whitelist(user, query_key(query), list_code, entry_id, reason)
        finally:
            db.close()
        typer.echo(json.dumps({"user": user, "query_key": query_key(query),
                               "entry_id": entry_id, "added": True}, sort_keys=True))  # fmt: skip

    @whitelist.command("list")
    def wl_list(
        user: Annotated[str, typer.Option(help="Whose whitelist")],
        store: Annotated[Path | None, _STORE_OPT] = None,
    ) -> None:
        """Print the user's whitelist, one JSON object per line."""
        db = DuckDBStore(store_path(store))
        try:
            pairs = sorted(db.whitelist(user))
        finally:
            db.close()
        for key, entry_id in pairs:
            typer.echo(json.dumps({"user": user, "query_key": key, "entry_id": entry_id},
                                  sort_keys=True))  # fmt: skip

    @whitelist.command("remove")
    def wl_remove(
        query: Annotated[str, typer.Argument(help="The screened name")],
        entry_id: Annotated[str, typer.Argument(help="Entry id to stop suppressing")],
        user: Annotated[str, typer.Option(help="Whose whitelist")],
        store: Annotated[Path | None, _STORE_OPT] = None,
    ) -> None:
        """Withdraw an accepted false positive."""
        db = DuckDBStore(store_path(store))
        try:
            db.remove_whitelist(user, query_key(query), entry_id)
        finally:
            db.close()
        typer.echo(json.dumps({"user": user, "query_key": query_key(query),
                               "entry_id": entry_id, "removed": True}, sort_keys=True))  # fmt: skip

    return admin


def _run_admin(args: list[str]) -> None:
    command = typer.main.get_command(_admin_app())
    command.main(args=args, prog_name="longarm screen", standalone_mode=True)


def register(app: typer.Typer) -> None:
    """Add the screening commands to the main CLI."""

    @app.command(
        "screen",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )
    def screen(
        ctx: typer.Context,
        name: Annotated[
            str | None,
            typer.Argument(help="Name to screen; or `import ...`, `whitelist add|list|remove`"),
        ] = None,
        country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-2")] = None,
        lists: Annotated[str | None, typer.Option(help="Comma-separated list codes")] = None,
        threshold: Annotated[float | None, typer.Option(min=0.0, max=1.0)] = None,
        fmt: Annotated[str, typer.Option("--format", help="json, table or jsonl")] = "json",
        file: Annotated[Path | None, typer.Option("--file", help="CSV: id,name,country")] = None,
        workers: Annotated[
            int | None,
            typer.Option(min=1, help="Processes screening a --file (default: cores, at most 2)"),
        ] = None,
        as_of: Annotated[
            str | None, typer.Option(help="Use list snapshots as of YYYY-MM-DD")
        ] = None,
        user: Annotated[str | None, typer.Option(help="Apply this user's whitelist")] = None,
        store: Annotated[
            Path | None, typer.Option(help="DuckDB store (default $LONGARM_STORE)")
        ] = None,
    ) -> None:
        """Screen a name, or a CSV of names, against the restricted-party lists.

        `longarm screen import --source csl|ofac|dpl|opensanctions FILE --as-of DATE` stores a
        list snapshot; `longarm screen whitelist add|list|remove --user U ...` manages a
        user's accepted false positives.
        """
        if name in ADMIN_COMMANDS:
            passed = [name, *ctx.args]
            passed += ["--as-of", as_of] if as_of else []
            passed += ["--user", user] if user else []
            passed += ["--store", str(store)] if store else []
            _run_admin(passed)
            return
        if ctx.args:
            typer.echo(f"screen: unexpected argument(s) {' '.join(ctx.args)}", err=True)
            raise typer.Exit(2)
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
        from rich.console import Console

        from longarm.screening.api import default_workers

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
        chosen = workers if workers is not None else default_workers()
        for result in _stream(screener, queries, wanted, threshold, chosen):
            if fmt == "table":
                Console().print(_table(result))
            else:
                out.write(json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")

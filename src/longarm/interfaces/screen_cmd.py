"""The `longarm screen` command (registered on the main Typer app by `longarm.cli`).

Thin: parse arguments, read the CSV, call the screener, serialise, and record the screening
in the store's audit log (`screening`) with its hits kept for `longarm screen review`. Bad
input exits 2 with a message naming the file, the row and the field; an unknown `--lists`
code is bad input. `longarm screen review` lists open hits and records a person's accept or
reject decision per party and entry (`screening.decisions`).
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from longarm.errors import InputError, LongarmError

if TYPE_CHECKING:  # the screening stack is imported by the commands that run it
    from rich.table import Table

    from longarm.screening.api import Screener
    from longarm.screening.model import ListSnapshot, Query, ScreenResult

_FILE_COLUMNS = ("id", "name")


def read_queries(path: Path, party_type: str | None = None) -> list[Query]:
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
                Query(row["name"], country.upper() if country else None, row.get("id") or None,
                      party_type=party_type)
            )  # fmt: skip
    return queries


def _screener(as_of: date | None, store: Path | None) -> Screener:
    """Imported snapshots if the store holds any, else the bundled lists (US and Chinese)."""
    import duckdb

    from longarm.screening.api import Screener, load_default_screener
    from longarm.screening.store import DuckDBStore, store_path

    path = store_path(store)
    if path.exists():
        try:
            with_store = DuckDBStore(path)
        except duckdb.Error:  # held by another process: screen against the bundled lists
            return load_default_screener()
        try:
            if with_store.snapshots():
                return Screener.from_store(with_store, as_of)
        finally:
            with_store.close()
    return load_default_screener()


def _check_lists(screener: Screener, wanted: list[str] | None) -> None:
    """An unknown list code is bad input (CONTRACT section 6), never an empty result."""
    from longarm.domain.vocab import ListCode

    known = {c.value for c in ListCode} | set(screener.vintages)
    for n, code in enumerate(wanted or []):
        if code not in known:
            raise InputError("screen", f"--lists[{n}]", f"unknown list code {code!r}")


def _dated(result: ScreenResult, when: date | None) -> ScreenResult:
    """Only the entries listed on the date (the Chinese lists carry listing dates)."""
    from longarm.screening.lists.cn_lists import active_on

    kept = tuple(h for h in result.hits if active_on(h.entry, when))
    return result if len(kept) == len(result.hits) else replace(result, hits=kept)


def _record(results: list[ScreenResult], options: Mapping[str, object], store: Path | None) -> None:
    """Append the screening to the audit log and keep its hits for review; a store that
    cannot be opened is reported, the answer stands."""
    import hashlib

    from longarm.screening.decisions import remember_hits
    from longarm.store.audit import append_audit, cli_actor
    from longarm.store.database import Store

    names = "\n".join(f"{r.query.name}|{r.query.country or ''}" for r in results)
    lists = [{"list": c, "snapshot": d.isoformat()} for c, d in results[0].lists] if results else []
    try:
        with Store.open(store) as opened, opened.transaction():
            append_audit(
                opened, actor=cli_actor(), action="screening",
                inputs_sha256={"names": hashlib.sha256(names.encode()).hexdigest()},
                options=options,
                result={"queries": len(results), "hits": sum(len(r.hits) for r in results),
                        "lists": lists},
            )  # fmt: skip
            remember_hits(opened, results)
    except LongarmError as exc:
        sys.stderr.write(f"warning: screening not recorded in the audit log: {exc}\n")


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

ADMIN_COMMANDS = ("import", "review")
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


_OPT_PARTY = typer.Argument(help="The party's name, as screened")
_OPT_ENTRY = typer.Argument(help="Entry id of the hit")
_OPT_LIST = typer.Option("--list", help="List code of the entry, e.g. US:EL")
_OPT_REASON = typer.Option(help="Why (kept in the store and the audit log)")
_OPT_BY = typer.Option("--by", help="Who decides (default: the operating-system user)")
_OPT_COUNTRY = typer.Option(help="The party's country, as screened")


def _admin_app() -> typer.Typer:
    """`longarm screen import ...` and `longarm screen review list|accept|reject ...`."""
    from longarm.screening.store import DuckDBStore, store_path

    admin = typer.Typer(add_completion=False)
    review = typer.Typer(help="Open hits and a person's decisions on them.")
    admin.add_typer(review, name="review")

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

    @review.command("list")
    def review_list(
        country: Annotated[str | None, _OPT_COUNTRY] = None,
        store: Annotated[Path | None, _STORE_OPT] = None,
    ) -> None:
        """Print the open hits (screened through the CLI, not yet decided), one JSON per line."""
        from longarm.screening.decisions import open_hits
        from longarm.store.database import Store

        with Store.open(store) as opened:
            for row in open_hits(opened):
                if country is None or row["country"] == country.upper():
                    typer.echo(json.dumps(row, ensure_ascii=False, sort_keys=True))

    def _decide(decision: str, party: str, entry_id: str, list_code: str, country: str | None,
                reason: str, by: str | None, store: Path | None) -> None:  # fmt: skip
        from longarm.screening.decisions import record_decision
        from longarm.store.audit import cli_actor
        from longarm.store.database import Store

        try:
            with Store.open(store) as opened:
                saved = record_decision(
                    opened, party=party, country=country, list_code=list_code,
                    entry_id=entry_id, decision=decision, reason=reason,
                    actor=by or cli_actor(),
                )  # fmt: skip
        except LongarmError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from exc
        typer.echo(json.dumps(saved.to_dict(), ensure_ascii=False, sort_keys=True))

    @review.command("accept")
    def review_accept(
        party: Annotated[str, _OPT_PARTY], entry_id: Annotated[str, _OPT_ENTRY],
        list_code: Annotated[str, _OPT_LIST], reason: Annotated[str, _OPT_REASON],
        country: Annotated[str | None, _OPT_COUNTRY] = None,
        by: Annotated[str | None, _OPT_BY] = None,
        store: Annotated[Path | None, _STORE_OPT] = None,
    ) -> None:  # fmt: skip
        """The party is that entry: `check --screen` takes the hit as a membership."""
        _decide("accept", party, entry_id, list_code, country, reason, by, store)

    @review.command("reject")
    def review_reject(
        party: Annotated[str, _OPT_PARTY], entry_id: Annotated[str, _OPT_ENTRY],
        list_code: Annotated[str, _OPT_LIST], reason: Annotated[str, _OPT_REASON],
        country: Annotated[str | None, _OPT_COUNTRY] = None,
        by: Annotated[str | None, _OPT_BY] = None,
        store: Annotated[Path | None, _STORE_OPT] = None,
    ) -> None:  # fmt: skip
        """A false positive: the hit is not raised again for that party."""
        _decide("reject", party, entry_id, list_code, country, reason, by, store)

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
            typer.Argument(help="Name to screen; or `import ...`, `review list|accept|reject`"),
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
        party_type: Annotated[
            str | None,
            typer.Option(
                "--type",
                help="company, person, vessel, aircraft or any (default: "
                "company if the name has a legal form or business word, else any)",
            ),
        ] = None,
        store: Annotated[
            Path | None, typer.Option(help="DuckDB store (default $LONGARM_STORE)")
        ] = None,
    ) -> None:
        """Screen a name, or a CSV of names, against the restricted-party lists.

        `longarm screen import --source csl|ofac|dpl|opensanctions FILE --as-of DATE` stores a
        list snapshot; `longarm screen review list|accept|reject ...` shows open hits and
        records a person's decisions on them.
        """
        if name in ADMIN_COMMANDS:
            passed = [name, *ctx.args]
            passed += ["--as-of", as_of] if as_of else []
            passed += ["--store", str(store)] if store else []
            # `--country` is read by this command; a review decision is per party and country.
            passed += ["--country", country] if country and name == "review" else []
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
            from longarm.screening.gate import PARTY_TYPES

            if party_type is not None and party_type not in PARTY_TYPES:
                raise InputError("screen", "--type", f"unknown party type {party_type!r}")
            queries = read_queries(file, party_type) if file else []
            screener = _screener(when, store)
            _check_lists(screener, wanted)
        except ValueError as exc:
            typer.echo(f"screen: --as-of: {exc}", err=True)
            raise typer.Exit(2) from exc
        except InputError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from exc
        from rich.console import Console

        from longarm.screening.api import default_workers
        from longarm.screening.model import Query

        options = {"lists": wanted or [], "threshold": threshold, "type": party_type,
                   "as_of": as_of}  # fmt: skip
        if name is not None:
            query = Query(name, country.upper() if country else None, party_type=party_type)
            result = _dated(screener.screen(query, wanted, threshold), when)
            if fmt == "table":
                Console().print(_table(result))
            else:
                typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True))
            _record([result], options, store)
            return
        out = sys.stdout
        chosen = workers if workers is not None else default_workers()
        done: list[ScreenResult] = []
        for raw in _stream(screener, queries, wanted, threshold, chosen):
            result = _dated(raw, when)
            done.append(result)
            if fmt == "table":
                Console().print(_table(result))
            else:
                out.write(json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        _record(done, options, store)

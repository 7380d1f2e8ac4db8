"""`longarm batch` and `longarm impact`: parse, call the batch runner, report. Nothing else.

Heavy modules (DuckDB, pyarrow, matplotlib) are imported inside the commands so that
`longarm check` stays light.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from longarm.errors import InputError, LongarmError


def read_options(path: Path | None) -> dict[str, bool]:
    """An options file: a YAML mapping of option names (CONTRACT.md section 4) to booleans."""
    if path is None:
        return {}
    from longarm.io.strict_yaml import load_yaml
    from longarm.options import OPTIONS

    source = str(path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(source, "", f"cannot read file: {exc.strerror}") from exc
    except Exception as exc:
        raise InputError(source, "", f"not valid YAML: {exc}") from exc
    if data is None:
        return {}
    if isinstance(data, dict) and set(data) == {"options"}:
        data = data["options"]  # a case-style `options:` block is fine too
    if not isinstance(data, dict):
        raise InputError(source, "", "must be a mapping of option names to true/false")
    for name, value in data.items():
        if name not in OPTIONS:
            known = ", ".join(sorted(OPTIONS))
            raise InputError(source, str(name), f"unknown option; known: {known}")
        if not isinstance(value, bool):
            raise InputError(source, str(name), "must be true or false")
    return {str(k): bool(v) for k, v in data.items()}


def _date(text: str | None, flag: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise typer.BadParameter(f"{flag}: not a date (YYYY-MM-DD): {text!r}") from exc


def _regimes(text: str | None) -> list[str] | None:
    return [r.strip().upper() for r in text.split(",") if r.strip()] if text else None


def _fail(exc: LongarmError) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(2)


def register(app: typer.Typer) -> None:
    """Add `batch` and `impact` to the main CLI."""

    @app.command("batch")
    def batch(
        tables_dir: Annotated[Path, typer.Argument(help="Folder of ERP tables (CONTRACT 8).")],
        out: Annotated[Path, typer.Option("--out", help="Folder for lines.parquet/lines.csv.")],
        as_of: Annotated[
            str | None, typer.Option("--as-of", help="Override every shipment's date.")
        ] = None,
        packs: Annotated[
            str | None, typer.Option("--packs", help="Regimes, e.g. cn,us (default all).")
        ] = None,
        engine: Annotated[str, typer.Option("--engine", help="local or spark.")] = "local",
        options: Annotated[
            Path | None, typer.Option("--options", help="YAML file of interpretive options.")
        ] = None,
        store: Annotated[Path | None, typer.Option("--store", help="Store file.")] = None,
        batch_rows: Annotated[
            int, typer.Option("--batch-rows", min=1, help="Lines per batch and checkpoint.")
        ] = 8192,
        progress: Annotated[bool, typer.Option(help="Progress bar on stderr.")] = True,
    ) -> None:
        """Determine every line of a table folder; resumable, recorded in the store."""
        from longarm.batch.runs import RunRequest, run_batch
        from longarm.store.database import Store
        from longarm.tables.reader import read_tables

        try:
            request = RunRequest(
                folder=tables_dir,
                out=out,
                as_of=_date(as_of, "--as-of"),
                regimes=_regimes(packs),
                options=read_options(options),
                engine=engine,
                batch_rows=batch_rows,
                progress=progress,
            )
            tables = read_tables(tables_dir)  # all input read before the store is touched
            with Store.open(store) as opened:
                summary = run_batch(request, opened, tables=tables)
        except LongarmError as exc:
            raise _fail(exc) from exc
        counts = "; ".join(
            f"{regime}: " + ", ".join(f"{o} {n}" for o, n in sorted(c.items()))
            for regime, c in sorted(summary.counts.items())
        )
        resumed = (
            f", resumed after {summary.resumed_batches} batches" if summary.resumed_batches else ""
        )
        typer.echo(
            f"run {summary.run_id}: {summary.lines} lines, {summary.rows} rows "
            f"({summary.decided} distinct signatures decided{resumed})\n{counts}"
        )
        for path in summary.files:
            typer.echo(f"wrote {path}")

    @app.command("demo-tables")
    def demo_tables(
        out: Annotated[
            Path | None, typer.Argument(help="Copy the demo tables here (else print their path).")
        ] = None,
    ) -> None:
        """The bundled demo ERP extract: a year of a drives maker's orders, as tables."""
        import shutil

        source = demo_tables_folder()
        if out is None:
            typer.echo(str(source))
            return
        out.mkdir(parents=True, exist_ok=True)
        for path in sorted(source.glob("*.csv")):
            shutil.copyfile(path, out / path.name)
        typer.echo(str(out))

    @app.command("impact")
    def impact(
        tables_dir: Annotated[Path, typer.Argument(help="Folder of ERP tables (CONTRACT 8).")],
        out: Annotated[Path, typer.Option("--out", help="Folder for changes.csv, report.html.")],
        from_date: Annotated[
            str | None, typer.Option("--from", help="First date (default: each line's own).")
        ] = None,
        to_date: Annotated[
            str | None, typer.Option("--to", help="Second date (default: --from).")
        ] = None,
        options: Annotated[
            Path | None, typer.Option("--options", help="Options for both sides (YAML).")
        ] = None,
        from_options: Annotated[
            Path | None, typer.Option("--from-options", help="Options of the first side.")
        ] = None,
        to_options: Annotated[
            Path | None, typer.Option("--to-options", help="Options of the second side.")
        ] = None,
        packs: Annotated[
            str | None, typer.Option("--packs", help="Regimes, e.g. cn,us (default all).")
        ] = None,
        store: Annotated[Path | None, typer.Option("--store", help="Store file.")] = None,
        progress: Annotated[bool, typer.Option(help="Progress bars on stderr.")] = True,
    ) -> None:
        """Which lines, items, customers and destinations change between two dates or two
        option settings, by how much value, under which clauses."""
        from longarm.batch.impact import Side, run_impact
        from longarm.store.database import Store
        from longarm.tables.reader import read_tables

        try:
            first = _date(from_date, "--from")
            second = _date(to_date, "--to") or first
            common = read_options(options)
            left = {**common, **read_options(from_options)}
            right = {**common, **read_options(to_options)}
            if first == second and left == right:
                raise InputError(
                    "impact", "", "nothing to compare: give --from and --to dates, or "
                    "--from-options and --to-options that differ"
                )  # fmt: skip
            sides = [
                Side(_label(day, opts, name, left != right), day, opts)
                for day, opts, name in ((first, left, from_options), (second, right, to_options))
            ]
            tables = read_tables(tables_dir)
            with Store.open(store) as opened:
                summary = run_impact(
                    tables_dir, out, sides[0], sides[1], opened,
                    regimes=_regimes(packs), progress=progress, tables=tables,
                )  # fmt: skip
        except LongarmError as exc:
            raise _fail(exc) from exc
        typer.echo(
            f"{summary.changes} line-regime outcomes change of {summary.lines} lines "
            f"({sides[0].label} -> {sides[1].label}); USD {summary.value_usd:,.2f} at stake"
        )
        for path in summary.files:
            typer.echo(f"wrote {path}")


def demo_tables_folder() -> Path:
    """The bundled demo ERP extract (CONTRACT.md 8 tables, CSV)."""
    from importlib import resources

    return Path(str(resources.files("longarm") / "demo" / "erp"))


def _label(day: date | None, options: dict[str, bool], name: Path | None, by_options: bool) -> str:
    when = day.isoformat() if day else "each line's date"
    if not by_options:
        return when
    shown = ", ".join(f"{k}={'on' if v else 'off'}" for k, v in sorted(options.items()))
    return f"{when}, {name.name if name else 'default options'}" + (f" ({shown})" if shown else "")

"""The `longarm` command line: parse, call the engine, serialise. Nothing else lives here."""

from __future__ import annotations

import os
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from longarm.engine import determine
from longarm.errors import LongarmError
from longarm.interfaces import (
    audit_cmd,
    audited,
    batch_cmd,
    casefiles,
    keys_cmd,
    packs_cmd,
    render,
    serve_cmd,
)

app = typer.Typer(
    help="Export-control determinations under PRC and US law, explained and cited.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    json = "json"
    table = "table"
    html = "html"
    pdf = "pdf"


def fail(exc: LongarmError) -> typer.Exit:
    for line in str(exc).splitlines():  # several problems: one line each
        typer.echo(f"error: {line}", err=True)
    return typer.Exit(2)


@app.command()
def check(
    case_files: Annotated[
        list[Path],
        typer.Argument(help="Case files (YAML or JSON, CONTRACT.md 2), folders of them, or -."),
    ],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Override the case's date (YYYY-MM-DD).")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.json,
    packs: Annotated[
        str | None, typer.Option("--packs", help="Regimes to apply, e.g. cn,us (default all).")
    ] = None,
    screen: Annotated[
        bool, typer.Option("--screen", help="Take parties' list memberships from screening.")
    ] = False,
    store: Annotated[
        Path | None, typer.Option("--store", help="Store whose audit log records this.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to FILE, not standard output.")
    ] = None,
    allow_modified_packs: Annotated[
        bool, typer.Option(help="Use packs that differ from their SHA256SUMS (warned).")
    ] = False,
) -> None:
    """Determine cases; exit 0 on determinations, 2 on any bad input (then nothing is printed)."""
    if allow_modified_packs:
        os.environ["LONGARM_ALLOW_MODIFIED_PACKS"] = "1"  # read by the pack loader
    try:
        when = _date(as_of) if as_of else None
        results = []
        for path, case in casefiles.load_all(case_files, when):
            if screen:
                from longarm.interfaces.screened import check_screened

                case, determination = check_screened(case, _regimes(packs), store)
            else:
                determination = determine(case, _regimes(packs))
            results.append((path, case, determination))
        render.emit_many(results, fmt.value, output, screened=screen)
        for path, _, determination in results:
            audited.record_check(path, determination, store)
    except LongarmError as exc:
        raise fail(exc) from exc


@app.command("test")
def run_tests(
    paths: Annotated[list[Path], typer.Argument(help="Case files or folders of them.")],
) -> None:
    """Run every case that has `expect:`; exit 1 on any mismatch."""
    try:
        report = casefiles.run_expectations(paths)
    except LongarmError as exc:
        raise fail(exc) from exc
    for line in report.lines:
        typer.echo(line)
    typer.echo(f"{report.passed} passed, {report.failed} failed")
    if report.failed or report.passed == 0:
        raise typer.Exit(1)


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Folder for the demo's JSON determinations.")] = Path(
        "out/demo"
    ),
    serve: Annotated[bool, typer.Option(help="Then serve the web app on the demo store.")] = False,
) -> None:
    """Determine the bundled demo cases, print them, and prepare the web app's demo store."""
    try:
        for text in casefiles.run_demo(out):
            typer.echo(text)
        made = serve_cmd.prepare_demo_store(out)
        typer.echo(serve_cmd.demo_instructions(made))
    except LongarmError as exc:
        raise fail(exc) from exc
    if serve:
        serve_cmd.run_server("127.0.0.1", 8000, made.path, preload_screener=True)


app.add_typer(packs_cmd.app, name="packs")
app.add_typer(audit_cmd.app, name="audit")
app.add_typer(keys_cmd.app, name="keys")
app.command("serve")(serve_cmd.serve)


def _register_screening() -> None:
    from longarm.interfaces.screen_cmd import register

    register(app)


def _regimes(text: str | None) -> list[str] | None:
    return [r.strip().upper() for r in text.split(",") if r.strip()] if text else None


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise typer.BadParameter(f"--as-of: not a date (YYYY-MM-DD): {text!r}") from exc


_register_screening()
batch_cmd.register(app)


def main() -> None:
    app()

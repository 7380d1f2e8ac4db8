"""`longarm packs list|show|validate`."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from longarm.errors import LongarmError
from longarm.interfaces.rehash_cmd import register as register_rehash
from longarm.packs.importers.cli import register as register_import_ecfr
from longarm.rulebook.loader import Pack, available_regimes, load_pack
from longarm.rulebook.rulebook import RuleBook

app = typer.Typer(help="Law packs: list, show, validate, import-ecfr.", no_args_is_help=True)
register_import_ecfr(app)
register_rehash(app)


@app.command("list")
def list_packs() -> None:
    """One line per pack: regime, version, data_as_of, sha256."""
    for regime in available_regimes():
        pack = load_pack(regime)
        m = pack.manifest
        typer.echo(
            f"{m.regime}\t{m.version}\tdata_as_of {m.data_as_of}\t{len(pack.instruments)} "
            f"instruments\tsha256 {pack.sha256}"
        )


@app.command()
def show(
    regime: str,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Show clause status on a date.")
    ] = None,
) -> None:
    """Every instrument and clause of a pack, with its status on a date (default today)."""
    try:
        pack = load_pack(regime.upper())
    except LongarmError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    when = date.fromisoformat(as_of) if as_of else date.today()
    book = RuleBook(pack).at(when)
    typer.echo(f"{pack.manifest.title} ({pack.manifest.version}), as of {when}")
    for ins in pack.instruments:
        typer.echo(f"\n{ins.id}  {ins.title.en}\n  {ins.title.original}  [{ins.tag}]")
        for clause in ins.clauses:
            state = book.state(clause.id)
            status = state.status.value if state.status else "ended"
            typer.echo(
                f"  {clause.id}  {clause.test} -> {clause.effect.value}  [{status}] {state.detail}"
            )
        for name, entries in ins.item_sets.items():
            typer.echo(f"  item set {name}:")
            for e in entries:
                designations = f" designations {e.designations}" if e.designations else ""
                typer.echo(f"    {e.code or '-'}  {e.label}{designations}")
        for susp in ins.suspends:
            typer.echo(f"  suspends {susp.target} {susp.start} to {susp.end}")
        for ext in ins.announced_extensions:
            said = "; ".join(f"{st.by} on {st.on}" for st in ext.statements)
            typer.echo(
                f"  announced extension to {ext.to or '(no date)'} by {said}; "
                f"instrument {ext.instrument}, checked {ext.checked}"
            )
    for line in _interpretation(pack):
        typer.echo(f"\n{line}")


@app.command()
def validate() -> None:
    """Load and validate every pack; exit 2 on the first malformed one."""
    for regime in available_regimes():
        try:
            pack = load_pack(regime)
        except LongarmError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        typer.echo(f"{regime}: ok ({len(pack.clauses())} clauses, sha256 {pack.sha256})")
        for line in _interpretation(pack):
            typer.echo(f"  {line}")


def _interpretation(pack: Pack) -> list[str]:
    """How much of the CCL text the US pack interprets (empty for other regimes)."""
    if pack.regime != "US":
        return []
    from longarm.rules.us.coverage_report import interpretation_summary

    return interpretation_summary(pack)

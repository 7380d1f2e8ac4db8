"""Facts -> rules -> Determination. Pure and deterministic: same case, same packs, same bytes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from longarm.bom.valuation import Valuation
from longarm.domain.case import Case
from longarm.domain.determination import (
    Determination,
    LineResult,
    PackInfo,
    Reason,
    RegimeResult,
    combine,
)
from longarm.domain.vocab import Outcome
from longarm.options import resolve_options
from longarm.rulebook.loader import Pack, available_regimes, load_pack
from longarm.rulebook.rulebook import DatedRuleBook, RuleBook
from longarm.rules.context import CaseFacts, LineContext
from longarm.rules.registry import parse_params, test_kind


def determine(
    case: Case,
    regimes: Sequence[str] | None = None,
    packs_root: Path | None = None,
    *,
    packs: Sequence[Pack] | None = None,
) -> Determination:
    """Determine every line of a case under every selected regime, as in force on `case.as_of`.

    Args:
        case: a validated case.
        regimes: regimes to apply (default: every pack found).
        packs_root: folder of packs (default: `LONGARM_PACKS` or the bundled packs).
        packs: already-loaded packs to use instead (e.g. an edited copy under test).
    """
    options = resolve_options(case.options)
    facts = CaseFacts(case, Valuation(case), options)
    if packs is None:
        chosen = [r.upper() for r in regimes] if regimes else available_regimes(packs_root)
        packs = [load_pack(r, packs_root) for r in chosen]
    books = [
        RuleBook(p).at(case.as_of, revive_after_suspension=options["revive_after_suspension"])
        for p in packs
    ]
    lines = []
    for line in case.shipment.lines:
        results = {}
        for book in books:
            reasons = evaluate_line(LineContext(facts, line, book))
            results[book.pack.regime] = RegimeResult(
                combine(reasons, Outcome.NOT_SUBJECT), tuple(reasons)
            )
        lines.append(LineResult(line.item, str(line.quantity), results))
    regimes_out = {
        book.pack.regime: _regime_result([ln.regimes[book.pack.regime] for ln in lines])
        for book in books
    }
    return Determination(
        shipment=case.shipment.id,
        as_of=case.as_of,
        packs=tuple(_info(p) for p in packs),
        regimes=regimes_out,
        lines=tuple(lines),
        warnings=tuple(_warnings(books, lines)),
    )


def evaluate_line(ctx: LineContext) -> list[Reason]:
    """All reasons of one regime for one line: base tests in pack order, then overlays."""
    clauses = [
        (ins, clause)
        for ins, clause in ctx.pack.clauses()
        if ctx.book.state(clause.id).status is not None
    ]
    reasons: list[Reason] = []
    for ins, clause in clauses:
        kind = test_kind(clause.test)
        if kind.base is not None:
            reasons.extend(kind.base(clause, ins, parse_params(clause), ctx))
    for ins, clause in clauses:
        kind = test_kind(clause.test)
        if kind.overlay is not None:
            reasons = kind.overlay(clause, ins, parse_params(clause), ctx, reasons)
    return reasons


def _regime_result(per_line: list[RegimeResult]) -> RegimeResult:
    outcome = Outcome.most_severe([r.outcome for r in per_line])
    seen: set[str] = set()
    reasons: list[Reason] = []
    for result in per_line:
        for reason in result.reasons:
            key = repr(reason.to_json())
            if key not in seen:
                seen.add(key)
                reasons.append(reason)
    return RegimeResult(outcome, tuple(reasons))


def _info(pack: Pack) -> PackInfo:
    m = pack.manifest
    return PackInfo(m.regime, m.version, pack.sha256, m.data_as_of)


def _warnings(books: list[DatedRuleBook], lines: list[LineResult]) -> list[str]:
    warnings = []
    for book in books:
        m = book.pack.manifest
        if book.as_of > m.data_as_of:
            warnings.append(
                f"as_of {book.as_of} is after the {m.regime} pack's data_as_of {m.data_as_of}: "
                "check for newer instruments"
            )
        cited = {r.rule for ln in lines for r in ln.regimes[m.regime].reasons}
        for state in book.revived():
            if state.clause.id in cited:
                warnings.append(
                    f"{state.clause.id} applies again from {state.revived_from} because its "
                    "suspension ended and no later instrument in the pack extends it: verify "
                    "its current status"
                )
    return warnings

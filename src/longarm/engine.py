"""Facts -> rules -> Determination. Pure and deterministic: same case, same packs, same bytes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from longarm.bom.valuation import Valuation
from longarm.domain.case import Case
from longarm.domain.determination import (
    Alternative,
    Determination,
    LineResult,
    PackInfo,
    Reason,
    RegimeResult,
    combine,
)
from longarm.domain.tidy import dates_once, one_per_rule, reach_effect
from longarm.domain.vocab import Outcome, Status
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
    alternatives: bool = True,
) -> Determination:
    """Determine every line of a case under every selected regime, as in force on `case.as_of`.

    Args:
        case: a validated case.
        regimes: regimes to apply (default: every pack found).
        packs_root: folder of packs (default: `LONGARM_PACKS` or the bundled packs).
        packs: already-loaded packs to use instead (e.g. an edited copy under test).
        alternatives: also determine under each other value of the interpretive options the
            reasons depend on, and report those that change a regime's outcome.
    """
    options = resolve_options(case.options)
    if packs is None:
        chosen = [r.upper() for r in regimes] if regimes else available_regimes(packs_root)
        packs = [load_pack(r, packs_root) for r in chosen]
    valuation = Valuation(case)
    result = _determine(case, packs, options, valuation)
    if not alternatives:
        return result
    found = []
    for name in _consulted(result):
        flipped = {**options, name: not options[name]}
        other = _determine(case, packs, flipped, valuation)
        changed = {
            regime: outcome.outcome
            for regime, outcome in other.regimes.items()
            if outcome.outcome is not result.regimes[regime].outcome
        }
        if changed:
            found.append(Alternative(name, flipped[name], changed))
    return replace(result, alternatives=tuple(found))


def _consulted(result: Determination) -> list[str]:
    """The options some reason of the determination depends on."""
    names = {
        name
        for line in result.lines
        for regime in line.regimes.values()
        for reason in regime.reasons
        for name in reason.options
    }
    return sorted(names)


def _determine(
    case: Case, packs: Sequence[Pack], options: dict[str, bool], valuation: Valuation
) -> Determination:
    facts = CaseFacts(case, valuation, options)
    books = [
        RuleBook(p).at(
            case.as_of,
            revive_after_suspension=options["revive_after_suspension"],
            honour_announced_extensions=options["honour_announced_extensions"],
        )
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
    reasons = one_per_rule(reasons)
    reach = {clause.id for _, clause in clauses if test_kind(clause.test).reach}
    reasons = [reach_effect(r, reasons) if r.rule in reach else r for r in reasons]
    return dates_once(reasons)


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
    """One warning per pack: its data are older than the date, and the measures that the
    determination relies on only because a suspension ended (or an announcement holds)."""
    warnings: list[str] = []
    for book in books:
        warnings.extend(book.pack.warnings)  # a modified or unverified pack, every time
        m = book.pack.manifest
        parts = []
        if book.as_of > m.data_as_of:
            parts.append(
                f"as_of {book.as_of} is after the {m.regime} pack's data_as_of {m.data_as_of}: "
                "check for newer instruments"
            )
        cited = {r.rule for ln in lines for r in ln.regimes[m.regime].reasons}
        revived: dict[tuple[str, str], list[str]] = {}
        for state in book.revived():
            if state.clause.id in cited:
                said = f" ({state.announcement.brief()})" if state.announcement else ""
                revived.setdefault((str(state.revived_from), said), []).append(state.clause.id)
        for (since, said), ids in sorted(revived.items()):
            one = len(ids) == 1
            parts.append(
                f"{', '.join(sorted(ids))} appl{'ies' if one else 'y'} again from {since} "
                f"because {'its' if one else 'their'} suspension ended{said} and no later "
                f"instrument in the pack extends it: verify {'its' if one else 'their'} "
                "current status"
            )
        held = sorted(
            s.clause.id
            for s in book.states.values()
            if s.status is Status.SUSPENDED
            and "honour_announced_extensions" in s.options
            and s.clause.id in cited
        )
        if held:
            parts.append(
                f"{', '.join(held)} treated as suspended on an announced extension that no "
                "published instrument carries yet (option honour_announced_extensions=true): "
                "verify"
            )
        if parts:
            warnings.append(
                "; ".join(parts)
                if parts[0].startswith("as_of")
                else f"{m.regime} pack: " + "; ".join(parts)
            )
    return warnings

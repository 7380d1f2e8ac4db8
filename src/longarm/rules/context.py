"""What a rule sees: one shipment line, the case's facts and the dated rule book."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from longarm.bom.rollup import Predicate, RollUp
from longarm.bom.valuation import Valuation
from longarm.domain.case import Case, Item, Line, Party
from longarm.domain.determination import Reason
from longarm.domain.vocab import EndUse, Outcome, Status
from longarm.facts.classification import Match, Tri, match_item
from longarm.facts.ownership import Coverage, aggregate_ownership
from longarm.rulebook.loader import Pack
from longarm.rulebook.rulebook import ClauseState, DatedRuleBook
from longarm.rulebook.schema import Clause, Instrument, ItemEntry


@dataclass
class CaseFacts:
    """Facts shared by every line and clause of one case, computed once."""

    case: Case
    valuation: Valuation
    options: dict[str, bool]
    _rollups: dict[str, RollUp] = field(default_factory=dict)
    _entries: dict[tuple[str, str, tuple[str, ...]], tuple[ItemEntry, ...]] = field(
        default_factory=dict
    )
    _matches: dict[tuple[str, int, str], Match] = field(default_factory=dict)
    _contains: dict[tuple[str, int], tuple[Tri, tuple[str, ...]]] = field(default_factory=dict)
    _coverage: dict[tuple[object, ...], dict[str, Coverage]] = field(default_factory=dict)

    def rollup(self, key: str, predicate: Predicate) -> RollUp:
        """The memoised roll-up for one predicate (`key` names it, e.g. the clause id)."""
        if key not in self._rollups:
            self._rollups[key] = RollUp(self.case, self.valuation, predicate)
        return self._rollups[key]

    def match(self, item: Item, entries: tuple[ItemEntry, ...], regime: str) -> Match:
        """`match_item`, memoised per item and entry set (entry sets come from `entries`)."""
        key = (item.id, id(entries), regime)
        found = self._matches.get(key)
        if found is None:
            found = self._matches[key] = match_item(item, entries, regime)
        return found

    def coverage(
        self, lists: frozenset[str], threshold: Fraction, aggregate: bool
    ) -> dict[str, Coverage]:
        key = (lists, threshold, aggregate)
        if key not in self._coverage:

            def listed(party: Party) -> bool:
                return any(m.list.value in lists for m in party.lists)

            self._coverage[key] = aggregate_ownership(
                self.case.parties, listed, threshold, aggregate=aggregate
            )
        return self._coverage[key]


@dataclass(frozen=True)
class LineContext:
    facts: CaseFacts
    line: Line
    book: DatedRuleBook

    @property
    def case(self) -> Case:
        return self.facts.case

    @property
    def item(self) -> Item:
        return self.case.items_by_id[self.line.item]

    @property
    def pack(self) -> Pack:
        return self.book.pack

    @property
    def options(self) -> dict[str, bool]:
        return self.facts.options

    @property
    def end_uses(self) -> frozenset[EndUse]:
        return frozenset(self.case.shipment.end_uses)

    def party(self, role: str) -> Party | None:
        ref = getattr(self.case.shipment, role)
        return None if ref is None else self.case.parties_by_id[ref]

    def entries(self, refs: list[str], within: Instrument) -> tuple[ItemEntry, ...]:
        """The entries of some item sets, as one tuple that is the same object on every call
        for the same sets (so look-ups can be memoised on it)."""
        key = (self.pack.sha256, within.id, tuple(refs))
        cache = self.facts._entries
        if key not in cache:
            cache[key] = tuple(e for ref in refs for e in self.pack.item_set(ref, within))
        return cache[key]

    def finding(
        self,
        clause: Clause,
        answer: Tri,
        detail: str,
        *,
        missing: tuple[str, ...] = (),
        path: tuple[str, ...] = (),
    ) -> list[Reason]:
        """The usual shape of a test's result: nothing when the clause does not bite, its
        effect when the facts decide, and `needs_review` capped at its effect when unknown
        facts leave it open."""
        if answer is Tri.NO:
            return []
        if answer is Tri.YES:
            return [self.reason(clause, detail, path=path)]
        return [
            self.reason(
                clause,
                detail,
                effect=Outcome.NEEDS_REVIEW,
                review_ceiling=clause.effect,
                path=path,
                missing=missing,
            )
        ]

    def reason(
        self,
        clause: Clause,
        detail: str,
        *,
        effect: Outcome | None = None,
        figures: dict[str, float | int | str | None] | None = None,
        path: tuple[str, ...] = (),
        options: tuple[str, ...] = (),
        missing: tuple[str, ...] = (),
        review_ceiling: Outcome | None = None,
        status: Status | None = None,
    ) -> Reason:
        """A reason for `clause`, with the clause's status on the determination date."""
        state: ClauseState = self.book.state(clause.id)
        status = status or state.status or Status.IN_FORCE
        dated = status is not Status.IN_FORCE or state.revived_from is not None
        note = state.detail if dated else ""
        tag = "" if clause.tag == "C" else f" [source tag {clause.tag}]"
        names = (*options, *(state.options if dated else ()))
        return Reason(
            rule=clause.id,
            citation=clause.citation,
            effect=effect or clause.effect,
            status=status,
            detail=f"{detail}{tag}{'; ' + note if note else ''}",
            figures={**(figures or {}), **(state.figures if dated else {})},
            path=path or (self.item.id,),
            options={name: self.options[name] for name in dict.fromkeys(names)},
            missing=tuple(dict.fromkeys(missing)),
            review_ceiling=review_ceiling,
            dating=state.note if dated else "",
        )

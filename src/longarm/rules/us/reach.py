"""Is an item subject to the EAR? (15 CFR 734.3): the findings of the jurisdiction clauses.

Jurisdiction clauses (US origin, de minimis, foreign direct product) each give a
`Finding`. As a test they explain themselves in the determination; through
`subject_to_ear` the licensing clauses (Country Chart, Part 746, Part 744) ask whether the
item is reached at all. The item is subject when any in-force jurisdiction clause says so,
not subject when all say no, and undecided otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from longarm.domain.determination import Reason
from longarm.domain.vocab import Outcome, Status
from longarm.facts.classification import Tri
from longarm.rulebook.schema import Clause, Instrument
from longarm.rules.context import LineContext
from longarm.rules.figures import Figures
from longarm.rules.registry import TestKind, parse_params, register


@dataclass(frozen=True)
class Finding:
    """What one jurisdiction clause says of the line's item: YES (subject), NO or MAYBE."""

    answer: Tri
    detail: str
    figures: Figures | None = None
    path: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


Finder = Callable[[Clause, Instrument, Any, LineContext], Finding | None]
"""None: the clause has nothing to say about this item (e.g. a US-origin item for de minimis)."""

FINDERS: dict[str, Finder] = {}


def register_jurisdiction(name: str, params: type[BaseModel], finder: Finder) -> None:
    """Register a jurisdiction test: its finder, and a base test that reports the finding.

    A YES finding has the clause's effect (`no_license_required`: subject, licence only where
    another clause says so); NO is `not_subject`; MAYBE is `needs_review` capped at the
    clause's effect, so it only matters when nothing else decides the item is reached.
    """
    FINDERS[name] = finder

    def base(clause: Clause, ins: Instrument, p: Any, ctx: LineContext) -> list[Reason]:
        found = finder(clause, ins, p, ctx)
        if found is None:
            return []
        effect = {
            Tri.YES: clause.effect,
            Tri.NO: Outcome.NOT_SUBJECT,
            Tri.MAYBE: Outcome.NEEDS_REVIEW,
        }[found.answer]
        return [
            ctx.reason(
                clause,
                found.detail,
                effect=effect,
                figures=found.figures,
                path=found.path,
                missing=found.missing,
                review_ceiling=clause.effect if found.answer is Tri.MAYBE else None,
            )
        ]

    register(TestKind(name, params, base=base, reach=True))


@dataclass(frozen=True)
class Reach:
    answer: Tri
    basis: str
    """The clause ids that decided it, or the open questions."""
    missing: tuple[str, ...] = ()


def subject_to_ear(ctx: LineContext) -> Reach:
    """Whether the line's item is subject to the EAR on the determination date."""
    yes: list[str] = []
    maybe: list[str] = []
    missing: list[str] = []
    for ins, clause in ctx.pack.clauses():
        finder = FINDERS.get(clause.test)
        if finder is None or ctx.book.state(clause.id).status is not Status.IN_FORCE:
            continue
        found = finder(clause, ins, parse_params(clause), ctx)
        if found is None or found.answer is Tri.NO:
            continue
        (yes if found.answer is Tri.YES else maybe).append(clause.id)
        missing.extend(found.missing)
    if yes:
        return Reach(Tri.YES, f"subject to the EAR under {', '.join(yes)}")
    if maybe:
        return Reach(
            Tri.MAYBE,
            f"may be subject to the EAR under {', '.join(maybe)}",
            tuple(dict.fromkeys(missing)),
        )
    return Reach(Tri.NO, "not subject to the EAR")

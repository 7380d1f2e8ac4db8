"""Where a CCL requirement that only points to a section applies ("See § 742.6(a)(11) of the
EAR."), as pack data: the destinations the pack reads that section to reach, with its tag.

The importer reads destinations from a row's own words where it states them; a bare pointer
needs the section's text, which the CCL extract does not carry. The pack's `us_ccl_pointers`
clause supplies it, so the Country Chart answer can use it; `review` marks a reading that
only narrows where a person must look (a section whose own country list is not in the pack).
"""

from __future__ import annotations

from pydantic import Field

from longarm.domain.determination import Reason
from longarm.domain.vocab import Status
from longarm.rulebook.schema import Clause, Instrument, SourceTag
from longarm.rules.context import LineContext
from longarm.rules.params import Params
from longarm.rules.registry import TestKind, parse_params, register
from longarm.rules.us.table_rows import DestinationScope

TEST = "us_ccl_pointers"


class PointerScope(Params):
    pointer: str
    """A row whose pointer starts with this ("§ 746.1") is read with this scope."""
    worldwide: bool = False
    countries: list[str] = Field(default_factory=list)
    groups: list[str] = Field(default_factory=list)
    exclude_countries: list[str] = Field(default_factory=list)
    review: bool = False
    """In scope the answer is needs_review, not licence required."""
    tag: SourceTag = "C"
    note: str | None = None

    def scope(self) -> DestinationScope:
        return DestinationScope(
            self.worldwide,
            frozenset(self.countries),
            frozenset(self.groups),
            frozenset(self.exclude_countries),
            frozenset(),
        )


class PointerParams(Params):
    pointers: list[PointerScope]


def pointer_scopes(ctx: LineContext) -> tuple[PointerScope, ...]:
    """The pointer readings of the pack's in-force `us_ccl_pointers` clauses."""
    found: list[PointerScope] = []
    for _, clause in ctx.pack.clauses():
        if clause.test != TEST or ctx.book.state(clause.id).status is not Status.IN_FORCE:
            continue
        params = parse_params(clause)
        assert isinstance(params, PointerParams)
        found.extend(params.pointers)
    return tuple(found)


def read_pointer(pointer: str | None, readings: tuple[PointerScope, ...]) -> PointerScope | None:
    if pointer is None:
        return None
    return next((r for r in readings if pointer.startswith(r.pointer)), None)


def us_ccl_pointers(
    clause: Clause, ins: Instrument, params: PointerParams, ctx: LineContext
) -> list[Reason]:
    return []


register(TestKind(TEST, PointerParams, base=us_ccl_pointers))

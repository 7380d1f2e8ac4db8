"""The schema of a law pack: one YAML file per instrument (DESIGN.md, "Law as data").

A pack is a folder with `pack.yaml` (regime, version, data_as_of) and one file per
instrument. Each instrument carries its clauses; each clause names the test it applies
(from the fixed vocabulary in `longarm.rules`), its parameters and its effect.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from longarm.domain.vocab import Form, Outcome

SourceTag = Literal["C", "S", "R", "U"]
"""Confidence in the source of a fact: confirmed, secondary, recalled, uncertain."""


class PackModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Title(PackModel):
    original: str
    en: str


class ItemEntry(PackModel):
    """One entry of a control list: matched by declared code, or by element and form."""

    label: str
    code: str | None = None
    """Official control code, e.g. "1C902.a"; null where the list code is not known."""
    element: str | None = None
    forms: list[Form] = Field(default_factory=list)
    designations: list[str] | None = None
    """When set, only materials with one of these designations match (e.g. ["Sm-Co"])."""
    hs: list[str] = Field(default_factory=list)
    tag: SourceTag = "C"
    note: str | None = None


class Suspension(PackModel):
    """A window in which another instrument (or some of its clauses) does not operate."""

    target: str
    """An instrument id (every clause) or a clause id."""
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    end_inclusive: bool = True
    tag: SourceTag = "C"
    note: str | None = None

    @property
    def last_day(self) -> date:
        from datetime import timedelta

        return self.end if self.end_inclusive else self.end - timedelta(days=1)


class Statement(PackModel):
    """One public statement: who said what, when, where it is recorded."""

    by: str
    on: date
    said: str
    source: str
    tag: SourceTag = "S"


class AnnouncedExtension(PackModel):
    """An extension of this instrument's suspensions that was announced (a government
    statement, a joint arrangement) but not published as an instrument.

    The published text still governs unless option `honour_announced_extensions` is set;
    either way every reason it touches says what was announced, when and by whom.
    """

    targets: list[str] = Field(default_factory=list)
    """The `suspends` targets it extends; empty: every one of them."""
    to: date | None
    """The announced last day; null where an extension was announced without a date for
    these targets (recorded so that reasons can say so)."""
    end_inclusive: bool = True
    instrument: str = "pending"
    """"pending" while no amending instrument is known; else the id of the instrument that
    published it (which then governs through its own `suspends`)."""
    checked: date
    """The latest evidence that no amending instrument had been published."""
    statements: list[Statement] = Field(min_length=1)
    tag: SourceTag = "S"
    note: str | None = None

    @property
    def last_day(self) -> date | None:
        from datetime import timedelta

        if self.to is None:
            return None
        return self.to if self.end_inclusive else self.to - timedelta(days=1)

    @property
    def pending(self) -> bool:
        return self.instrument == "pending"

    def covers(self, target: str) -> bool:
        return not self.targets or target in self.targets


class Clause(PackModel):
    id: str
    citation: str
    test: str
    effect: Outcome
    params: dict[str, Any] = Field(default_factory=dict)
    effective_from: date | None = None
    """Inclusive; defaults to the instrument's."""
    effective_to: date | None = None
    """Exclusive; defaults to the instrument's."""
    tag: SourceTag = "C"
    note: str | None = None


class Instrument(PackModel):
    id: str
    regime: str
    title: Title
    issuer: str
    issued: date
    effective_from: date
    effective_to: date | None = None
    url: str | None = None
    tag: SourceTag = "C"
    note: str | None = None
    item_sets: dict[str, list[ItemEntry]] = Field(default_factory=dict)
    suspends: list[Suspension] = Field(default_factory=list)
    announced_extensions: list[AnnouncedExtension] = Field(default_factory=list)
    clauses: list[Clause] = Field(default_factory=list)

    @model_validator(mode="after")
    def _clause_ids_under_instrument(self) -> Instrument:
        for clause in self.clauses:
            if not clause.id.startswith(self.id + "."):
                raise ValueError(f"clause id {clause.id!r} must start with {self.id + '.'!r}")
        return self


class CodeSources(PackModel):
    """Where a pack's known classification codes come from, besides its item sets."""

    tables: list[str] = Field(default_factory=list)
    """JSON files in the pack whose `entries` mapping is keyed by list entry (e.g. the CCL)."""
    marks: list[str] = Field(default_factory=list)
    """Codes for items outside the list (e.g. the EAR's EAR99)."""


class PackManifest(PackModel):
    regime: str
    version: str
    data_as_of: date
    """The date of the newest fact the pack encodes; later determinations are warned."""
    title: str
    rule_modules: list[str] = Field(default_factory=list)
    """The Python modules whose clause tests interpret this pack (they register their
    parameter schemas on import); the loader imports them before validating the clauses."""
    note: str | None = None
    codes: CodeSources = Field(default_factory=CodeSources)
    """Classification codes a case may declare under this regime (`longarm.rulebook.codes`)."""

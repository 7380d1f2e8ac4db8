"""The case file of CONTRACT.md section 2, as validated pydantic models.

Field-level rules (ISO codes, finite non-negative numbers, unknown fields) live here;
rules that need the whole case (references, duplicate ids, cycles, currencies) live in
`longarm.io.case_reader`, which reports every error with its field path.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    field_validator,
)

from longarm.domain.codes import check_country, check_currency, normalise_code
from longarm.domain.numbers import MAX_FX, MAX_QUANTITY, MAX_VALUE, as_date, as_number, bounded
from longarm.domain.vocab import ELEMENTS, Activity, EndUse, Form, ListCode, Outcome

UNKNOWN: Literal["unknown"] = "unknown"


def _money(value: Decimal) -> Decimal:
    return bounded(value, maximum=MAX_VALUE)


def _quantity(value: Decimal) -> Decimal:
    if value.is_finite() and value <= 0:
        raise ValueError("must be > 0")
    return bounded(value, maximum=MAX_QUANTITY)


def _share(value: Decimal) -> Decimal:
    if value.is_finite() and value > 1:
        raise ValueError("a share is a fraction in [0, 1]")
    return bounded(value, maximum=Decimal(1))


def _rate(value: Decimal) -> Decimal:
    if value.is_finite() and value <= 0:
        raise ValueError("must be > 0")
    return bounded(value, maximum=MAX_FX)


def _score(value: object) -> object:
    number = as_number(value)
    if isinstance(number, Decimal):
        if not number.is_finite() or not 0 <= number <= 1:
            raise ValueError("a match score is a finite number in [0, 1]")
        return float(number)
    return number


def _whole(value: object) -> object:
    """A small whole number: an int, or plain digits as a table cell holds them ("1")."""
    if isinstance(value, bool):
        raise ValueError("must be a whole number, not true/false")
    if isinstance(value, str) and re.fullmatch(r"0|[1-9][0-9]{0,8}", value.strip()):
        return int(value)
    return value


def _code(value: object) -> object:
    return normalise_code(value) if isinstance(value, str) else value


Number = BeforeValidator(as_number)
Country = Annotated[str, AfterValidator(check_country)]
Currency = Annotated[str, AfterValidator(check_currency)]
Money = Annotated[Decimal, Number, AfterValidator(_money)]
Quantity = Annotated[Decimal, Number, AfterValidator(_quantity)]
Share = Annotated[Decimal, Number, AfterValidator(_share)]
Rate = Annotated[Decimal, Number, AfterValidator(_rate)]
Day = Annotated[date, BeforeValidator(as_date)]
Code = Annotated[str, BeforeValidator(_code)]
"""A namespaced classification ("US:3A090.a"), in its canonical spelling."""


class Strict(BaseModel):
    """Base of every case model: unknown fields are errors, a typo must not drop a fact."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class Line(Strict):
    item: str
    quantity: Quantity


class Shipment(Strict):
    id: str
    ship_from: Country
    destination: Country
    exporter: str
    consignee: str | None = None
    end_user: str | None = None
    end_uses: list[EndUse] = Field(default_factory=lambda: [EndUse.UNKNOWN], min_length=1)
    """An empty list would say "no end use", which no shipment has: omit it (unknown)."""
    lines: list[Line] = Field(min_length=1)


class Material(Strict):
    element: str
    form: Form
    designation: str | None = None
    """Optional designation (e.g. alloy "Dy-Fe", compound "GaN"), for list entries that name
    particular alloys, compounds or grades (`longarm packs show` lists them)."""

    @field_validator("element")
    @classmethod
    def _known_element(cls, value: str) -> str:
        if value not in ELEMENTS:
            raise ValueError(f"unknown element {value!r}; expected one of {', '.join(ELEMENTS)}")
        return value


class Technology(Strict):
    activity: Activity
    origin: Country | Literal["unknown"]


class Component(Strict):
    item: str
    quantity: Quantity


class Item(Strict):
    id: str
    description: str = ""
    origin: Country | Literal["unknown"]
    unit_value: Money | None = None
    currency: Currency = "USD"
    controls: list[Code] = Field(default_factory=list)
    materials: list[Material] = Field(default_factory=list)
    technologies: list[Technology] | Literal["unknown"] = Field(default_factory=list)
    components: list[Component] = Field(default_factory=list)
    # US facts beyond the contract's core fields (optional; see README "Case extensions").
    made_with: list[Code] = Field(default_factory=list)
    """Declared US-origin technology or software the item (or the plant that made it) is a
    direct product of, as namespaced ECCNs, e.g. ["US:3E001"]; used by the FDP rules."""
    plant_made_with: list[Code] = Field(default_factory=list)
    """ECCNs of US-origin technology or software the plant or its major component is a direct
    product of."""
    review_classes: list[str] = Field(default_factory=list)
    """Classes a licence review policy names that the item belongs to, e.g. ["h200_mi325x"]
    (FR 2026-00789: H200/MI325X-class chips reviewed case by case for China); `longarm packs
    show us` lists the classes the pack knows."""

    @field_validator("controls")
    @classmethod
    def _namespaced(cls, value: list[str]) -> list[str]:
        for code in value:
            regime, sep, rest = code.partition(":")
            if not sep or not regime or not rest:
                raise ValueError(f"control {code!r} must be namespaced, e.g. 'CN:1C905.a'")
        return value

    def controls_for(self, regime: str) -> list[str]:
        """The declared classifications of one regime, without the namespace."""
        prefix = f"{regime}:"
        return [c[len(prefix) :] for c in self.controls if c.startswith(prefix)]


class ListMembership(Strict):
    list: ListCode
    policy: Outcome | None = None
    footnote: Annotated[StrictInt, BeforeValidator(_whole)] | None = None
    entry_id: str | None = None
    """Where the membership came from screening: the list entry matched."""
    entry_name: str | None = None
    score: Annotated[float, BeforeValidator(_score)] | None = None

    @property
    def footnote_unknown(self) -> bool:
        """`footnote: null` was written: the footnote is unknown. Omitted means it has none
        (CONTRACT section 2: an omitted field is absent; unknown is written null)."""
        return self.footnote is None and "footnote" in self.model_fields_set

    def cite(self) -> str:
        """The membership as a reason cites it: the list, and the screening hit if any."""
        if self.entry_id is None:
            return self.list.value
        name = f" {self.entry_name!r}" if self.entry_name else ""
        score = f", match score {self.score:.2f}" if self.score is not None else ""
        return f"{self.list.value} (screening hit: entry {self.entry_id}{name}{score})"


class Owner(Strict):
    party: str
    share: Share | None
    """Share of the owned party in [0, 1]; null when a shareholder is known but its share is not."""


class Party(Strict):
    id: str
    name: str
    country: Country
    military: StrictBool = False
    lists: list[ListMembership] = Field(default_factory=list)
    owners: list[Owner] = Field(default_factory=list)
    # US facts beyond the contract's core fields (optional; see README "Case extensions").
    headquarters: Country | Literal["unknown"] | None = None
    """Where the party's ultimate parent is headquartered (ISO code, or "unknown"). Omitted:
    the country of the top of its majority-owner chain (`owners` with shares over one half),
    or its own country when it has no majority owner (15 CFR 742.6(a)(6), 744.23 reach
    entities headquartered in, or whose ultimate parent is headquartered in, Macau or D:5)."""

    @field_validator("lists", mode="before")
    @classmethod
    def _short_form(cls, value: object) -> object:
        # `lists: ["US:EL"]` is shorthand for `lists: [{list: "US:EL"}]`.
        if isinstance(value, list):
            return [{"list": v} if isinstance(v, str) else v for v in value]
        return value


class ExpectedAlternative(Strict):
    """One entry of `expect_alternatives` (the shape of contract section 5's alternatives)."""

    option: str
    value: bool
    regimes: dict[str, Outcome]


class Case(Strict):
    as_of: Day
    shipment: Shipment
    items: list[Item]
    parties: list[Party]
    fx: dict[Currency, Rate] = Field(default_factory=dict)
    options: dict[str, StrictBool] = Field(default_factory=dict)
    expect: dict[str, Outcome] | None = None
    expect_rules: dict[str, list[str]] | None = None
    """Optional: rule ids that must give an in-force reason, per regime (`longarm test`
    checks them), to pin why a case comes out as it does, not only what."""
    expect_effects: dict[str, dict[str, Outcome]] | None = None
    """Optional: per regime, the effect each named rule's reasons must have (`longarm test`
    checks them), e.g. that a de minimis reason bringing an item under the EAR carries the
    licence requirement it enables."""
    expect_alternatives: list[ExpectedAlternative] | None = None
    """Optional: exactly the alternatives (contract section 5) the determination must list:
    the outcome under each other reading of unsettled law (`longarm test` checks them)."""

    def replace(self, **changes: object) -> Case:
        """A validated copy with some fields changed.

        Use this, not `model_copy`: the id look-ups below are cached on the instance, and a
        shallow copy would carry the old ones over.
        """
        data = self.model_dump()
        data.update(changes)
        return Case.model_validate(data)

    @cached_property
    def items_by_id(self) -> dict[str, Item]:
        return {i.id: i for i in self.items}

    @cached_property
    def parties_by_id(self) -> dict[str, Party]:
        return {p.id: p for p in self.parties}

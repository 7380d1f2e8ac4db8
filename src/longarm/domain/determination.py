"""The determination of CONTRACT.md section 5: outcomes with their reasons, per line and regime."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from longarm.domain.vocab import Outcome, Status

Figure = float | int | str | None


@dataclass(frozen=True)
class Reason:
    """Why a clause did (or would) bite, with the numbers compared and the path that triggered it.

    `effect` is the outcome the clause gives on these facts. `needs_review` reasons carry
    `review_ceiling`: the most severe outcome the unknown facts could lead to, so the engine
    can still decide when another reason is already at least that severe.
    """

    rule: str
    citation: str
    effect: Outcome
    status: Status
    detail: str
    figures: dict[str, Figure] = field(default_factory=dict)
    path: tuple[str, ...] = ()
    options: dict[str, bool] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    review_ceiling: Outcome | None = None
    at_least: Outcome | None = None
    """For a `needs_review` reason whose facts already decide part of it: the outcome the
    clause gives at the least (e.g. a licence is required, the review policy is open)."""
    dating: str = ""
    """The sentence in `detail` that dates the clause (suspension window, revival, announced
    extension), so that a line can say it once (`longarm.domain.tidy`)."""

    def __post_init__(self) -> None:
        if len(set(self.missing)) != len(self.missing):
            object.__setattr__(self, "missing", tuple(dict.fromkeys(self.missing)))

    @property
    def operative(self) -> bool:
        return self.status is Status.IN_FORCE

    def with_status(self, status: Status, note: str) -> Reason:
        return replace(
            self, status=status, detail=f"{self.detail}; {note}" if note else self.detail
        )

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "citation": self.citation,
            "effect": self.effect.value,
            "status": self.status.value,
            "detail": self.detail,
            "figures": self.figures,
            "path": list(self.path),
            "options": self.options,
        }
        if self.missing:
            out["missing"] = list(self.missing)
        if self.at_least is not None and self.effect is Outcome.NEEDS_REVIEW:
            out["at_least"] = self.at_least.value
        return out


def decided_part(reason: Reason) -> Outcome | None:
    """What an operative reason decides: its effect, or for an open question the part its
    facts already decide (`at_least`); None for a reason that does not operate."""
    if not reason.operative:
        return None
    if reason.effect is Outcome.NEEDS_REVIEW:
        return reason.at_least
    return reason.effect


def combine(reasons: list[Reason], floor: Outcome) -> Outcome:
    """The outcome of one regime for one line.

    Operative reasons set it (never below `floor`, the regime's reach). A `needs_review`
    reason wins only if its unknowns could make the outcome more severe than what the known
    facts already give: unknowns that cannot change the outcome do not block it.
    """
    decided = Outcome.most_severe(
        [part for r in reasons if (part := decided_part(r)) is not None], floor
    )
    for reason in reasons:
        if reason.operative and reason.effect is Outcome.NEEDS_REVIEW:
            ceiling = reason.review_ceiling or Outcome.PROHIBITED
            if ceiling.severity > decided.severity:
                return Outcome.NEEDS_REVIEW
    return decided


@dataclass(frozen=True)
class RegimeResult:
    outcome: Outcome
    reasons: tuple[Reason, ...]

    def to_json(self) -> dict[str, Any]:
        return {"outcome": self.outcome.value, "reasons": [r.to_json() for r in self.reasons]}


@dataclass(frozen=True)
class LineResult:
    item: str
    quantity: str
    regimes: dict[str, RegimeResult]

    def to_json(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "quantity": _number(self.quantity),
            "regimes": {k: v.to_json() for k, v in sorted(self.regimes.items())},
        }


@dataclass(frozen=True)
class PackInfo:
    regime: str
    version: str
    sha256: str
    data_as_of: date

    def to_json(self) -> dict[str, Any]:
        return {
            "regime": self.regime,
            "version": self.version,
            "sha256": self.sha256,
            "data_as_of": self.data_as_of.isoformat(),
        }


@dataclass(frozen=True)
class Alternative:
    """Another reading of unsettled law: with `option` set to `value`, these regimes would
    have these outcomes (only the regimes whose outcome changes)."""

    option: str
    value: bool
    regimes: dict[str, Outcome]

    def to_json(self) -> dict[str, Any]:
        return {
            "option": self.option,
            "value": self.value,
            "regimes": {k: v.value for k, v in sorted(self.regimes.items())},
        }


@dataclass(frozen=True)
class Determination:
    shipment: str
    as_of: date
    packs: tuple[PackInfo, ...]
    regimes: dict[str, RegimeResult]
    lines: tuple[LineResult, ...]
    warnings: tuple[str, ...]
    alternatives: tuple[Alternative, ...] = ()
    """Sorted by option and value (contract section 5)."""

    @property
    def overall(self) -> Outcome:
        return Outcome.most_severe([r.outcome for r in self.regimes.values()])

    @property
    def hold(self) -> bool:
        return any(r.outcome.holds for r in self.regimes.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "shipment": self.shipment,
            "as_of": self.as_of.isoformat(),
            "packs": [p.to_json() for p in self.packs],
            "regimes": {k: v.to_json() for k, v in sorted(self.regimes.items())},
            "lines": [line.to_json() for line in self.lines],
            "overall": self.overall.value,
            "hold": self.hold,
            "warnings": list(self.warnings),
            "alternatives": [
                a.to_json() for a in sorted(self.alternatives, key=lambda a: (a.option, a.value))
            ],
        }

    def dumps(self) -> str:
        """Byte-identical JSON for the same case and packs: sorted keys, no timestamps."""
        return json.dumps(self.to_json(), sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value

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
        return out


def combine(reasons: list[Reason], floor: Outcome) -> Outcome:
    """The outcome of one regime for one line.

    Operative reasons set it (never below `floor`, the regime's reach). A `needs_review`
    reason wins only if its unknowns could make the outcome more severe than what the known
    facts already give: unknowns that cannot change the outcome do not block it.
    """
    decided = Outcome.most_severe(
        [r.effect for r in reasons if r.operative and r.effect is not Outcome.NEEDS_REVIEW],
        floor,
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
class Determination:
    shipment: str
    as_of: date
    packs: tuple[PackInfo, ...]
    regimes: dict[str, RegimeResult]
    lines: tuple[LineResult, ...]
    warnings: tuple[str, ...]

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
        }

    def dumps(self) -> str:
        """Byte-identical JSON for the same case and packs: sorted keys, no timestamps."""
        return json.dumps(self.to_json(), sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value

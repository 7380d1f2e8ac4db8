"""A stored determination read back into the engine's objects, for reports made later.

The inverse of `Determination.to_json` for what the JSON carries, so a report downloaded next
month shows the determination as it was answered, not a new one under newer packs.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from longarm.api.history import SavedDetermination
from longarm.domain.case import Case
from longarm.domain.determination import (
    Alternative,
    Determination,
    LineResult,
    PackInfo,
    Reason,
    RegimeResult,
)
from longarm.domain.vocab import Outcome, Status


def stored_case(row: SavedDetermination) -> Case:
    """The case as it was determined."""
    return Case.model_validate(json.loads(row.case_json))


def stored_determination(row: SavedDetermination) -> Determination:
    """The determination as it was answered."""
    return determination_from_json(json.loads(row.result_json))


def determination_from_json(data: dict[str, Any]) -> Determination:
    """A `Determination` from its contract JSON (section 5)."""
    return Determination(
        shipment=str(data["shipment"]),
        as_of=date.fromisoformat(data["as_of"]),
        packs=tuple(
            PackInfo(p["regime"], p["version"], p["sha256"], date.fromisoformat(p["data_as_of"]))
            for p in data["packs"]
        ),
        regimes={k: _regime(v) for k, v in data["regimes"].items()},
        lines=tuple(
            LineResult(
                str(line["item"]),
                str(line["quantity"]),
                {k: _regime(v) for k, v in line["regimes"].items()},
            )
            for line in data["lines"]
        ),
        warnings=tuple(data.get("warnings", [])),
        alternatives=tuple(
            Alternative(
                a["option"], bool(a["value"]), {k: Outcome(v) for k, v in a["regimes"].items()}
            )
            for a in data.get("alternatives", [])
        ),
    )


def _regime(data: dict[str, Any]) -> RegimeResult:
    return RegimeResult(Outcome(data["outcome"]), tuple(_reason(r) for r in data["reasons"]))


def _reason(data: dict[str, Any]) -> Reason:
    return Reason(
        rule=data["rule"],
        citation=data["citation"],
        effect=Outcome(data["effect"]),
        status=Status(data["status"]),
        detail=data["detail"],
        figures=dict(data.get("figures", {})),
        path=tuple(data.get("path", [])),
        options=dict(data.get("options", {})),
        missing=tuple(data.get("missing", [])),
        at_least=Outcome(data["at_least"]) if data.get("at_least") else None,
    )

"""Does PRC export control reach this export at all? (ECL Art. 2; DUR Art. 2)"""

from __future__ import annotations

from pydantic import Field

from longarm.domain.determination import Reason
from longarm.domain.vocab import Outcome
from longarm.facts.description_materials import item_described
from longarm.rulebook.schema import Clause, Instrument
from longarm.rules.cn.facts import REGIME, exported_from
from longarm.rules.context import LineContext
from longarm.rules.params import Params
from longarm.rules.registry import TestKind, register


class JurisdictionParams(Params):
    exporting_countries: list[str]
    classification_required: bool = True
    """Exports from these countries need a classification; without one, needs_review."""
    classification_elements: list[str] = Field(default_factory=list)
    """Materials of these elements are what the lists key on; other materials classify as
    unlisted."""


def jurisdiction(
    clause: Clause, ins: Instrument, params: JurisdictionParams, ctx: LineContext
) -> list[Reason]:
    if not exported_from(params.exporting_countries, ctx):
        return []
    shipment = ctx.case.shipment
    reasons = [
        ctx.reason(
            clause,
            f"export from {shipment.ship_from} to {shipment.destination}: within PRC export "
            "control; a licence is needed only for listed items or listed parties",
        )
    ]
    item = ctx.item
    classified = (
        item.controls_for(REGIME)
        or item.materials
        or item.components
        or item_described(item, REGIME) is not None
    )
    if params.classification_required and not classified:
        reasons.append(
            ctx.reason(
                clause,
                f"{item.id} has no CN classification, materials or bill of materials: "
                "cannot tell whether it is a listed dual-use item",
                effect=Outcome.NEEDS_REVIEW,
                missing=(f"items[{item.id}].controls", f"items[{item.id}].materials"),
                review_ceiling=Outcome.PROHIBITED,
            )
        )
    return reasons


register(TestKind("jurisdiction", JurisdictionParams, base=jurisdiction, reach=True))

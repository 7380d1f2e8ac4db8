"""`decide_batch`: shipment lines in, one row per line and regime out, as pure Arrow.

This is the one function every engine runs (locally batch by batch, on Spark through
`mapInArrow`). Lines that share their facts are decided once: the signature is the item,
the route (ship_from, destination), the parties, the end uses and the date window (no
pack date between the lines' dates); the single-case engine decides a minimal case for
it (the item's bill of materials, the parties and their owners) and the rows are copied.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import pyarrow as pa

from longarm.batch.schema import OUTPUT_SCHEMA
from longarm.batch.windows import DateWindows, pack_dates
from longarm.domain.case import Line, Shipment
from longarm.domain.determination import Reason, decided_part
from longarm.domain.vocab import EndUse, Outcome
from longarm.engine import determine
from longarm.rulebook.kinds import load_rule_modules
from longarm.rulebook.loader import Pack
from longarm.tables.catalogue import Catalogue

Signature = tuple[str, str, str, str, str | None, str | None, tuple[str, ...], int]
Decided = tuple[tuple[str, str, bool, str, str], ...]
"""Per regime, in regime order: (regime, outcome, hold, rules, reasons JSON)."""

MEMO_LIMIT = 200_000
"""Signatures kept decided in memory; past this the memo starts afresh (memory stays
bounded, results are the same, a few signatures are decided twice)."""


@dataclass
class BatchContext:
    """What every batch needs besides its rows; picklable, so Spark can broadcast it.

    Args:
        catalogue: items with their BOMs, parties with their owners, fx rates.
        packs: the law packs applied, one per regime.
        options: the run's interpretive options (as a case's `options:`).
        as_of: when set, overrides every shipment's date.
    """

    catalogue: Catalogue
    packs: tuple[Pack, ...]
    options: dict[str, bool] = field(default_factory=dict)
    as_of: date | None = None
    windows: DateWindows = field(init=False)
    decided: int = field(default=0, init=False)
    """Signatures decided by the engine so far (in this process)."""
    _memo: dict[Signature, Decided] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.packs = tuple(sorted(self.packs, key=lambda p: p.regime))
        self.windows = DateWindows(pack_dates(self.packs))

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_memo"] = {}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        # A fresh process (a Spark executor) must register the packs' rule modules.
        for pack in self.packs:
            load_rule_modules(pack.manifest.rule_modules)

    def decide(self, signature: Signature, as_of: date, shipment: Shipment, line: Line) -> Decided:
        found = self._memo.get(signature)
        if found is None:
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            case = self.catalogue.minimal_case(as_of, shipment, line, self.options)
            result = determine(case, packs=self.packs, alternatives=False)
            rows = []
            for regime, outcome in sorted(result.lines[0].regimes.items()):
                rows.append(
                    (
                        regime,
                        outcome.outcome.value,
                        outcome.outcome.holds,
                        ";".join(setting_rules(list(outcome.reasons), outcome.outcome)),
                        reasons_json(outcome.reasons),
                    )
                )
            found = self._memo[signature] = tuple(rows)
            self.decided += 1
        return found


def decide_batch(batch: pa.RecordBatch, context: BatchContext) -> pa.RecordBatch:
    """Decide a batch of input rows (`schema.INPUT_SCHEMA`) into output rows
    (`schema.OUTPUT_SCHEMA`): for each input row, one row per regime, in regime order."""
    cols = batch.to_pydict()
    out: dict[str, list[Any]] = {name: [] for name in OUTPUT_SCHEMA.names}
    for i in range(batch.num_rows):
        as_of: date = context.as_of or cols["as_of"][i]
        uses = tuple(u for u in (cols["end_uses"][i] or "").split(";") if u) or (
            EndUse.UNKNOWN.value,
        )
        signature: Signature = (
            cols["item"][i],
            cols["ship_from"][i],
            cols["destination"][i],
            cols["exporter"][i],
            cols["consignee"][i],
            cols["end_user"][i],
            tuple(sorted(set(uses))),
            context.windows.window(as_of),
        )
        quantity = Decimal(cols["quantity"][i])
        line = Line.model_construct(item=cols["item"][i], quantity=quantity)
        shipment = Shipment.model_construct(
            id=cols["shipment"][i],
            ship_from=cols["ship_from"][i],
            destination=cols["destination"][i],
            exporter=cols["exporter"][i],
            consignee=cols["consignee"][i],
            end_user=cols["end_user"][i],
            end_uses=[EndUse(u) for u in uses],
            lines=[line],
        )
        for regime, outcome, hold, rules, reasons in context.decide(
            signature, as_of, shipment, line
        ):
            out["seq"].append(cols["seq"][i])
            out["shipment"].append(cols["shipment"][i])
            out["line"].append(cols["line"][i])
            out["item"].append(cols["item"][i])
            out["quantity"].append(float(quantity))
            out["regime"].append(regime)
            out["outcome"].append(outcome)
            out["hold"].append(hold)
            out["rules"].append(rules)
            out["reasons"].append(reasons)
    return pa.RecordBatch.from_pydict(out, schema=OUTPUT_SCHEMA)


def setting_rules(reasons: list[Reason], outcome: Outcome) -> list[str]:
    """Ids of the in-force reasons that set the outcome (the `rules` column).

    For `needs_review`, the open questions whose unknowns could make the outcome more
    severe than what the known facts give (those that block a decision); otherwise the
    in-force reasons that decide exactly the outcome.
    """
    if outcome is Outcome.NEEDS_REVIEW:
        decided = Outcome.most_severe(
            [p for r in reasons if (p := decided_part(r)) is not None], Outcome.NOT_SUBJECT
        )
        found = [
            r.rule
            for r in reasons
            if r.operative
            and r.effect is Outcome.NEEDS_REVIEW
            and (r.review_ceiling or Outcome.PROHIBITED).severity > decided.severity
        ]
    else:
        found = [r.rule for r in reasons if decided_part(r) is outcome]
    return list(dict.fromkeys(found))


def reasons_json(reasons: tuple[Reason, ...]) -> str:
    """The line's reasons as the JSON array of CONTRACT.md section 5 (sorted keys)."""
    return json.dumps(
        [r.to_json() for r in reasons], sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )

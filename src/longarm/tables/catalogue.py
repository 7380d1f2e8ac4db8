"""The master data of a table folder, and the cases built from it.

`Catalogue` holds every item (with its bill of materials), party (with its owners) and fx
rate, validated. `shipment_case` builds the case file a shipment of the tables stands for
(the reference the batch path is tested against); `minimal_case` builds the smallest case
that determines one line the same way: the line's item subtree and the parties whose facts
the rules can reach (the shipment's parties and, transitively, their owners).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from longarm.domain.case import Case, Item, Line, Party, Shipment

FX_ANCHOR = "\x00usd"
"""Id of a placeholder USD item added to a minimal case of a multi-currency catalogue.

`Valuation` uses a case's values as given when the case has one currency and converts to
USD when it has several; the placeholder keeps a minimal case valued as the whole
catalogue is. No rule reads an item that no line or bill of materials names.
"""


@dataclass
class Catalogue:
    items: dict[str, Item]
    parties: dict[str, Party]
    fx: dict[str, Decimal]
    _subtrees: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _owners: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    @property
    def multi_currency(self) -> bool:
        return len({i.currency for i in self.items.values()}) > 1

    def subtree(self, item_id: str) -> tuple[str, ...]:
        """The item and everything in its bill of materials, each once, depth first."""
        found = self._subtrees.get(item_id)
        if found is None:
            found = self._subtrees[item_id] = _reach(
                item_id, lambda i: reversed([c.item for c in self.items[i].components])
            )
        return found

    def owner_closure(self, party_id: str) -> tuple[str, ...]:
        """The party and every party that owns it, directly or through others."""
        found = self._owners.get(party_id)
        if found is None:
            found = self._owners[party_id] = _reach(
                party_id, lambda p: (o.party for o in self.parties[p].owners)
            )
        return found

    def shipment_case(
        self, as_of: date, shipment: Shipment, lines: list[Line], options: dict[str, bool]
    ) -> Case:
        """The case file with the same facts as one shipment of the tables: every item,
        party and rate of the catalogue, validated as a case file is."""
        return Case.model_validate(
            {
                "as_of": as_of,
                "shipment": shipment.model_copy(update={"lines": lines}),
                "items": list(self.items.values()),
                "parties": list(self.parties.values()),
                "fx": self.fx,
                "options": options,
            }
        )

    def minimal_case(
        self, as_of: date, shipment: Shipment, line: Line, options: dict[str, bool]
    ) -> Case:
        """The smallest case that determines `line` as `shipment_case` would.

        Built from already-validated models without validating again (`model_construct`):
        every part was validated when the tables were read.
        """
        items = [self.items[i] for i in self.subtree(line.item)]
        if self.multi_currency and len({i.currency for i in items}) == 1:
            items.append(Item.model_construct(id=FX_ANCHOR, origin="unknown", currency="USD"))
        party_ids: list[str] = []
        for role in ("exporter", "consignee", "end_user"):
            ref = getattr(shipment, role)
            if ref is not None:
                party_ids.extend(p for p in self.owner_closure(ref) if p not in party_ids)
        return Case.model_construct(
            as_of=as_of,
            shipment=shipment.model_copy(update={"lines": [line]}),
            items=items,
            parties=[self.parties[p] for p in party_ids],
            fx=dict(self.fx),
            options=dict(options),
            expect=None,
            expect_rules=None,
        )


def _reach(start: str, next_ids: Callable[[str], Iterable[str]]) -> tuple[str, ...]:
    """Every id reachable from `start`, each once, in depth-first stack order (no recursion)."""
    order: list[str] = []
    seen: set[str] = set()
    stack = [start]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        order.append(current)
        stack.extend(next_ids(current))
    return tuple(order)

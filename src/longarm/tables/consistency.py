"""Rules that need several rows: unique ids, references, currencies, acyclic BOM.

The same rules `longarm.io.case_reader.check_consistency` applies to a case file, checked
here against the rows that broke them so each issue names its file, row and column, and
every issue is kept (the case reader stops at the first). Ids and references are taken
from every row, valid or not, so one bad row neither hides a duplicate nor cascades into
"unknown item" issues wherever it is named.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from longarm.bom.graph import find_cycle
from longarm.domain.case import Case, Component, Item, Owner, Party
from longarm.tables.catalogue import Catalogue
from longarm.tables.errors import TableIssue

REFERENCE_COLUMNS: dict[str, tuple[str, ...]] = {
    "items": ("id",),
    "bom": ("parent", "child"),
    "parties": ("id",),
    "owners": ("party", "owner"),
    "shipments": ("id", "exporter", "consignee", "end_user"),
    "lines": ("shipment", "line", "item"),
    "fx": (),
}
"""Per table, the cells kept from every row for the checks below."""

_TARGETS = {
    ("bom", "parent"): "items",
    ("bom", "child"): "items",
    ("owners", "party"): "parties",
    ("owners", "owner"): "parties",
    ("shipments", "exporter"): "parties",
    ("shipments", "consignee"): "parties",
    ("shipments", "end_user"): "parties",
    ("lines", "shipment"): "shipments",
    ("lines", "item"): "items",
}
_NOUN = {"items": "item", "parties": "party", "shipments": "shipment"}


@dataclass
class References:
    """The id and reference cells of every row read, per table."""

    names: Mapping[str, str]
    """Table -> file name, for the issues."""
    rows: dict[str, list[tuple[int, tuple[str | None, ...]]]] = field(
        default_factory=lambda: {name: [] for name in REFERENCE_COLUMNS}
    )

    def check(self, issues: list[TableIssue]) -> None:
        """Unique ids, known references, unique line numbers, no shipment without lines."""
        known = {t: self._unique(t, issues) for t in ("items", "parties", "shipments")}
        for (table, column), target in _TARGETS.items():
            index = REFERENCE_COLUMNS[table].index(column)
            for n, cells in self.rows[table]:
                ref = cells[index]
                if ref is not None and ref not in known[target]:
                    issues.append(
                        TableIssue(self.names[table], n, column, f"unknown {_NOUN[target]} {ref!r}")
                    )
        seen: dict[tuple[str | None, str | None], int] = {}
        shipped: set[str | None] = set()
        for n, (ship, number, _) in self.rows["lines"]:
            shipped.add(ship)
            if number is None or ship is None:
                continue
            if (ship, number) in seen:
                issues.append(
                    TableIssue(
                        self.names["lines"],
                        n,
                        "line",
                        f"duplicate line {number} of shipment {ship!r} "
                        f"(first on row {seen[ship, number]})",
                    )
                )
            else:
                seen[ship, number] = n
        for ident, n in known["shipments"].items():
            if ident not in shipped:
                issues.append(
                    TableIssue(self.names["shipments"], n, "id", f"shipment {ident!r} has no lines")
                )

    def _unique(self, table: str, issues: list[TableIssue]) -> dict[str, int]:
        first: dict[str, int] = {}
        for n, cells in self.rows[table]:
            ident = cells[0]
            if ident is None:
                continue
            if ident in first:
                issues.append(
                    TableIssue(
                        self.names[table],
                        n,
                        "id",
                        f"duplicate id {ident!r} (first on row {first[ident]})",
                    )
                )
            else:
                first[ident] = n
        return first


def build_catalogue(
    refs: References,
    items: list[tuple[int, Item]],
    bom: list[tuple[int, tuple[str, Component]]],
    parties: list[tuple[int, Party]],
    owners: list[tuple[int, tuple[str, Owner]]],
    fx: list[tuple[int, tuple[str, Decimal]]],
    issues: list[TableIssue],
) -> Catalogue:
    """Items with their BOMs, parties with their owners, rates; currency and cycle rules."""
    components: dict[str, list[Component]] = defaultdict(list)
    for _, (parent, comp) in bom:
        components[parent].append(comp)
    holders: dict[str, list[Owner]] = defaultdict(list)
    for _, (owned, holding) in owners:
        holders[owned].append(holding)
    rates: dict[str, Decimal] = {}
    for n, (currency, rate) in fx:
        if currency in rates:
            issues.append(
                TableIssue(refs.names["fx"], n, "currency", f"duplicate currency {currency!r}")
            )
        rates[currency] = rate
    catalogue_items: dict[str, Item] = {}
    for _, i in items:
        catalogue_items.setdefault(i.id, i.model_copy(update={"components": components[i.id]}))
    catalogue_parties: dict[str, Party] = {}
    for _, p in parties:
        catalogue_parties.setdefault(p.id, p.model_copy(update={"owners": holders[p.id]}))
    _check_currencies(refs.names["items"], items, rates, issues)
    _check_cycle(refs.names["bom"], bom, catalogue_items, issues)
    return Catalogue(catalogue_items, catalogue_parties, rates)


def _check_currencies(
    file: str, items: list[tuple[int, Item]], rates: Mapping[str, Decimal], issues: list[TableIssue]
) -> None:
    currencies = sorted({i.currency for _, i in items})
    if len(currencies) <= 1:
        return
    for n, item in items:
        if item.currency != "USD" and item.currency not in rates:
            issues.append(
                TableIssue(
                    file,
                    n,
                    "currency",
                    f"mixed currencies ({', '.join(currencies)}) need an fx rate for "
                    f"{item.currency} (fx table: currency {item.currency}, usd_per_unit)",
                )
            )


def _check_cycle(
    file: str,
    bom: list[tuple[int, tuple[str, Component]]],
    items: Mapping[str, Item],
    issues: list[TableIssue],
) -> None:
    # Edges to unknown items are already issues; leave them out so the graph is closed.
    closed = [
        i.model_copy(update={"components": [c for c in i.components if c.item in items]})
        for i in items.values()
    ]
    # find_cycle reads only the items of the case it is given.
    cycle = find_cycle(Case.model_construct(items=closed))  # type: ignore[call-arg]
    if not cycle:
        return
    edges = set(itertools.pairwise(cycle))
    row = min((n for n, (parent, c) in bom if (parent, c.item) in edges), default=None)
    issues.append(
        TableIssue(file, row, "child", f"bill of materials has a cycle: {' -> '.join(cycle)}")
    )

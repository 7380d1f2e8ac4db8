"""The facts of a case as the report shows them: parties with their roles, lines with their
bills of materials drawn as indented trees, and the reasons that cite each node.

Pure data, no markup: the HTML template and any other rendering read the same view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from longarm.bom.valuation import Valuation
from longarm.domain.case import Case, Item, Party
from longarm.domain.determination import Determination

MAX_TREE_ROWS = 400
"""Rows drawn per line's tree. A shared sub-assembly is drawn under every parent that uses it,
so a deep catalogue can expand to far more rows than it has items; past this the tree says
it was cut instead of filling hundreds of pages."""


@dataclass(frozen=True)
class PartyView:
    id: str
    name: str
    country: str
    roles: tuple[str, ...]
    military: bool
    lists: tuple[str, ...]
    owners: tuple[str, ...]


@dataclass(frozen=True)
class TreeRow:
    """One node of a bill of materials, drawn at `depth` under the line's item."""

    depth: int
    item: Item
    quantity: Decimal
    """Quantity per one unit of the parent (of the line, for the root)."""
    path: tuple[str, ...]
    cited_by: tuple[str, ...]
    """Rules whose reason path is exactly this node's path from the line's item."""
    drawn_in: int | None = None
    """For a sub-assembly already drawn (in this line's tree or an earlier line's), the line
    number where its parts are shown: they are not drawn again (a shared sub-assembly counts
    once per use, but is read once)."""


@dataclass
class LineTree:
    item: Item
    quantity: Decimal
    value: str
    rows: list[TreeRow] = field(default_factory=list)
    truncated: bool = False


def party_views(case: Case) -> list[PartyView]:
    """The parties, shipment roles first (exporter, consignee, end user), then the others."""
    shipment = case.shipment
    roles: dict[str, list[str]] = {}
    for role, pid in (
        ("exporter", shipment.exporter),
        ("consignee", shipment.consignee),
        ("end user", shipment.end_user),
    ):
        if pid is not None:
            roles.setdefault(pid, []).append(role)
    for party in case.parties:
        for owner in party.owners:
            roles.setdefault(owner.party, []).append(f"owner of {party.id}")
    ordered = sorted(
        case.parties,
        key=lambda p: 0 if any(not r.startswith("owner") for r in roles.get(p.id, [])) else 1,
    )
    return [_party_view(p, tuple(roles.get(p.id, ())), case) for p in ordered]


def _party_view(party: Party, roles: tuple[str, ...], case: Case) -> PartyView:
    lists = []
    for m in party.lists:
        text = m.list.value
        if m.policy is not None:
            text += f", policy {m.policy.value}"
        if m.footnote is not None:
            text += f", footnote {m.footnote}"
        if m.entry_id is not None:
            text += f"; screening hit {m.entry_id}"
            if m.entry_name:
                text += f" “{m.entry_name}”"
            if m.score is not None:
                text += f", score {m.score:.2f}"
        lists.append(text)
    owners = []
    for owner in party.owners:
        held_by = case.parties_by_id.get(owner.party)
        name = f"{owner.party} ({held_by.name})" if held_by else owner.party
        share = "share unknown" if owner.share is None else f"{_percent(owner.share)} %"
        owners.append(f"{name}: {share}")
    return PartyView(
        id=party.id,
        name=party.name,
        country=party.country,
        roles=roles,
        military=party.military,
        lists=tuple(lists),
        owners=tuple(owners),
    )


def line_trees(case: Case, determination: Determination) -> list[LineTree]:
    """Each line's bill of materials, depth first, children in the order the case gives."""
    valuation = Valuation(case)
    trees = []
    drawn: dict[str, int] = {}
    for number, (line, result) in enumerate(
        zip(case.shipment.lines, determination.lines, strict=True), start=1
    ):
        cited: dict[tuple[str, ...], set[str]] = {}
        for regime in result.regimes.values():
            for reason in regime.reasons:
                if reason.path:
                    cited.setdefault(reason.path, set()).add(reason.rule)
        root = case.items_by_id[line.item]
        value = valuation.unit_value(root).scale(Fraction(line.quantity))
        shown = (
            f"{_money(value.lo)} {valuation.currency}"
            if value.is_exact
            else f"unknown ({valuation.currency})"
        )
        tree = LineTree(root, line.quantity, shown)
        _walk(case, root, line.quantity, (root.id,), 0, cited, tree, (drawn, number))
        trees.append(tree)
    return trees


def _walk(
    case: Case,
    item: Item,
    quantity: Decimal,
    path: tuple[str, ...],
    depth: int,
    cited: dict[tuple[str, ...], set[str]],
    tree: LineTree,
    drawn: tuple[dict[str, int], int],
) -> None:
    if len(tree.rows) >= MAX_TREE_ROWS:
        tree.truncated = True
        return
    where, line_number = drawn
    drawn_in = where.get(item.id) if item.components else None
    rules = tuple(sorted(cited.get(path, ())))
    tree.rows.append(TreeRow(depth, item, quantity, path, rules, drawn_in))
    if drawn_in is not None:
        return
    if item.components:
        where[item.id] = line_number
    for component in item.components:
        child = case.items_by_id[component.item]
        _walk(case, child, component.quantity, (*path, child.id), depth + 1, cited, tree, drawn)


def _percent(share: Decimal) -> str:
    return f"{share * 100:.4f}".rstrip("0").rstrip(".")


def _money(value: Fraction) -> str:
    return f"{float(value):,.2f}"

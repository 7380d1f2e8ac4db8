"""Synthetic parties (with ownership chains and list memberships) and shipments with lines.

Customers are sometimes owned by holding companies, holdings by other holdings (chains
up to a few levels, acyclic), some holdings are on a list, some shares are unknown.
Shipments are dated uniformly over the profile's window, which spans the 2026-11 ends of
the suspensions in the packs; each names an exporter, an end user (its country is the
destination), sometimes a consignee, and a few lines of sellable items (levels 0-2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from longarm.synthetic.catalogue import SyntheticCatalogue, generate_catalogue
from longarm.synthetic.profile import draw, profile

Ints = npt.NDArray[np.int64]
_SHARES = [Decimal("0.25"), Decimal("0.3"), Decimal("0.5"), Decimal("0.6"), Decimal("1")]


@dataclass(frozen=True)
class SyntheticParties:
    ids: list[str]
    names: list[str]
    country: list[str]
    military: list[bool]
    lists: list[list[str]]
    owner_party: Ints
    owner_owner: Ints
    owner_share: list[Decimal | None]
    exporters: Ints
    customers: Ints

    def case_parties(self, named: list[int]) -> list[dict[str, Any]]:
        """`parties` entries for `named` and, transitively, their owners."""
        by_party: dict[int, list[int]] = {}
        for k, p in enumerate(self.owner_party):
            by_party.setdefault(int(p), []).append(k)
        seen: dict[int, None] = {}
        stack = list(named)
        while stack:
            p = stack.pop()
            if p in seen:
                continue
            seen[p] = None
            stack.extend(int(self.owner_owner[k]) for k in by_party.get(p, []))
        out = []
        for p in sorted(seen):
            party: dict[str, Any] = {
                "id": self.ids[p],
                "name": self.names[p],
                "country": self.country[p],
            }
            if self.military[p]:
                party["military"] = True
            if self.lists[p]:
                party["lists"] = list(self.lists[p])
            owners = [
                {"party": self.ids[int(self.owner_owner[k])], "share": self.owner_share[k]}
                for k in by_party.get(p, [])
            ]
            if owners:
                party["owners"] = owners
            out.append(party)
        return out


@dataclass(frozen=True)
class SyntheticShipments:
    ids: list[str]
    as_of: list[date]
    ship_from: list[str]
    destination: list[str]
    exporter: Ints
    consignee: Ints
    """-1 where none."""
    end_user: Ints
    end_uses: list[tuple[str, ...]]
    line_shipment: Ints
    line_number: Ints
    line_item: Ints
    line_quantity: Ints

    @property
    def n_lines(self) -> int:
        return len(self.line_item)


@dataclass(frozen=True)
class SupplyChain:
    catalogue: SyntheticCatalogue
    parties: SyntheticParties
    shipments: SyntheticShipments


def generate_supply_chain(
    n_items: int,
    n_edges: int,
    n_lines: int,
    *,
    seed: int,
    lines_per_shipment: int = 5,
    customers: int | None = None,
    assortment: int | None = None,
) -> SupplyChain:
    """A whole synthetic ERP extract, deterministic from `seed`.

    With `customers` and `assortment`, each customer has its own selling entity,
    consignee, end uses and a fixed assortment of items it reorders, as an ERP's order
    lines mostly repeat; otherwise every shipment draws its parties and items afresh.
    """
    cat = generate_catalogue(n_items, n_edges, seed=seed)
    rng = np.random.default_rng([seed, 1])
    n_shipments = max(1, n_lines // lines_per_shipment)
    parties = _parties(rng, customers or max(20, min(50_000, n_shipments // 10)))
    ships = _shipments(rng, cat, parties, n_shipments, n_lines, repeat=assortment)
    return SupplyChain(cat, parties, ships)


def _parties(rng: np.random.Generator, n_customers: int) -> SyntheticParties:
    prof = profile()
    n_exporters = max(5, n_customers // 10)
    n_holdings = max(5, n_customers // 5)
    n = n_exporters + n_customers + n_holdings
    exporters = np.arange(n_exporters, dtype=np.int64)
    customers = np.arange(n_exporters, n_exporters + n_customers, dtype=np.int64)
    holdings = np.arange(n_exporters + n_customers, n, dtype=np.int64)
    names_e, pick_e = draw(rng, prof.countries["exporter"], n_exporters)
    names_c, pick_c = draw(rng, prof.countries["customer"], n - n_exporters)
    country = [names_e[k] for k in pick_e] + [names_c[k] for k in pick_c]
    kinds = ["Exporter"] * n_exporters + ["Customer"] * n_customers + ["Holding"] * n_holdings
    ids = [f"P{k:06d}" for k in range(n)]
    names = [f"{kind} {k} Co., Ltd." for k, kind in enumerate(kinds)]
    military = list(rng.random(n) < prof.military_share)
    list_names, list_pick = draw(rng, prof.lists, n)
    listed = np.zeros(n, dtype=bool)
    listed[holdings] = rng.random(n_holdings) < prof.listed_share
    listed[customers] = rng.random(n_customers) < prof.listed_share / 3
    lists = [[list_names[list_pick[k]]] if listed[k] else [] for k in range(n)]
    # Customers owned by a holding; holdings by a later holding (acyclic chains).
    owned = customers[rng.random(n_customers) < prof.owned_share]
    chained = holdings[:-1][rng.random(n_holdings - 1) < 0.4]
    owner_party = np.concatenate([owned, chained]).astype(np.int64)
    owner_owner = np.concatenate(
        [
            rng.choice(holdings, size=len(owned)),
            chained + 1 + (rng.random(len(chained)) * (holdings[-1] - chained)).astype(np.int64),
        ]
    ).astype(np.int64)
    share_pick = rng.integers(0, len(_SHARES), len(owner_party))
    unknown = rng.random(len(owner_party)) < prof.unknown_share
    owner_share = [None if unknown[k] else _SHARES[share_pick[k]] for k in range(len(owner_party))]
    return SyntheticParties(
        ids, names, country, [bool(m) for m in military], lists,
        owner_party, owner_owner, owner_share, exporters, customers,
    )  # fmt: skip


def _shipments(
    rng: np.random.Generator,
    cat: SyntheticCatalogue,
    parties: SyntheticParties,
    n_shipments: int,
    n_lines: int,
    repeat: int | None = None,
) -> SyntheticShipments:
    prof = profile()
    first, last = prof.dates
    days = rng.integers(0, (last - first).days + 1, n_shipments)
    as_of = [first + timedelta(days=int(d)) for d in days]
    exporter = rng.choice(parties.exporters, n_shipments)
    end_user = rng.choice(parties.customers, n_shipments)
    consignee = np.where(
        rng.random(n_shipments) < 0.3, rng.choice(parties.customers, n_shipments), -1
    )
    use_names, use_pick = draw(rng, prof.end_uses, n_shipments)
    sellable = np.flatnonzero(cat.level <= 2)
    if repeat:
        # Each customer keeps its selling entity, consignee, end uses and assortment.
        n_cust = len(parties.customers)
        own = np.searchsorted(parties.customers, end_user).astype(np.int64)
        exporter = rng.choice(parties.exporters, n_cust)[own]
        consignee = np.where(rng.random(n_cust) < 0.3, rng.choice(parties.customers, n_cust), -1)[
            own
        ]
        use_pick = draw(rng, prof.end_uses, n_cust)[1][own]
        kept = sellable[(len(sellable) * rng.random((n_cust, repeat)) ** 2).astype(np.int64)]
    # Lines: shipment k gets a block; every shipment at least one line.
    line_shipment = np.sort(
        np.concatenate(
            [np.arange(n_shipments), rng.integers(0, n_shipments, max(0, n_lines - n_shipments))]
        )
    ).astype(np.int64)
    starts = np.searchsorted(line_shipment, np.arange(n_shipments))
    line_number = (
        np.arange(len(line_shipment))
        - np.repeat(starts, np.diff(np.r_[starts, len(line_shipment)]))
        + 1
    )
    if repeat:
        pick = rng.integers(0, repeat, len(line_shipment))
        line_item = kept[own[line_shipment], pick]
    else:
        line_item = sellable[(len(sellable) * rng.random(len(line_shipment)) ** 2).astype(np.int64)]
    return SyntheticShipments(
        ids=[f"S{k:07d}" for k in range(n_shipments)],
        as_of=as_of,
        ship_from=[parties.country[int(p)] for p in exporter],
        destination=[parties.country[int(p)] for p in end_user],
        exporter=exporter.astype(np.int64),
        consignee=consignee.astype(np.int64),
        end_user=end_user.astype(np.int64),
        end_uses=[(use_names[k],) for k in use_pick],
        line_shipment=line_shipment,
        line_number=line_number.astype(np.int64),
        line_item=line_item.astype(np.int64),
        line_quantity=rng.integers(1, 100, len(line_shipment)).astype(np.int64),
    )

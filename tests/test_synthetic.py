"""The synthetic supply-chain generator: deterministic, valid cases, contract tables."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from longarm.bom.catalogue import CatalogueGraph
from longarm.bom.csr_rollup import COUNT, OPEN, PredicateMasks, roll_up_catalogue
from longarm.bom.rollup import Action, RollUp, Verdict
from longarm.bom.valuation import Valuation
from longarm.domain.case import Case, Item
from longarm.io.case_reader import check_consistency
from longarm.synthetic.cases import case_for_shipment
from longarm.synthetic.supply import generate_supply_chain
from longarm.synthetic.tables import write_tables

SECTION_8 = {
    "items": ["id", "description", "origin", "unit_value", "currency", "controls", "materials"],
    "bom": ["parent", "child", "quantity"],
    "parties": ["id", "name", "country", "military", "lists"],
    "owners": ["party", "owner", "share"],
    "shipments": ["id", "as_of", "ship_from", "destination", "exporter", "consignee",
                  "end_user", "end_uses"],
    "lines": ["shipment", "line", "item", "quantity"],
}  # fmt: skip


def test_same_seed_same_data_other_seed_other_data() -> None:
    one = generate_supply_chain(300, 900, 200, seed=5)
    two = generate_supply_chain(300, 900, 200, seed=5)
    other = generate_supply_chain(300, 900, 200, seed=6)
    assert np.array_equal(one.catalogue.child, two.catalogue.child)
    assert np.array_equal(one.catalogue.value_cents, two.catalogue.value_cents)
    assert one.shipments.as_of == two.shipments.as_of
    assert not np.array_equal(one.catalogue.value_cents, other.catalogue.value_cents)


def test_catalogue_shape() -> None:
    chain = generate_supply_chain(2000, 8000, 500, seed=1)
    cat = chain.catalogue
    graph = cat.graph()
    assert graph.n_levels >= 4  # multi-level
    uses = np.bincount(cat.child, minlength=cat.n_items)
    assert (uses > 1).sum() > 100  # shared sub-assemblies
    origins = {cat.origins[o] for o in cat.origin}
    assert {"CN", "US", "unknown"} <= origins
    dates = chain.shipments.as_of
    assert min(dates).isoformat() < "2026-11-09" and max(dates).isoformat() > "2026-11-27"
    assert len(chain.parties.owner_party) > 0


def test_case_files_are_valid_cases(tmp_path: Path) -> None:
    chain = generate_supply_chain(300, 900, 60, seed=2)
    for shipment in range(len(chain.shipments.ids)):
        case = Case.model_validate(case_for_shipment(chain, shipment))
        check_consistency(case, "synthetic")
        assert case.shipment.lines


def test_tables_have_contract_columns(tmp_path: Path) -> None:
    chain = generate_supply_chain(300, 900, 60, seed=2)
    write_tables(chain, tmp_path, "csv")
    for name, columns in SECTION_8.items():
        with (tmp_path / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        assert rows[0] == columns
        assert len(rows) > 1
    with (tmp_path / "lines.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == chain.shipments.n_lines


def test_vectorised_rollup_matches_memoised_on_a_generated_catalogue() -> None:
    chain = generate_supply_chain(1500, 6000, 10, seed=4)
    cat = chain.catalogue
    from longarm.synthetic.cases import catalogue_items

    case = Case.model_validate(
        {
            "as_of": "2027-01-15",
            "shipment": {"id": "S", "ship_from": "JP", "destination": "DE", "exporter": "P",
                         "lines": [{"item": cat.ids[0], "quantity": 1}]},
            "items": catalogue_items(cat),
            "parties": [{"id": "P", "name": "P", "country": "JP"}],
        }
    )  # fmt: skip

    def chinese(item: Item) -> Verdict:
        if item.origin == "unknown":
            return Verdict(frozenset({Action.COUNT, Action.OPEN}), (f"items[{item.id}].origin",))
        return Verdict.of(Action.COUNT if item.origin == "CN" else Action.OPEN)

    origin = np.array(cat.origins)[cat.origin]
    mask = np.where(origin == "CN", COUNT, OPEN).astype(np.uint8)
    mask[origin == "unknown"] = COUNT | OPEN
    unknown = {
        int(k): (f"items[{cat.ids[k]}].origin",) for k in np.flatnonzero(origin == "unknown")
    }
    fast = roll_up_catalogue(cat.graph(), PredicateMasks(mask, unknown))
    from_case = roll_up_catalogue(
        CatalogueGraph.from_case(case), PredicateMasks.from_predicate(case.items, chinese)
    )
    single = RollUp(case, Valuation(case), chinese)
    for item in case.items:
        want = single.content(item.id)
        assert fast.content(item.id) == want
        assert from_case.content(item.id) == want

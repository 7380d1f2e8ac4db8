"""Benchmark: whole-catalogue content roll-up, vectorised over CSR arrays, against baselines.

A synthetic catalogue (`longarm.synthetic`: 1 million items and 5 million BOM rows; with
`--quick` 200,000 and 1 million) is rolled up under two predicates shaped like the packs'
(CN No. 61: count Chinese-origin listed items, open the rest; US de minimis: count
controlled US-origin items, stop at other US-origin items, open foreign ones; unknown
origins give several actions and intervals). Measured in the same run:
- the vectorised roll-up (`longarm.bom.csr_rollup`), BOM edges per second;
- the engine's memoised single-case roll-up (`longarm.bom.rollup.RollUp`) over every item
  of a smaller catalogue from the same generator (a pydantic case of a million items does
  not fit in memory), with the vectorised roll-up checked equal to it item by item;
- a DuckDB recursive-CTE roll-up (every BOM path expanded) on a smaller catalogue still,
  checked equal to the vectorised lower bounds;
- whole determinations (CN + US) per second on one small synthetic case.

Ratios compare edges per second. Usage: python bench/rollup.py [--quick]. The last line is
the contract's JSON (section 7).
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from longarm.bom.catalogue import CatalogueGraph
from longarm.bom.csr_rollup import COUNT, OPEN, STOP, PredicateMasks, roll_up_catalogue
from longarm.bom.rollup import Action, RollUp, Verdict
from longarm.bom.valuation import Valuation
from longarm.domain.case import Case, Item
from longarm.engine import determine
from longarm.synthetic.cases import case_for_shipment, catalogue_items
from longarm.synthetic.catalogue import SyntheticCatalogue, generate_catalogue
from longarm.synthetic.supply import generate_supply_chain


def kind_flags(cat: SyntheticCatalogue) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Per item: has a CN classification; has a US classification other than EAR99."""
    cn = np.array([any(c.startswith("CN:") for c in k.controls) for k in cat.kinds])
    us = np.array(
        [any(c.startswith("US:") and c != "US:EAR99" for c in k.controls) for k in cat.kinds]
    )
    return cn[cat.kind], us[cat.kind]


def masks(cat: SyntheticCatalogue) -> dict[str, PredicateMasks]:
    """Both predicates from the item facts, whole-array."""
    cn_listed, us_controlled = kind_flags(cat)
    origin = np.array(cat.origins)[cat.origin]
    unknown = origin == "unknown"
    cn = np.where((origin == "CN") & cn_listed, COUNT, OPEN)
    cn[unknown & cn_listed] = COUNT | OPEN
    us = np.where(origin == "US", np.where(us_controlled, COUNT, STOP), OPEN)
    us[unknown] = np.where(us_controlled[unknown], COUNT | STOP | OPEN, STOP | OPEN)
    paths = {int(k): (f"items[{cat.ids[k]}].origin",) for k in np.flatnonzero(unknown)}
    return {
        "cn": PredicateMasks(cn.astype(np.uint8), {k: v for k, v in paths.items() if cn_listed[k]}),
        "us": PredicateMasks(us.astype(np.uint8), paths),
    }


def predicates() -> dict[str, Callable[[Item], Verdict]]:
    """The same predicates for the single-case roll-up."""

    def cn(item: Item) -> Verdict:
        listed = any(c.startswith("CN:") for c in item.controls)
        if listed and item.origin == "unknown":
            return Verdict(frozenset({Action.COUNT, Action.OPEN}), (f"items[{item.id}].origin",))
        return Verdict.of(Action.COUNT if listed and item.origin == "CN" else Action.OPEN)

    def us(item: Item) -> Verdict:
        controlled = any(c.startswith("US:") and c != "US:EAR99" for c in item.controls)
        if item.origin == "unknown":
            actions = {Action.STOP, Action.OPEN} | ({Action.COUNT} if controlled else set())
            return Verdict(frozenset(actions), (f"items[{item.id}].origin",))
        if item.origin == "US":
            return Verdict.of(Action.COUNT if controlled else Action.STOP)
        return Verdict.of(Action.OPEN)

    return {"cn": cn, "us": us}


def as_case(cat: SyntheticCatalogue) -> Case:
    items = catalogue_items(cat)
    return Case.model_validate(
        {
            "as_of": "2027-01-15",
            "shipment": {
                "id": "BENCH",
                "ship_from": "JP",
                "destination": "DE",
                "exporter": "P",
                "lines": [{"item": items[0]["id"], "quantity": 1}],
            },
            "items": items,
            "parties": [{"id": "P", "name": "Maker", "country": "JP"}],
        }
    )


def best_of(runs: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def vectorised(cat: SyntheticCatalogue, runs: int) -> tuple[float, float, dict[str, Any]]:
    """(graph build seconds, seconds per predicate roll-up, results by predicate)."""
    build_s, graph = best_of(1, cat.graph)
    results, seconds = {}, []
    for name, m in masks(cat).items():
        s, results[name] = best_of(runs, lambda m=m: roll_up_catalogue(graph, m))
        seconds.append(s)
    return build_s, sum(seconds) / len(seconds), results


def memoised(cat: SyntheticCatalogue) -> float:
    """Seconds per predicate for the single-case roll-up of every item; checks agreement."""
    case = as_case(cat)
    graph = CatalogueGraph.from_case(case)
    total = 0.0
    for name, predicate in predicates().items():
        start = time.perf_counter()
        single = RollUp(case, Valuation(case), predicate)
        contents = [single.content(i.id) for i in case.items]
        total += time.perf_counter() - start
        fast = roll_up_catalogue(graph, masks(cat)[name])
        for item, content in zip(case.items, contents, strict=True):
            assert fast.content(item.id) == content, f"{name}: {item.id} differs"
    return total / 2


def duckdb_cte(cat: SyntheticCatalogue) -> float:
    """Seconds for a recursive-CTE roll-up (CN predicate, unknown origins opened, unknown
    values as 0); checks it equals the vectorised roll-up of the same predicate."""
    import duckdb
    import pyarrow as pa

    m = np.where(masks(cat)["cn"].mask == COUNT, COUNT, OPEN).astype(np.uint8)
    content = roll_up_catalogue(cat.graph(), PredicateMasks(m))
    action = np.where(m == COUNT, "count", "open")
    items = pa.table(
        {
            "idx": np.arange(cat.n_items),
            "value": pa.array([max(int(v), 0) for v in cat.value_cents], pa.int64()),
            "action": action,
        }
    )
    bom = pa.table({"parent": cat.parent, "child": cat.child, "qty": cat.qty_num})
    con = duckdb.connect()
    con.register("items_a", items)
    con.register("bom_a", bom)
    con.execute(
        "CREATE TABLE items AS SELECT idx, CAST(value AS DECIMAL(38, 0)) AS value, action "
        "FROM items_a; CREATE TABLE bom AS SELECT * FROM bom_a"
    )
    query = """
        WITH RECURSIVE walk(root, node, factor) AS (
            SELECT parent, child, CAST(qty AS DECIMAL(38, 0)) FROM bom
            UNION ALL
            SELECT w.root, b.child, w.factor * b.qty
            FROM walk w JOIN items i ON i.idx = w.node AND i.action = 'open'
            JOIN bom b ON b.parent = w.node
        )
        SELECT w.root, SUM(w.factor * i.value) AS content
        FROM walk w JOIN items i ON i.idx = w.node AND i.action = 'count'
        GROUP BY w.root
    """
    start = time.perf_counter()
    rows = con.execute(query).fetchall()
    seconds = time.perf_counter() - start
    assert cat.qty_den == 1, "the CTE's products are whole numbers only for whole quantities"
    got = {int(r): Fraction(Decimal(v)) / 100 for r, v in rows}
    for k in range(cat.n_items):
        assert got.get(k, Fraction(0)) == content.total(k).lo, f"duckdb: item {k} differs"
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    full = (200_000, 1_000_000) if args.quick else (1_000_000, 5_000_000)
    memo_size = (5_000, 25_000) if args.quick else (20_000, 100_000)
    duck_size = (2_000, 10_000) if args.quick else (5_000, 25_000)

    cat = generate_catalogue(*full, seed=7)
    build_s, fast_s, _ = vectorised(cat, runs=5)
    eps = cat.n_edges / fast_s
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    del cat

    memo_cat = generate_catalogue(*memo_size, seed=8)
    memo_eps = memo_cat.n_edges / memoised(memo_cat)
    _, small_fast_s, _ = vectorised(memo_cat, runs=5)

    duck_cat = generate_catalogue(*duck_size, seed=9)
    duck_eps = duck_cat.n_edges / duckdb_cte(duck_cat)

    chain = generate_supply_chain(60, 150, 5, seed=11)
    small = Case.model_validate(case_for_shipment(chain, 0))
    det_runs = 20 if args.quick else 100
    det_s, _ = best_of(1, lambda: [determine(small) for _ in range(det_runs)])

    print(
        f"catalogue: {full[0]} items, {full[1]} BOM edges (target); roll-up {fast_s * 1000:.0f} ms "
        f"per predicate, {eps / 1e6:.1f} M edges/s; graph build {build_s:.2f} s"
    )
    print(
        f"memoised single-case roll-up on {memo_cat.n_edges} edges: {memo_eps / 1e3:.0f} k edges/s "
        f"(vectorised on the same: {memo_cat.n_edges / small_fast_s / 1e6:.1f} M edges/s)"
    )
    print(f"DuckDB recursive CTE on {duck_cat.n_edges} edges: {duck_eps / 1e3:.0f} k edges/s")
    print(
        f"determinations (CN + US) per second on a {len(small.items)}-item case: "
        f"{det_runs / det_s:.1f}"
    )
    print(
        json.dumps(
            {
                "benchmark": "rollup",
                "figures": {
                    "edges_per_s": round(eps),
                    "rollup_ms": round(fast_s * 1000, 2),
                    "graph_build_s": round(build_s, 2),
                    "bom_edges": full[1],
                    "items": full[0],
                    "peak_rss_mb": round(rss_mb, 1),
                    "determinations_per_s": round(det_runs / det_s, 1),
                },
                "baselines": {
                    "python_memoised_edges_per_s": round(memo_eps),
                    "python_memoised_bom_edges": memo_cat.n_edges,
                    "duckdb_cte_edges_per_s": round(duck_eps),
                    "duckdb_cte_bom_edges": duck_cat.n_edges,
                },
                "ratios": {
                    "vs_python_memoised": round(eps / memo_eps, 1),
                    "vs_duckdb_cte": round(eps / duck_eps, 1),
                    "vs_python_memoised_same_size": round(
                        memo_cat.n_edges / small_fast_s / memo_eps, 1
                    ),
                },
            },
            sort_keys=True,
        )
    )


if __name__ == "__main__":
    main()

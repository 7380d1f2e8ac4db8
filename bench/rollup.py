"""Benchmark: content roll-up and full determinations on a synthetic multi-level supply chain.

Builds a bill of materials as a layered DAG where sub-assemblies are shared (as in real
ERP data), with Chinese-origin magnet material at the leaves, then measures:
- the engine's memoised roll-up (each sub-assembly computed once) in BOM edges per second;
- the same totals by naive tree expansion (every path walked), the baseline, in the same run;
- whole determinations (CN and US) per second on a smaller case.

Usage: python bench/rollup.py [--quick]. The last line is the contract's JSON (section 7).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from fractions import Fraction
from typing import Any

from longarm.bom.rollup import Action, RollUp, Verdict
from longarm.bom.valuation import Valuation
from longarm.domain.case import Case, Item
from longarm.engine import determine
from longarm.io.case_reader import parse_case


def synthetic_case(levels: int, width: int, fan_out: int, seed: int) -> dict[str, Any]:
    """A layered DAG: level 0 is the product, the last level holds raw parts and magnets."""
    rng = random.Random(seed)
    layers = [[f"L{lvl}-{i}" for i in range(1 if lvl == 0 else width)] for lvl in range(levels)]
    items = []
    for lvl, layer in enumerate(layers):
        for ident in layer:
            item: dict[str, Any] = {
                "id": ident,
                "origin": rng.choice(["JP", "DE", "TH"]),
                "unit_value": round(rng.uniform(50, 500), 2),
            }
            if lvl + 1 < levels:
                kids = rng.sample(layers[lvl + 1], min(fan_out, len(layers[lvl + 1])))
                item["components"] = [{"item": k, "quantity": rng.randint(1, 3)} for k in kids]
            elif rng.random() < 0.2:
                item.update(
                    origin="CN",
                    unit_value=round(rng.uniform(0.5, 5), 2),
                    materials=[{"element": "Dy", "form": "permanent_magnet"}],
                )
            items.append(item)
    return {
        "as_of": "2027-01-15",
        "shipment": {
            "id": "BENCH",
            "ship_from": "JP",
            "destination": "DE",
            "exporter": "P",
            "end_user": "Q",
            "end_uses": ["civil"],
            "lines": [{"item": layers[0][0], "quantity": 1}],
        },
        "items": items,
        "parties": [
            {"id": "P", "name": "Maker", "country": "JP"},
            {"id": "Q", "name": "Buyer", "country": "DE"},
        ],
    }


def chinese(item: Item) -> Verdict:
    return Verdict.of(Action.COUNT if item.origin == "CN" else Action.OPEN)


def naive_total(case: Case, item_id: str) -> Fraction:
    """Baseline: expand every path of the tree, no memo (what a recursive BOM walk does)."""
    total = Fraction(0)
    for comp in case.items_by_id[item_id].components:
        child = case.items_by_id[comp.item]
        if child.origin == "CN":
            total += Fraction(comp.quantity) * Fraction(child.unit_value or 0)
        else:
            total += Fraction(comp.quantity) * naive_total(case, child.id)
    return total


def edges(case: Case) -> int:
    return sum(len(i.components) for i in case.items)


def paths(case: Case, item_id: str, memo: dict[str, int]) -> int:
    if item_id not in memo:
        kids = case.items_by_id[item_id].components
        memo[item_id] = len(kids) + sum(paths(case, c.item, memo) for c in kids)
    return memo[item_id]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    levels, width, fan_out = (6, 60, 6) if args.quick else (7, 400, 7)
    data = synthetic_case(levels, width, fan_out, seed=7)
    case = parse_case(json.dumps(data), "synthetic", as_json=True)
    root = case.shipment.lines[0].item

    start = time.perf_counter()
    memo_total = RollUp(case, Valuation(case), chinese).content(root).total
    memo_s = time.perf_counter() - start
    n_edges = edges(case)

    start = time.perf_counter()
    naive = naive_total(case, root)
    naive_s = time.perf_counter() - start
    assert memo_total.lo == memo_total.hi == naive, "roll-up and baseline disagree"
    n_paths = paths(case, root, {})

    small = parse_case(json.dumps(synthetic_case(4, 20, 4, seed=11)), "small", as_json=True)
    runs = 20 if args.quick else 100
    start = time.perf_counter()
    for _ in range(runs):
        determine(small)
    det_s = time.perf_counter() - start

    memo_eps = n_edges / memo_s
    naive_eps = n_paths / naive_s  # the baseline walks every path edge
    print(f"items {len(case.items)}, BOM edges {n_edges}, tree path edges {n_paths}")
    print(f"memoised roll-up: {memo_s * 1000:.1f} ms; naive tree walk: {naive_s * 1000:.1f} ms")
    print(
        f"determinations (CN + US) per second on a {len(small.items)}-item case: {runs / det_s:.1f}"
    )
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "benchmark": "rollup",
                "figures": {
                    "edges_per_s": round(memo_eps),
                    "rollup_ms": round(memo_s * 1000, 2),
                    "determinations_per_s": round(runs / det_s, 1),
                    "peak_rss_mb": round(rss_mb, 1),
                    "bom_edges": n_edges,
                },
                "baselines": {
                    "naive_tree_ms": round(naive_s * 1000, 2),
                    "naive_tree_path_edges_per_s": round(naive_eps),
                },
                "ratios": {"vs_naive_tree": round(naive_s / memo_s, 1)},
            },
            sort_keys=True,
        )
    )


if __name__ == "__main__":
    main()

"""A synthetic item master with multi-level, shared bills of materials, as numpy arrays.

Items sit on `levels` levels: level 0 holds finished products, the last level bought-in
parts (about half the items). An assembly's rows point mostly one level down, sometimes
further (a part used directly in a product), and popular sub-assemblies are drawn more
often, so sub-assemblies are shared as in real ERP data. Parts get an origin, a kind
(classification, materials, value range) from the profile; an assembly's value is its
children's value times a markup, so content shares are realistic.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from longarm.bom.catalogue import CatalogueGraph
from longarm.synthetic.profile import Kind, draw, profile

Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class SyntheticCatalogue:
    """Items in index order; rows grouped by parent (CSR order)."""

    ids: list[str]
    level: Ints
    origin: Ints
    """Index into `origins`."""
    origins: list[str]
    kind: Ints
    """Index into `kinds`."""
    kinds: list[Kind]
    value_cents: Ints
    """Unit value in US cents; -1 where unknown."""
    parent: Ints
    child: Ints
    qty_num: Ints
    qty_den: int

    @property
    def n_items(self) -> int:
        return len(self.ids)

    @property
    def n_edges(self) -> int:
        return len(self.parent)

    def graph(self) -> CatalogueGraph:
        """The catalogue as roll-up arrays (values in USD, exact)."""
        known = self.value_cents >= 0
        return CatalogueGraph.from_arrays(
            self.ids,
            self.parent,
            self.child,
            self.qty_num,
            self.qty_den,
            np.where(known, self.value_cents, 0),
            100,
            known,
        )


def generate_catalogue(
    n_items: int,
    n_edges: int,
    *,
    seed: int,
    levels: int = 6,
    unknown_value_share: float = 0.002,
    decimal_quantity_share: float = 0.0,
) -> SyntheticCatalogue:
    """A catalogue of about `n_items` items and `n_edges` BOM rows (duplicates dropped)."""
    rng = np.random.default_rng(seed)
    prof = profile()
    sizes = _level_sizes(n_items, levels)
    level = np.repeat(np.arange(levels, dtype=np.int64), sizes)
    starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    parent, child = _edges(rng, level, sizes, starts, n_edges)
    qty_num, qty_den = _quantities(rng, len(parent), decimal_quantity_share)

    leaf = level == levels - 1
    origins: list[str] = []
    origin = np.zeros(n_items, dtype=np.int64)
    for mask, weights in ((leaf, prof.origins["leaf"]), (~leaf, prof.origins["assembly"])):
        names, picks = draw(rng, weights, int(mask.sum()))
        codes = [_code(origins, name) for name in names]
        origin[mask] = np.asarray(codes, dtype=np.int64)[picks]

    kinds: list[Kind] = []
    kind = np.zeros(n_items, dtype=np.int64)
    value = np.zeros(n_items, dtype=np.int64)
    groups = dict.fromkeys(range(len(origins)), "other")
    groups.update({origins.index(c): c for c in ("CN", "US") if c in origins})
    for code, group in groups.items():
        mask = leaf & (origin == code)
        _draw_kinds(rng, prof.leaf_kinds[group], mask, kinds, kind, value)
    _draw_kinds(rng, prof.assemblies, ~leaf, kinds, kind, None)
    _assembly_values(rng, level, starts, parent, child, qty_num, qty_den, value)
    unknown = rng.random(n_items) < unknown_value_share
    value[unknown] = -1
    ids = [f"IT{k:07d}" for k in range(n_items)]
    return SyntheticCatalogue(
        ids, level, origin, origins, kind, kinds, value, parent, child, qty_num, qty_den
    )


def _code(vocab: list[str], name: str) -> int:
    if name not in vocab:
        vocab.append(name)
    return vocab.index(name)


def _level_sizes(n_items: int, levels: int) -> Ints:
    """Sizes growing twofold per level, so about half the items are bought-in parts."""
    weights = 2.0 ** np.arange(levels)
    sizes = np.maximum(1, np.floor(n_items * weights / weights.sum())).astype(np.int64)
    sizes[-1] += n_items - int(sizes.sum())
    out: Ints = sizes
    return out


def _edges(
    rng: np.random.Generator, level: Ints, sizes: Ints, starts: Ints, n_edges: int
) -> tuple[Ints, Ints]:
    levels = len(sizes)
    parents = np.flatnonzero(level < levels - 1)
    mean = max(n_edges / max(len(parents), 1), 1.0)
    fan_out = 1 + rng.poisson(mean - 1, size=len(parents))
    parent = np.repeat(parents, fan_out)
    p_level = level[parent]
    # Mostly one level down; one row in five skips to a deeper level (if there is one).
    depth_left = levels - 1 - p_level
    skip = (rng.random(len(parent)) < 0.2) & (depth_left > 1)
    jump = 1 + np.where(skip, 1 + (rng.random(len(parent)) * (depth_left - 1)).astype(np.int64), 0)
    c_level = p_level + jump
    # Popular parts are reused more: index skewed towards the start of the level.
    offset = np.floor(sizes[c_level] * rng.random(len(parent)) ** 1.6).astype(np.int64)
    child = starts[c_level] + offset
    key = np.sort(parent * len(level) + child)
    key = key[np.r_[True, key[1:] != key[:-1]]]  # one row per (parent, child)
    return key // len(level), key % len(level)


def _quantities(rng: np.random.Generator, n: int, decimal_share: float) -> tuple[Ints, int]:
    whole = rng.choice([1, 2, 3, 4, 6], size=n, p=[0.7, 0.15, 0.07, 0.05, 0.03]).astype(np.int64)
    if decimal_share <= 0:
        return whole, 1
    decimals = np.array([round(float(q) * 100) for q in profile().decimal_quantities])
    use = rng.random(n) < decimal_share
    return np.where(use, decimals[rng.integers(0, len(decimals), n)], whole * 100), 100


def _draw_kinds(
    rng: np.random.Generator,
    choices: list[Kind],
    mask: npt.NDArray[np.bool_],
    kinds: list[Kind],
    kind: Ints,
    value: Ints | None,
) -> None:
    n = int(mask.sum())
    base = len(kinds)
    kinds.extend(choices)
    _, picks = draw(rng, {str(k): c.weight for k, c in enumerate(choices)}, n)
    kind[mask] = base + picks
    if value is None:
        return
    lo = np.array([c.value[0] if c.value else 1.0 for c in choices])[picks]
    hi = np.array([c.value[1] if c.value else 10.0 for c in choices])[picks]
    dollars = np.exp(np.log(lo) + rng.random(n) * (np.log(hi) - np.log(lo)))
    value[mask] = np.maximum(1, np.rint(dollars * 100)).astype(np.int64)


def _assembly_values(
    rng: np.random.Generator,
    level: Ints,
    starts: Ints,
    parent: Ints,
    child: Ints,
    qty_num: Ints,
    qty_den: int,
    value: Ints,
) -> None:
    """Bottom-up: an assembly is worth its rows' value times a markup, in whole cents."""
    lo, hi = profile().markup
    for lvl in range(int(level.max()) - 1, -1, -1):
        a, b = int(starts[lvl]), int(starts[lvl + 1])
        rows = (parent >= a) & (parent < b)
        worth = np.bincount(
            parent[rows] - a,
            weights=qty_num[rows] * value[child[rows]] / qty_den,
            minlength=b - a,
        )
        markup = lo + rng.random(b - a) * (hi - lo)
        value[a:b] = np.maximum(1, np.rint(worth * markup)).astype(np.int64)

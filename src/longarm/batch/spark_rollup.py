"""The catalogue roll-up as level-by-level joins in Spark, for catalogues beyond one machine.

The same computation as `longarm.bom.csr_rollup` (DESIGN.md, "Key computations"), with the
same exact integer numerators at each item's scale (`value_den * qty_den ** height`), held
as DECIMAL(38, 0) (Spark's ANSI mode fails loudly on overflow rather than wrapping).
Each step joins the BOM rows whose parent is not yet done with the items already done and
finishes the parents whose every child is done: the step number is the parent's height.

Input DataFrames:
- items: `id` string, `value_num` decimal(38,0) (null: unknown value), `mask` int
  (COUNT | OPEN | STOP bits of the predicate for the item as a child);
- bom: `parent`, `child` strings, `pos` int (row order within the parent, from 0),
  `qty_num` decimal(38,0).
Output: one row per item with `height`, `lo`, `hi`, `inf` (hi unbounded), `has_missing`,
`largest_pos` (the row of the largest contribution, null if none) and `largest_opens`
(whether that child's own largest contribution continues the path).

pyspark is imported by the functions that need it (`pip install -e '.[spark]'`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from longarm.bom.catalogue import CatalogueGraph
from longarm.bom.level_pass import COUNT, OPEN, STOP

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

MAX_LEVELS = 10_000
"""More steps than this means the bill of materials has a cycle."""


def roll_up_spark(
    items: DataFrame,
    bom: DataFrame,
    *,
    value_den: int,
    qty_den: int,
    flagged: DataFrame | None = None,
) -> DataFrame:
    """Every item's content under one predicate, level by level (see the module docstring).

    `flagged` (column `id`) lists items whose own unknown facts allow several actions.

    Raises:
        ValueError: the bill of materials has a cycle.
    """
    from pyspark.sql import functions as sf

    dec = "decimal(38,0)"
    spark = items.sparkSession
    flags = (
        flagged.select("id", sf.lit(True).alias("flag"))
        if flagged is not None
        else spark.createDataFrame([], "id string, flag boolean")
    )
    base = (
        items.join(flags, "id", "left")
        .select(
            "id",
            sf.coalesce(sf.col("value_num"), sf.lit(0).cast(dec)).cast(dec).alias("v0"),
            sf.col("value_num").isNotNull().alias("known"),
            (sf.col("mask").bitwiseAND(COUNT) != 0).alias("can_count"),
            (sf.col("mask").bitwiseAND(OPEN) != 0).alias("can_open"),
            (sf.col("mask").bitwiseAND(STOP) != 0).alias("can_stop"),
            (sf.coalesce("flag", sf.lit(False)) & ~sf.col("mask").isin(COUNT, OPEN, STOP)).alias(
                "flag"
            ),
        )
        .localCheckpoint()
    )
    rows = bom.select(
        "parent", "child", "pos", sf.col("qty_num").cast(dec).alias("q")
    ).localCheckpoint()
    parents = rows.select(sf.col("parent").alias("id")).distinct()
    leaves = base.join(parents, "id", "left_anti").select(
        "id",
        sf.lit(0).alias("height"),
        sf.lit(0).cast(dec).alias("lo"),
        sf.lit(0).cast(dec).alias("hi"),
        sf.lit(False).alias("inf"),
        sf.lit(False).alias("has_missing"),
        sf.lit(None).cast("int").alias("largest_pos"),
        sf.lit(False).alias("largest_has"),
        sf.lit(False).alias("largest_inf"),
        sf.lit(0).cast(dec).alias("largest_val"),
        sf.lit(False).alias("largest_opens_kid"),
    )
    done = _as_child(leaves, base, 0, qty_den).localCheckpoint()
    pending = rows
    height = 0
    while not pending.isEmpty():
        height += 1
        level = _as_child(_step(pending, done, height, qty_den), base, height, qty_den)
        level = level.localCheckpoint()
        if height > MAX_LEVELS or level.isEmpty():
            raise ValueError("bill of materials has a cycle")
        done = done.unionByName(level)
        pending = pending.join(
            level.select(sf.col("id").alias("parent")), "parent", "left_anti"
        ).localCheckpoint()
    return done.select(
        "id", "height", "lo", "hi", "inf", "has_missing",
        sf.when(sf.col("largest_has"), sf.col("largest_pos")).alias("largest_pos"),
        "largest_opens_kid",
    ).withColumnRenamed("largest_opens_kid", "largest_opens")  # fmt: skip


def _step(pending: DataFrame, done: DataFrame, height: int, qty_den: int) -> DataFrame:
    """Parents whose every child is done: their sums and largest contribution."""
    from pyspark.sql import Window
    from pyspark.sql import functions as sf

    dec = "decimal(38,0)"
    kids = done.select(
        sf.col("id").alias("child"),
        sf.col("height").alias("kid_height"),
        "w_lo", "w_hi", "w_inf", "child_missing", "key_has", "key_inf", "key_val", "key_opens",
    )  # fmt: skip
    joined = pending.join(kids, "child", "left")
    ready = (
        joined.groupBy("parent")
        .agg(sf.count("*").alias("n"), sf.count("kid_height").alias("n_done"))
        .where(sf.col("n") == sf.col("n_done"))
        .select("parent")
    )
    edges = joined.join(ready, "parent")
    factor = sf.lit(1).cast(dec)
    if qty_den != 1:
        factor = _power(qty_den, sf.lit(height - 1) - sf.col("kid_height"))
    q = (sf.col("q") * factor).cast(dec)
    edges = edges.withColumn("qe", q)
    # Largest: candidates with a key; unbounded first, then by size, then the first row.
    order = Window.partitionBy("parent").orderBy(
        sf.col("key_has").desc(),
        sf.col("key_inf").desc(),
        sf.when(sf.col("key_inf"), sf.lit(0).cast(dec))
        .otherwise(sf.col("qe") * sf.col("key_val"))
        .desc(),
        sf.col("pos").asc(),
    )
    best = (
        edges.withColumn("rank", sf.row_number().over(order))
        .where(sf.col("rank") == 1)
        .select(
            sf.col("parent").alias("id"),
            sf.col("pos").alias("largest_pos"),
            sf.col("key_has").alias("largest_has"),
            sf.col("key_inf").alias("largest_inf"),
            sf.when(sf.col("key_inf"), sf.lit(0).cast(dec))
            .otherwise((sf.col("qe") * sf.col("key_val")).cast(dec))
            .alias("largest_val"),
            sf.col("key_opens").alias("largest_opens_kid"),
        )
    )
    sums = edges.groupBy(sf.col("parent").alias("id")).agg(
        sf.sum((sf.col("qe") * sf.col("w_lo")).cast(dec)).cast(dec).alias("lo"),
        sf.sum((sf.col("qe") * sf.col("w_hi")).cast(dec)).cast(dec).alias("hi"),
        sf.max(sf.col("w_inf").cast("int")).cast("boolean").alias("inf"),
        sf.max(sf.col("child_missing").cast("int")).cast("boolean").alias("has_missing"),
    )
    return sums.join(best, "id").withColumn("height", sf.lit(height))


def _power(base: int, exponent: Any) -> Any:
    """base ** exponent as an exact decimal (exponent a small non-negative int column)."""
    from pyspark.sql import functions as sf

    expr = sf.lit(1).cast("decimal(38,0)")
    for k in range(1, 40):
        expr = sf.when(exponent == k, sf.lit(str(base**k)).cast("decimal(38,0)")).otherwise(expr)
        if base**k >= 10**38:
            break
    return expr


def _as_child(level: DataFrame, base: DataFrame, height: int, qty_den: int) -> DataFrame:
    """Add each item's weight, candidate key and missing flag as a child (as `level_pass`)."""
    from pyspark.sql import functions as sf

    dec = "decimal(38,0)"
    power = sf.lit(str(qty_den**height)).cast(dec)
    v = (sf.col("v0") * power).cast(dec)
    both = sf.col("can_count") & sf.col("can_open")
    count, opened = sf.col("can_count"), sf.col("can_open")
    df = level.join(base, "id")
    df = df.select(
        "*",
        sf.when(sf.col("can_stop"), sf.lit(0).cast(dec))
        .when(both, sf.least(v, sf.col("lo")))
        .when(count, v)
        .otherwise(sf.col("lo"))
        .cast(dec)
        .alias("w_lo"),
        sf.when(both, sf.greatest(v, sf.col("hi")))
        .when(count, v)
        .when(opened, sf.col("hi"))
        .otherwise(sf.lit(0).cast(dec))
        .cast(dec)
        .alias("w_hi"),
        ((count & ~sf.col("known")) | (opened & sf.col("inf"))).alias("w_inf"),
        ((count & ~sf.col("known")) | (opened & sf.col("has_missing")) | sf.col("flag")).alias(
            "child_missing"
        ),
    )
    # The candidate as a child: counting it, unless its own largest is strictly larger.
    c_has, c_inf, c_val = count, count & ~sf.col("known"), sf.when(sf.col("known"), v).otherwise(0)
    o_has = opened & sf.col("largest_has")
    o_inf, o_val = sf.col("largest_inf"), sf.col("largest_val")
    opens = o_has & (~c_has | (o_inf & ~c_inf) | (~o_inf & ~c_inf & (o_val > c_val)))
    return df.select(
        "id", "height", "lo", "hi", "inf", "has_missing", "largest_pos", "largest_has",
        "largest_inf", "largest_val", "w_lo", "w_hi", "w_inf", "child_missing",
        (c_has | o_has).alias("key_has"),
        sf.when(opens, o_inf).otherwise(c_inf).alias("key_inf"),
        sf.when(opens, o_val).otherwise(c_val).cast(dec).alias("key_val"),
        opens.alias("key_opens"),
        "largest_opens_kid",
    )  # fmt: skip


def catalogue_frames(spark: Any, graph: CatalogueGraph, mask: Any) -> tuple[DataFrame, DataFrame]:
    """`items` and `bom` DataFrames of a catalogue graph and a predicate's masks (caller
    order), in the shape `roll_up_spark` reads."""
    from decimal import Decimal

    import numpy as np

    ids = graph.ids
    order = graph.order
    masks = np.asarray(mask)[order]
    item_rows = [
        (
            ids[int(order[r])],
            Decimal(int(graph.value_num[r])) if graph.value_known[r] else None,
            int(masks[r]),
        )
        for r in range(graph.n_items)
    ]
    parent_row = np.repeat(np.arange(graph.n_items), np.diff(graph.indptr))
    bom_rows = [
        (
            ids[int(order[parent_row[e]])],
            ids[int(order[graph.child[e]])],
            int(e - graph.indptr[parent_row[e]]),
            Decimal(int(graph.qty_num[e])),
        )
        for e in range(graph.n_edges)
    ]
    items = spark.createDataFrame(item_rows, "id string, value_num decimal(38,0), mask int")
    bom = spark.createDataFrame(
        bom_rows, "parent string, child string, pos int, qty_num decimal(38,0)"
    )
    return items, bom

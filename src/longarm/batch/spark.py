"""`--engine spark`: the batch function and the catalogue roll-up on Apache Spark.

pyspark is an optional extra (`pip install -e '.[spark]'`, needs a Java runtime) and is
imported only here, inside the functions that use it. Local mode (`local[N]`) runs on one
machine and is what the tests compare against the local engine.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from longarm.errors import LongarmError

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import SparkSession

    from longarm.batch.decide import BatchContext
    from longarm.batch.runs import Decider


class SparkUnavailableError(LongarmError):
    """pyspark or a Java runtime is missing."""


def spark_session(master: str = "local[2]", app: str = "longarm") -> SparkSession:
    """A Spark session for batch runs; small shuffles suit one machine's local mode.

    Raises:
        SparkUnavailableError: pyspark is not installed (install the `spark` extra).
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SparkUnavailableError(
            "--engine spark needs pyspark: pip install -e '.[spark]' (and a Java runtime)"
        ) from exc
    # Workers run this interpreter (the one with longarm and pyarrow), whatever PATH says.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.master(master).appName(app)
    for key, value in {
        "spark.ui.enabled": "false",
        "spark.sql.shuffle.partitions": "4",
        "spark.sql.ansi.enabled": "true",
        "spark.sql.session.timeZone": "UTC",
        "spark.driver.memory": "2g",
        "spark.sql.execution.arrow.pyspark.enabled": "true",
    }.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


OUTPUT_DDL = (
    "seq long, shipment string, line long, item string, quantity double, regime string, "
    "outcome string, hold boolean, rules string, reasons string"
)
"""`schema.OUTPUT_SCHEMA` as Spark DDL."""


def spark_decider(context: BatchContext, master: str = "local[2]") -> Decider:
    """`decide_batch` on Spark: each record batch becomes a DataFrame, decided with
    `mapInArrow` on the executors against the broadcast context (packs and catalogue), and
    collected back in input order, so the run checkpoints exactly as the local engine does.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    from longarm.batch.decide import decide_batch
    from longarm.batch.schema import INPUT_SCHEMA, OUTPUT_SCHEMA

    spark = spark_session(master)
    shared = spark.sparkContext.broadcast(context)

    def decide_all(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        ctx = shared.value  # unpickled once per Python worker; its memo lives as long
        for batch in batches:
            if batch.num_rows:
                yield decide_batch(batch.cast(INPUT_SCHEMA), ctx)

    def decide(batch: pa.RecordBatch, _: BatchContext) -> pa.RecordBatch:
        if batch.num_rows == 0:
            return pa.RecordBatch.from_pylist([], schema=OUTPUT_SCHEMA)
        frame = spark.createDataFrame(pa.Table.from_batches([batch]))
        table = frame.mapInArrow(decide_all, OUTPUT_DDL).toArrow().cast(OUTPUT_SCHEMA)
        # Input order, then regime order within a line: as the local engine writes them.
        order = pc.sort_indices(table, [("seq", "ascending"), ("regime", "ascending")])
        return table.take(order).combine_chunks().to_batches()[0]

    return decide

"""`--engine spark`: the batch function and the catalogue roll-up on Apache Spark.

pyspark is an optional extra (`pip install -e '.[spark]'`, needs a Java runtime) and is
imported only here, inside the functions that use it. Local mode (`local[N]`) runs on one
machine and is what the tests compare against the local engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from longarm.errors import LongarmError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


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

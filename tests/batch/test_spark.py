"""Spark local mode gives the same results as the local engine, on generated data.

Skipped only where pyspark or Java is absent on a developer's machine; CI sets
LONGARM_REQUIRE_SPARK=1 (see .ci/run), which turns a missing Spark into a failure.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from longarm.bom.csr_rollup import COUNT, OPEN, STOP, PredicateMasks, roll_up_catalogue
from longarm.synthetic.catalogue import generate_catalogue
from longarm.synthetic.supply import generate_supply_chain
from longarm.synthetic.tables import write_tables


def _spark_missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed (pip install -e '.[spark]')"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java runtime (java not on PATH, JAVA_HOME unset)"
    return None


MISSING = _spark_missing()
if MISSING and os.environ.get("LONGARM_REQUIRE_SPARK") == "1":
    raise RuntimeError(f"LONGARM_REQUIRE_SPARK=1 but Spark cannot run: {MISSING}")
pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from longarm.batch.spark import spark_session

    session = spark_session("local[2]", "longarm-test")
    session.conf.set("spark.sql.shuffle.partitions", "2")
    yield session
    session.stop()


def test_level_by_level_rollup_matches_local(spark: Any) -> None:
    """Totals, intervals, missing flags and the largest contribution's row, item by item,
    under a predicate with count, open, stop and several-action (unknown) items."""
    from longarm.batch.spark_rollup import catalogue_frames, roll_up_spark

    cat = generate_catalogue(300, 1200, seed=21, levels=4, unknown_value_share=0.02)
    rng = np.random.default_rng(3)
    mask = rng.choice(
        [COUNT, OPEN, STOP, COUNT | OPEN, COUNT | STOP, OPEN | STOP],
        size=cat.n_items,
        p=[0.2, 0.55, 0.1, 0.05, 0.05, 0.05],
    ).astype(np.uint8)
    several = np.flatnonzero(~np.isin(mask, (COUNT, OPEN, STOP)))
    unknown = {int(k): (f"items[{cat.ids[k]}].origin",) for k in several[::2]}
    graph = cat.graph()
    local = roll_up_catalogue(graph, PredicateMasks(mask, unknown))

    items, bom = catalogue_frames(spark, graph, mask)
    flagged = spark.createDataFrame([(cat.ids[k],) for k in unknown], "id string")
    rows = roll_up_spark(items, bom, value_den=graph.value_den, qty_den=graph.qty_den,
                         flagged=flagged).collect()  # fmt: skip
    assert len(rows) == cat.n_items
    a = local.arrays
    for row in rows:
        r = int(graph.rank[local.index(row["id"])])
        assert row["height"] == graph.height[r], row["id"]
        assert (int(row["lo"]), bool(row["inf"])) == (int(a.lo[r]), bool(a.inf[r])), row["id"]
        if not a.inf[r]:
            assert int(row["hi"]) == int(a.hi[r]), row["id"]
        assert bool(row["has_missing"]) == bool(a.has_missing[r]), row["id"]
        edge = int(a.largest_edge[r])
        want_pos = None if edge < 0 else edge - int(graph.indptr[r])
        assert row["largest_pos"] == want_pos, row["id"]
        if edge >= 0:
            assert bool(row["largest_opens"]) == bool(a.key_opens[graph.child[edge]]), row["id"]


def test_batch_rows_are_the_same_on_spark(spark: Any, tmp_path: Path) -> None:
    """`longarm batch --engine spark` writes the same lines.csv as `--engine local`."""
    from longarm.batch.runs import RunRequest, run_batch
    from longarm.store.database import Store

    chain = generate_supply_chain(120, 300, 60, seed=9)
    write_tables(chain, tmp_path / "tables", "csv")
    outputs = {}
    for engine in ("local", "spark"):
        with Store.open(tmp_path / f"{engine}.duckdb") as store:
            request = RunRequest(
                tmp_path / "tables", tmp_path / engine, engine=engine, batch_rows=25,
                progress=False,
            )  # fmt: skip
            summary = run_batch(request, store)
        assert summary.lines == 60 and summary.rows == 120
        outputs[engine] = (tmp_path / engine / "lines.csv").read_bytes()
    assert outputs["spark"] == outputs["local"]

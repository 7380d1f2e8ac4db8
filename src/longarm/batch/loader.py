"""Load a read table folder into the store, once per content, in one transaction.

A dataset is named by the sha256 of its files: loading the same files again is a no-op
(so a resumed run finds its lines), and a load that fails leaves the store as it was.
Lines are stored joined with their shipment facts, in `seq` order (`batch.inputs`), which
is the shape batch runs stream.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import pyarrow as pa

from longarm.batch.inputs import input_batches
from longarm.store.database import Store
from longarm.tables.reader import Tables

DDL = """
CREATE TABLE IF NOT EXISTS erp_datasets (
    dataset VARCHAR PRIMARY KEY, folder VARCHAR, files VARCHAR, loaded_at VARCHAR,
    n_items BIGINT, n_parties BIGINT, n_shipments BIGINT, n_lines BIGINT);
CREATE TABLE IF NOT EXISTS erp_items (dataset VARCHAR, id VARCHAR, facts VARCHAR);
CREATE TABLE IF NOT EXISTS erp_parties (dataset VARCHAR, id VARCHAR, facts VARCHAR);
CREATE TABLE IF NOT EXISTS erp_fx (dataset VARCHAR, currency VARCHAR, usd_per_unit VARCHAR);
CREATE TABLE IF NOT EXISTS erp_lines (
    dataset VARCHAR, seq BIGINT, shipment VARCHAR, line BIGINT, item VARCHAR,
    quantity VARCHAR, as_of DATE, ship_from VARCHAR, destination VARCHAR, exporter VARCHAR,
    consignee VARCHAR, end_user VARCHAR, end_uses VARCHAR);
"""


def dataset_id(tables: Tables) -> str:
    """The content name of a table folder: sha256 over its files' names and hashes."""
    canonical = json.dumps(sorted(tables.sha256.items()))
    return hashlib.sha256(canonical.encode()).hexdigest()


def load_tables(store: Store, tables: Tables) -> str:
    """Store the tables (unless this content is already there); returns the dataset id."""
    store.ensure_schema("erp", DDL)
    dataset = dataset_id(tables)
    con = store.con
    if con.execute("SELECT 1 FROM erp_datasets WHERE dataset = ?", [dataset]).fetchall():
        return dataset
    cat = tables.catalogue
    with store.transaction():
        con.executemany(
            "INSERT INTO erp_items VALUES (?, ?, ?)",
            [[dataset, i.id, i.model_dump_json()] for i in cat.items.values()],
        )
        con.executemany(
            "INSERT INTO erp_parties VALUES (?, ?, ?)",
            [[dataset, p.id, p.model_dump_json()] for p in cat.parties.values()],
        )
        if cat.fx:
            con.executemany(
                "INSERT INTO erp_fx VALUES (?, ?, ?)",
                [[dataset, k, str(v)] for k, v in sorted(cat.fx.items())],
            )
        for batch in input_batches(tables):
            con.register("erp_chunk", pa.Table.from_batches([batch]))
            try:
                con.execute("INSERT INTO erp_lines SELECT ?, * FROM erp_chunk", [dataset])
            finally:
                con.unregister("erp_chunk")
        con.execute(
            "INSERT INTO erp_datasets VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                dataset,
                str(tables.folder),
                json.dumps(tables.sha256, sort_keys=True),
                datetime.now(UTC).isoformat(timespec="seconds"),
                len(cat.items),
                len(cat.parties),
                len(tables.shipments),
                len(tables.lines),
            ],
        )
    return dataset

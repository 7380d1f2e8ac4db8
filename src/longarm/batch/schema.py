"""The Arrow shapes of a batch: shipment lines in, one row per line and regime out.

Input rows are the lines table joined with their shipment's facts (CONTRACT.md section 8);
output rows are the `lines.parquet` / `lines.csv` columns of section 8. `seq` orders the
input (and so the output) deterministically, whatever engine ran it.
"""

from __future__ import annotations

import pyarrow as pa

INPUT_SCHEMA = pa.schema(
    [
        ("seq", pa.int64()),
        ("shipment", pa.string()),
        ("line", pa.int64()),
        ("item", pa.string()),
        ("quantity", pa.string()),  # exact decimal text, as the case models read it
        ("as_of", pa.date32()),
        ("ship_from", pa.string()),
        ("destination", pa.string()),
        ("exporter", pa.string()),
        ("consignee", pa.string()),
        ("end_user", pa.string()),
        ("end_uses", pa.string()),  # ';'-joined end-use values
    ]
)

ROW_COLUMNS = (
    "shipment",
    "line",
    "item",
    "quantity",
    "regime",
    "outcome",
    "hold",
    "rules",
    "reasons",
)
"""The columns of `lines.parquet` and `lines.csv`, in contract order."""

OUTPUT_SCHEMA = pa.schema(
    [
        ("seq", pa.int64()),
        ("shipment", pa.string()),
        ("line", pa.int64()),
        ("item", pa.string()),
        ("quantity", pa.float64()),
        ("regime", pa.string()),
        ("outcome", pa.string()),
        ("hold", pa.bool_()),
        ("rules", pa.string()),
        ("reasons", pa.string()),
    ]
)

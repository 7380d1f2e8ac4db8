"""Read tables -> input record batches (`schema.INPUT_SCHEMA`), in `seq` order.

`seq` numbers the lines sorted by shipment then line number, so every engine and every
resumed run sees the same rows in the same order.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa

from longarm.batch.schema import INPUT_SCHEMA
from longarm.tables.reader import Tables

BATCH_ROWS = 8192
"""Input lines per record batch (and per checkpoint): small enough for flat memory and
frequent checkpoints, large enough that Arrow overheads vanish."""


def input_batches(tables: Tables, rows: int = BATCH_ROWS) -> Iterator[pa.RecordBatch]:
    """The lines of `tables` joined with their shipments, `rows` at a time."""
    buffer: dict[str, list[object]] = {name: [] for name in INPUT_SCHEMA.names}
    for seq, (ship_id, number, line) in enumerate(tables.lines):
        as_of, shipment = tables.shipments[ship_id]
        values = (
            seq,
            ship_id,
            number,
            line.item,
            str(line.quantity),
            as_of,
            shipment.ship_from,
            shipment.destination,
            shipment.exporter,
            shipment.consignee,
            shipment.end_user,
            ";".join(u.value for u in shipment.end_uses),
        )
        for name, value in zip(INPUT_SCHEMA.names, values, strict=True):
            buffer[name].append(value)
        if len(buffer["seq"]) >= rows:
            yield pa.RecordBatch.from_pydict(buffer, schema=INPUT_SCHEMA)
            buffer = {name: [] for name in INPUT_SCHEMA.names}
    if buffer["seq"]:
        yield pa.RecordBatch.from_pydict(buffer, schema=INPUT_SCHEMA)

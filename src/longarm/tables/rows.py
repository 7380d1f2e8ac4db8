"""One table row -> a validated case model, or the issues that row has.

Each row is shaped by `cells` and validated by the very pydantic models that validate a
case file (`longarm.domain.case`), so a table and a case file obey the same rules. A
pydantic error is turned into an issue naming the column that holds the field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar, cast

from pydantic import BaseModel, TypeAdapter, ValidationError

from longarm.domain.case import Case, Component, Item, Line, Owner, Party, Shipment
from longarm.io.case_reader import _message, format_path
from longarm.tables import cells
from longarm.tables.errors import TableIssue
from longarm.tables.source import Row

M = TypeVar("M", bound=BaseModel)

_AS_OF: TypeAdapter[date] = TypeAdapter(date)
"""`Case.as_of` is a plain date: the same rule for a shipment row."""
_FX: TypeAdapter[dict[str, Any]] = TypeAdapter(cast(Any, Case.model_fields["fx"].annotation))
"""The case file's own `fx` rule (ISO currency, finite rate > 0), one row at a time."""
_PLACEHOLDER_LINE = {"item": "-", "quantity": 1}
"""Shipment rows are validated without their lines (they come from the lines table)."""


class RowCheck:
    """Collects the issues of one row of one file."""

    def __init__(self, file: str, row: int, issues: list[TableIssue]) -> None:
        self.file = file
        self.row = row
        self.issues = issues
        self.ok = True

    def fail(self, column: str | None, reason: str) -> None:
        self.ok = False
        self.issues.append(TableIssue(self.file, self.row, column, reason))

    def shape(self, column: str, parse: Callable[[], Any], data: dict[str, Any], key: str) -> None:
        """Put `parse()` into `data[key]` unless it is None; note a cell error."""
        try:
            value = parse()
        except cells.CellError as exc:
            self.fail(column, str(exc))
            return
        if value is not None:
            data[key] = value

    def model(self, model: type[M], data: dict[str, Any], columns: Mapping[str, str]) -> M | None:
        """Validate with a case model; `columns` maps its field names to column names."""
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                loc = tuple(error["loc"])
                field = str(loc[0]) if loc else ""
                reason = _message(error)
                # A list cell's inner path says which entry is wrong: materials[1].element.
                where = format_path(loc) if len(loc) > 1 else ""
                self.fail(columns.get(field, field), f"{where}: {reason}" if where else reason)
            return None


def item(check: RowCheck, row: Row) -> Item | None:
    data: dict[str, Any] = {}
    for key in ("id", "origin", "description", "currency"):
        if row.get(key) is not None:
            data[key] = row[key]
    data["unit_value"] = cells.maybe_unknown(row.get("unit_value"))
    for key in ("controls", "made_with", "plant_made_with", "review_classes"):
        if values := cells.split_list(row.get(key)):
            data[key] = values
    check.shape(
        "materials", lambda: cells.materials(row.get("materials")) or None, data, "materials"
    )
    check.shape(
        "technologies", lambda: cells.technologies(row.get("technologies")), data, "technologies"
    )
    found = check.model(Item, data, {})
    return found if check.ok else None


def component(check: RowCheck, row: Row) -> tuple[str, Component] | None:
    if row.get("parent") is None:
        check.fail("parent", "required field missing")
    data = {k: v for k, v in (("item", row.get("child")), ("quantity", row.get("quantity"))) if v}
    found = check.model(Component, data, {"item": "child"})
    parent = row.get("parent")
    return (parent, found) if check.ok and found is not None and parent else None


def party(check: RowCheck, row: Row) -> Party | None:
    keys = ("id", "name", "country", "headquarters")
    data: dict[str, Any] = {k: row[k] for k in keys if row.get(k) is not None}
    check.shape("military", lambda: cells.boolean(row.get("military")), data, "military")
    check.shape("lists", lambda: cells.list_memberships(row.get("lists")) or None, data, "lists")
    found = check.model(Party, data, {})
    return found if check.ok else None


def owner(check: RowCheck, row: Row) -> tuple[str, Owner] | None:
    if row.get("party") is None:
        check.fail("party", "required field missing")
    data: dict[str, Any] = {"share": cells.maybe_unknown(row.get("share"))}
    if row.get("owner") is not None:
        data["party"] = row["owner"]
    found = check.model(Owner, data, {"party": "owner"})
    owned = row.get("party")
    return (owned, found) if check.ok and found is not None and owned else None


def shipment(check: RowCheck, row: Row) -> tuple[date, Shipment] | None:
    keys = ("id", "ship_from", "destination", "exporter", "consignee", "end_user")
    data: dict[str, Any] = {k: row[k] for k in keys if row.get(k) is not None}
    check.shape("end_uses", lambda: cells.split_list(row.get("end_uses")) or None, data, "end_uses")
    data["lines"] = [_PLACEHOLDER_LINE]
    as_of: date | None = None
    if row.get("as_of") is None:
        check.fail("as_of", "required field missing")
    else:
        try:
            as_of = _AS_OF.validate_python(row["as_of"])
        except ValidationError as exc:
            check.fail("as_of", _message(exc.errors()[0]))
    found = check.model(Shipment, data, {})
    return (as_of, found) if check.ok and found is not None and as_of is not None else None


def line(check: RowCheck, row: Row) -> tuple[str, int, Line] | None:
    number = 0
    if row.get("shipment") is None:
        check.fail("shipment", "required field missing")
    try:
        number = cells.whole_number(row.get("line"))
    except cells.CellError as exc:
        check.fail("line", str(exc))
    data = {k: v for k, v in (("item", row.get("item")), ("quantity", row.get("quantity"))) if v}
    found = check.model(Line, data, {})
    ship = row.get("shipment")
    return (ship, number, found) if check.ok and found is not None and ship else None


def fx_rate(check: RowCheck, row: Row) -> tuple[str, Any] | None:
    currency, rate = row.get("currency"), row.get("usd_per_unit")
    if currency is None:
        check.fail("currency", "required field missing")
        return None
    if rate is None:
        return None  # a currency listed without a rate gives no rate
    try:
        parsed = _FX.validate_python({currency: rate})
    except ValidationError as exc:
        for error in exc.errors():
            # A dict's key errors end their location with "[key]"; value errors do not.
            column = "currency" if "[key]" in map(str, error["loc"]) else "usd_per_unit"
            check.fail(column, _message(error))
        return None
    return currency, parsed[currency]

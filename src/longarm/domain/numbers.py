"""Numbers a case may hold, and their documented limits (README, "Limits").

Every amount is exact (`Decimal` in, `Fraction` in the roll-up), so an amount must be a
number as written, never text that a parser might read several ways (`012`, `1:30`,
`0b11`), and within limits that keep exact arithmetic cheap: a value of `1e999999999`
would otherwise turn into a billion-digit integer. The limits are far beyond any real
shipment; anything past them is bad input, not a hang.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

MAX_VALUE = Decimal(10) ** 15
"""Largest unit value, in the item's currency."""
MAX_QUANTITY = Decimal(10) ** 9
"""Largest quantity of a line or of a component per unit of its parent."""
MAX_FX = Decimal(10) ** 6
"""Largest exchange rate (USD per unit of a currency)."""
MAX_DECIMAL_PLACES = 12
"""Most digits after the decimal point of any amount, quantity, share or rate."""

_YAML11_NUMBER = re.compile(
    r"^[-+]?(?:0[0-9_]+|0[bB][01_]+|0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+"
    r"(?:\.[0-9_]*)?|[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?)$"
)
_PLAIN_DECIMAL = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]{1,6})?$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def as_number(value: object) -> object:
    """The exact number `value` stands for; booleans and ambiguous text are refused.

    Text is read only in plain decimal ("0.25", "1e3"), which has one reading.

    Other types pass through unchanged so that the field's own type check names them.
    """
    if isinstance(value, bool):
        raise ValueError("must be a number, not true/false")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))  # the shortest decimal that round-trips: what was written
    if isinstance(value, str):
        text = value.strip()
        if _PLAIN_DECIMAL.match(text) and len(text) <= 64:
            return Decimal(text)  # quoted for exactness ("0.25"): one reading only
        if _YAML11_NUMBER.match(text):
            raise ValueError(
                f"{value!r} is ambiguous (YAML 1.1 reads leading zeros as octal, 0b/0x as "
                "binary/hex, 1:30 as base 60); write the number in plain decimal"
            )
        raise ValueError(f"must be a number, not text {value!r}")
    return value


def bounded(value: Decimal, *, maximum: Decimal, minimum: Decimal = Decimal(0)) -> Decimal:
    """Check a finite number lies in [minimum, maximum] with few enough decimal places."""
    if not value.is_finite():
        raise ValueError("must be a finite number")
    if value < minimum:
        raise ValueError(f"must be >= {minimum}")
    if value > maximum:
        raise ValueError(f"must be at most {maximum:,} (documented limit)")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMAL_PLACES and value != 0:
        normal = value.normalize()
        places = -int(normal.as_tuple().exponent)
        if places > MAX_DECIMAL_PLACES:
            raise ValueError(
                f"has {places} decimal places, over {MAX_DECIMAL_PLACES} (documented limit)"
            )
        return normal
    return value


def as_date(value: object) -> object:
    """A date as written `YYYY-MM-DD` (or a YAML date); numbers and date-times are refused."""
    if isinstance(value, datetime):
        raise ValueError("must be a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, date):
        return value
    if isinstance(value, int | float | Decimal):  # bool is an int too
        raise ValueError(
            f"must be a date written YYYY-MM-DD, not the number {value} (no Unix timestamps)"
        )
    if isinstance(value, str):
        text = value.strip()
        if not _ISO_DATE.match(text):
            raise ValueError(f"must be a date written YYYY-MM-DD, not {value!r}")
        try:
            return date.fromisoformat(text)
        except ValueError as exc:
            raise ValueError(f"not a calendar date: {value!r} ({exc})") from exc
    return value

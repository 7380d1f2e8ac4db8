"""ISO code validation for countries and currencies (ISO data from pycountry)."""

from __future__ import annotations

from functools import cache

import pycountry

# Kosovo has no ISO 3166-1 code but "XK" is the user-assigned code every trade list uses for it.
_USER_ASSIGNED_COUNTRIES = frozenset({"XK"})


@cache
def _countries() -> frozenset[str]:
    return frozenset(c.alpha_2 for c in pycountry.countries) | _USER_ASSIGNED_COUNTRIES


@cache
def _currencies() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


def check_country(code: str) -> str:
    """Return the code if it is an ISO 3166-1 alpha-2 country code, else raise ValueError."""
    if code not in _countries():
        raise ValueError(f"not an ISO 3166-1 alpha-2 country code: {code!r}")
    return code


def check_currency(code: str) -> str:
    """Return the code if it is an ISO 4217 currency code, else raise ValueError."""
    if code not in _currencies():
        raise ValueError(f"not an ISO 4217 currency code: {code!r}")
    return code

"""ISO code validation for countries and currencies (ISO data from pycountry), and the
canonical spelling of classification codes."""

from __future__ import annotations

import re
import unicodedata
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


_LIST_CODE = re.compile(r"^(?P<entry>[0-9][A-Z][0-9]{3})(?P<paragraphs>(?:\.[0-9a-z]+)*)$")


def normalise_code(code: str) -> str:
    """A namespaced classification in its one canonical spelling, where that is certain.

    Certain: full-width forms and surrounding spaces (`ＵＳ：３Ａ０９０．ａ `), the
    namespace's case (`us:`), the entry's category letter (`3a090`) and paragraph letters
    (`.A`), because list codes write the entry's letter in upper case and every paragraph
    in lower case (the CCL of 15 CFR 774 and the PRC dual-use list alike), and the
    spelling of a not-listed mark such as `ear99`. Anything else is kept as written, for
    the caller to check against what the pack knows.
    """
    text = unicodedata.normalize("NFKC", code).strip()
    regime, sep, rest = text.partition(":")
    if not sep:
        return text
    regime, rest = regime.strip().upper(), rest.strip()
    entry, dot, paragraphs = rest.partition(".")
    candidate = entry.upper() + (dot + paragraphs.lower() if dot else "")
    if _LIST_CODE.match(candidate):
        return f"{regime}:{candidate}"
    if rest.isalnum():
        return f"{regime}:{rest.upper()}"  # a mark like EAR99
    return f"{regime}:{rest}"

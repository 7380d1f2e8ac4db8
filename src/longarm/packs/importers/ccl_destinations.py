"""Where a CCL licence requirement stated in words applies: the destination scope of a row
whose `countryChart` text names no Country Chart column.

The text is read into `destinations` only when it has one of the shapes the CCL uses for
such rows, every country it names resolves to a code, and nothing else is left over:

- "To or within any destination worldwide. See § 742.6(a)(6)(iii)(A) of the EAR."
- "Worldwide control. See § 742.4(a)(5) and (b)(10) of the EAR."
- "A license is required for all destinations, as specified in § 742.13 ..."
- "A license is required for ALL destinations, except Canada, regardless of end use."
- "To or within the United Arab Emirates or destinations specified in Country Groups D:1,
  D:4, and D:5 ..., excluding any destination also specified in Country Groups A:5 or A:6."
- "To or within Macau or a destination specified in Country Group D:5 ..."
- "China, Russia, or Venezuela (see § 742.6(a)(7))."
- "A license is required for items controlled by this entry to North Korea ..." and
  "... for export or reexport to Iraq or Pakistan ..."

Anything else (a bare pointer such as "See § 742.6(a)(11) of the EAR." or "See § 746.1(b)
for UN controls") is left `null` with its pointer kept: the US pack interprets pointers as
cited data (`ear-742.yaml`), or the engine answers needs_review quoting the row.
"""

from __future__ import annotations

import re
from typing import Any

from longarm.packs.importers.countries import resolve_exact

_POINTER = re.compile(r"§§?\s*[0-9]{3}\.[0-9]+(?:\([0-9a-zA-Z]+\))*")
_GROUP = re.compile(r"\b([A-E]:[0-9])\b|\bGroups?\s+([A-E])\b(?!:)")
_GROUP_LIST = re.compile(r"Country Groups?\s+((?:[A-E]:[0-9](?:,?\s*(?:and|or)?\s*)?)+)")
_EXCLUDING = re.compile(r",?\s*excluding any destination also specified in (Country Groups?[^.]*)")
_WORLDWIDE = re.compile(
    r"^(?:To or within any destination worldwide|Worldwide control|A license is required "
    r"for (?:all|ALL) destinations)(?P<rest>.*)$",
    re.DOTALL,
)
_EXCEPT_COUNTRY = re.compile(r"^,?\s*except (?P<names>[A-Z][A-Za-z ,]+?)(?:,|\.|$)")
_TO_OR_WITHIN = re.compile(r"^To or within (?P<who>.+?)(?:\.|,)\s*(?:See|$)", re.DOTALL)
_NAMED_LIST = re.compile(r"^(?P<names>[A-Z][A-Za-z]+(?:,? (?:or )?[A-Z][A-Za-z]+)+)\s*\(see")
_LICENCE_TO = re.compile(
    r"^A license is required for (?:items controlled by (?:this entry|paragraph \.[a-z] of "
    r"this entry)(?:, other than [^,]+,)?|export or reexport of these items) (?:for export or "
    r"reexport )?to (?P<names>[A-Z][A-Za-z]+(?: (?:or |and )?[A-Z][A-Za-z]+)*)(?: or transfer "
    r"within [A-Z][A-Za-z]+(?: (?:or |and )?[A-Z][A-Za-z]+)*)? for [a-z -]+ reasons"
)


def _codes(names: str) -> list[str] | None:
    """Codes for "North Korea", "Iraq or Pakistan", "China, Russia, or Venezuela"; None if
    any name does not resolve."""
    parts = [p.strip() for p in re.split(r",|\bor\b|\band\b", names) if p.strip()]
    codes = [resolve_exact(p) for p in parts]
    return None if not codes or any(c is None for c in codes) else [c for c in codes if c]


def _groups(text: str) -> list[str]:
    found: list[str] = []
    for match in _GROUP_LIST.finditer(text):
        found.extend(re.findall(r"[A-E]:[0-9]", match[1]))
    return found


def _scope(
    worldwide: bool = False,
    countries: list[str] | None = None,
    groups: list[str] | None = None,
    exclude_countries: list[str] | None = None,
    exclude_groups: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "worldwide": worldwide,
        "countries": sorted(countries or []),
        "groups": sorted(groups or []),
        "exclude_countries": sorted(exclude_countries or []),
        "exclude_groups": sorted(exclude_groups or []),
    }


def read_destinations(text: str) -> dict[str, Any]:
    """The destination scope of a requirement stated in words, and the section it cites.

    Returns:
        {"destinations": scope or None, "pointer": "§ 742.6(a)(6)(iii)(A)" or None}.
    """
    text = " ".join(text.split())
    pointer = _POINTER.search(text)
    return {
        "destinations": _read(text),
        "pointer": " ".join(pointer[0].split()) if pointer else None,
    }


def _read(text: str) -> dict[str, Any] | None:
    if match := _WORLDWIDE.match(text):
        rest = match["rest"]
        if (excepted := _EXCEPT_COUNTRY.match(rest)) is not None:
            codes = _codes(excepted["names"])
            return None if codes is None else _scope(True, exclude_countries=codes)
        return _scope(True)
    if match := _TO_OR_WITHIN.match(text):
        who = match["who"]
        excluded: list[str] = []
        if (ex := _EXCLUDING.search(who)) is not None:
            excluded = _groups(ex[1])
            who = who[: ex.start()]
        groups = _groups(who)
        named = re.sub(r"(?:a )?destinations? specified in Country Groups?.*$", "", who)
        named = named.strip().removeprefix("the ").strip().removesuffix(" or").strip()
        codes = _codes(named) if named else []
        if codes is None or not (codes or groups):
            return None
        return _scope(countries=codes, groups=groups, exclude_groups=excluded)
    if match := _NAMED_LIST.match(text):
        codes = _codes(match["names"])
        return None if codes is None else _scope(countries=codes)
    if match := _LICENCE_TO.match(text):
        codes = _codes(match["names"])
        return None if codes is None else _scope(countries=codes)
    return None

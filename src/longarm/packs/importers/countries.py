"""Turn the English country names of the eCFR extracts into ISO 3166-1 alpha-2 codes.

The extracts key destinations by the names the EAR prints ("Korea, South", "Burma",
"Bahamas, The"), and the two files do not even agree with each other ("Congo (Democratic
Republic of the)" in Part 738, "Congo (Democratic Republic of)" in Part 740). A name is
resolved, in this order, by:

1. the override table `country_names.yaml` next to this module, for spellings that
   neither pycountry nor the file's own aliases resolve (each entry says why);
2. pycountry, matching the name exactly (case-insensitively) against an ISO short name,
   common name or official name, never fuzzily;
3. the file's aliases that point at the name ("myanmar" -> "Burma"), resolved by 1 or 2.

A name that none of these resolves, or whose aliases resolve to different codes, stops the
import: a wrong code would silently move a country between chart rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from importlib.resources import files

import pycountry

from longarm.domain.codes import check_country
from longarm.errors import InputError
from longarm.io.strict_yaml import load_yaml

OVERRIDES_FILE = "country_names.yaml"


@cache
def load_overrides() -> Mapping[str, str]:
    """Read the override table, keyed by casefolded name; fails loudly if malformed."""
    text = files(__package__).joinpath(OVERRIDES_FILE).read_text(encoding="utf-8")
    document = load_yaml(text)
    table = document.get("overrides") if isinstance(document, dict) else None
    if not isinstance(table, dict):
        raise InputError(OVERRIDES_FILE, "overrides", "expected a mapping of name to code")
    overrides: dict[str, str] = {}
    for name, code in table.items():
        if not isinstance(name, str) or not isinstance(code, str):
            raise InputError(OVERRIDES_FILE, f"overrides.{name}", "expected name: code strings")
        try:
            overrides[name.casefold()] = check_country(code)
        except ValueError as error:
            raise InputError(OVERRIDES_FILE, f"overrides.{name}", str(error)) from error
    return overrides


def _pycountry_code(name: str) -> str | None:
    """The alpha-2 code of an exact ISO name, common name or official name, else None."""
    # pycountry's get() compares case-insensitively and exactly; lookup() is not used
    # because it also matches alpha-2/alpha-3 codes ("US", "UK" would be misread).
    matches = (
        pycountry.countries.get(name=name),
        pycountry.countries.get(common_name=name),
        pycountry.countries.get(official_name=name),
    )
    for country in matches:
        if country is not None:
            return str(country.alpha_2)
    return None


def resolve_exact(name: str) -> str | None:
    """Resolve one spelling by the override table, then pycountry; None if neither knows it."""
    spelled = " ".join(name.replace(" & ", " and ").split())
    override = load_overrides().get(spelled.casefold())
    return override if override is not None else _pycountry_code(spelled)


class CountryResolver:
    """Resolve the names of one extract, using that extract's alias table.

    Args:
        source: the extract's file name, for error messages.
        aliases: the extract's `aliases` object (lower-case alias -> name as written).
    """

    def __init__(self, source: str, aliases: Mapping[str, str]) -> None:
        self._source = source
        self._aliases_of: dict[str, list[str]] = {}
        for alias, target in sorted(aliases.items()):
            self._aliases_of.setdefault(target, []).append(alias)

    def code(self, name: str, field: str) -> str:
        """Return the code for a name as written in the extract.

        Args:
            name: the country name exactly as the extract writes it.
            field: the JSON path where the name was read, for the error message.

        Raises:
            InputError: the name cannot be resolved, or its aliases disagree.
        """
        direct = resolve_exact(name)
        if direct is not None:
            return direct
        via_aliases = {
            code for alias in self._aliases_of.get(name, []) if (code := resolve_exact(alias))
        }
        if len(via_aliases) == 1:
            return via_aliases.pop()
        reason = (
            f"aliases of {name!r} resolve to different codes {sorted(via_aliases)}"
            if via_aliases
            else f"cannot map country name {name!r} to an ISO 3166-1 alpha-2 code; "
            f"add it to {OVERRIDES_FILE} if the spelling is right"
        )
        raise InputError(self._source, field, reason)

    def codes(self, names: Iterable[str], field: str) -> list[str]:
        """Resolve several names; fails if two of them land on the same code."""
        resolved: dict[str, str] = {}
        for index, name in enumerate(names):
            code = self.code(name, f"{field}[{index}]")
            if code in resolved:
                raise InputError(
                    self._source,
                    f"{field}[{index}]",
                    f"{name!r} and {resolved[code]!r} both map to {code}",
                )
            resolved[code] = name
        return sorted(resolved)

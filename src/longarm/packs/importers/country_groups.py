"""Import the EAR Country Groups (15 CFR Part 740, Supplement No. 1).

Output, keyed by ISO alpha-2 code: each group's members, each country's groups, and the
territories the extract folds into another destination (its aliases send "hong kong" to
"China (PRC)": Hong Kong is no longer a separate destination, so it takes China's groups).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from longarm.packs.importers._keys import snake_keys
from longarm.packs.importers.countries import CountryResolver, resolve_exact
from longarm.packs.importers.snapshot import Snapshot


def import_country_groups(path: Path) -> dict[str, Any]:
    """Read a Part 740 extract and return the `country_groups.json` table.

    Args:
        path: the eCFR extract (`ear_part740_country_groups_<date>.json`).

    Returns:
        The table as a JSON-ready dict; see the module docstring for its content.

    Raises:
        InputError: a field is missing or malformed, a name cannot be mapped to a code, a
            group has no label, or the extract's `byCountry` index disagrees with `groups`.
    """
    snap = Snapshot(path)
    doc = snap.document
    table = snap.provenance("Part 740")

    labels = {
        group: snap.expect(label, str, f"labels.{group}")
        for group, label in snap.field(doc, "labels", dict, "").items()
    }
    aliases = {
        alias: snap.expect(target, str, f"aliases.{alias}")
        for alias, target in snap.field(doc, "aliases", dict, "").items()
    }
    resolver = CountryResolver(snap.name, aliases)

    groups: dict[str, list[str]] = {}
    names: dict[str, set[str]] = {}
    for group, raw_members in snap.field(doc, "groups", dict, "").items():
        where = f"groups.{group}"
        if group not in labels:
            raise snap.error(where, "group has no entry in labels")
        members = snap.expect(raw_members, list, where)
        for index, name in enumerate(members):
            snap.expect(name, str, f"{where}[{index}]")
            names.setdefault(resolver.code(name, f"{where}[{index}]"), set()).add(name)
        groups[group] = resolver.codes(members, where)
    if missing := sorted(set(labels) - set(groups)):
        raise snap.error("groups", f"labelled groups with no member list: {missing}")

    by_country: dict[str, list[str]] = {}
    for group in sorted(groups):
        for code in groups[group]:
            by_country.setdefault(code, []).append(group)

    # The extract's own byCountry index (A, D and E only) must agree with the member lists;
    # a disagreement means the extract's generator or the eCFR table changed shape.
    for letter, index in snap.field(doc, "byCountry", dict, "").items():
        where = f"byCountry.{letter}"
        for name, listed in snap.expect(index, dict, where).items():
            code = resolver.code(name, f"{where}.{name}")
            expected = [g for g in by_country.get(code, []) if g.startswith(letter)]
            if sorted(snap.expect(listed, list, f"{where}.{name}")) != expected:
                raise snap.error(f"{where}.{name}", f"disagrees with groups: {expected}")

    inheritance: dict[str, dict[str, str]] = {}
    alias_codes: dict[str, str] = {}
    for alias, target in aliases.items():
        target_code = resolver.code(target, f"aliases.{alias}")
        alias_codes[alias] = target_code
        # An alias that is itself the name of another, unlisted destination folds that
        # destination into the target's groups.
        own_code = resolve_exact(alias)
        if own_code is not None and own_code != target_code and own_code not in by_country:
            inheritance[own_code] = {
                "name": alias,
                "row": target_code,
                "basis": f"the extract aliases {alias!r} to {target!r}",
            }

    table |= {
        "labels": labels,
        "groups": groups,
        "by_country": by_country,
        "names": {code: sorted(spellings) for code, spellings in names.items()},
        "aliases": alias_codes,
        "territory_inheritance": inheritance,
        "notes": snake_keys(snap.field(doc, "notes", dict, "")),
    }
    return table

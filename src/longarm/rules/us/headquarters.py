"""Where a party's ultimate parent is headquartered (15 CFR 742.6(a)(6), 744.23: entities
"headquartered in, or with an ultimate parent headquartered in, Macau or Country Group D:5").

Declared (`parties[].headquarters`) or derived: climb the owners holding more than half of a
party to the top of the chain and take that party's country. Owners whose shares are unknown
may be the majority owner, so each of them adds its own answer as a possibility: the result
is the set of countries the headquarters may be in, decided when all agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from longarm.domain.case import UNKNOWN, Case, Party


@dataclass(frozen=True)
class Headquarters:
    countries: frozenset[str]
    """Where the ultimate parent may be headquartered; empty when it is wholly unknown."""
    path: tuple[str, ...]
    """The majority-ownership chain followed (party first)."""
    missing: tuple[str, ...] = ()


def headquarters(case: Case, party: Party, _seen: frozenset[str] = frozenset()) -> Headquarters:
    """The possible headquarters countries of `party`'s ultimate parent."""
    if party.headquarters == UNKNOWN:
        return Headquarters(frozenset(), (party.id,), (f"parties[{party.id}].headquarters",))
    if party.headquarters is not None:
        return Headquarters(frozenset({party.headquarters}), (party.id,))
    seen = _seen | {party.id}
    majority = [o for o in party.owners if o.share is not None and o.share * 2 > 1]
    if majority and majority[0].party not in seen:
        above = headquarters(case, case.parties_by_id[majority[0].party], seen)
        return Headquarters(above.countries, (party.id, *above.path), above.missing)
    open_owners = [o for o in party.owners if o.share is None and o.party not in seen]
    if majority or not open_owners:
        return Headquarters(frozenset({party.country}), (party.id,))
    countries = {party.country}
    missing = [f"parties[{party.id}].owners[{o.party}].share" for o in open_owners]
    for owner in open_owners:
        above = headquarters(case, case.parties_by_id[owner.party], seen)
        countries |= above.countries
        missing.extend(above.missing)
    return Headquarters(frozenset(countries), (party.id,), tuple(dict.fromkeys(missing)))

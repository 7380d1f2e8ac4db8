"""Rules that need the whole case: unique ids, references, currencies, an acyclic and
bounded bill of materials, known options and known classification codes.

Each check returns every problem it finds as (field path, reason), so a case reports all
its errors at once.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from longarm.domain.case import Case

Problem = tuple[str, str]


def consistency_problems(case: Case, *, check_codes: bool = True) -> list[Problem]:
    """Every whole-case problem of `case` (empty when it is consistent)."""
    problems = [
        *_unique("items", [i.id for i in case.items]),
        *_unique("parties", [p.id for p in case.parties]),
        *_references(case),
        *_currencies(case),
        *_options(case),
    ]
    if check_codes:
        problems.extend(_codes(case))
    if not problems:  # the graph checks assume every reference resolves
        problems.extend(_bom(case))
    return problems


def _unique(section: str, ids: list[str]) -> Iterable[Problem]:
    seen: set[str] = set()
    for n, ident in enumerate(ids):
        if ident in seen:
            yield f"{section}[{n}].id", f"duplicate id {ident!r}"
        seen.add(ident)


def _hint(name: str, known: Iterable[str]) -> str:
    near = difflib.get_close_matches(name, list(known), n=2, cutoff=0.6)
    return f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""


def _references(case: Case) -> Iterable[Problem]:
    items = case.items_by_id
    parties = case.parties_by_id
    for n, line in enumerate(case.shipment.lines):
        if line.item not in items:
            yield (
                f"shipment.lines[{n}].item",
                f"unknown item {line.item!r}" + _hint(line.item, items),
            )
    for role in ("exporter", "consignee", "end_user"):
        ref = getattr(case.shipment, role)
        if ref is not None and ref not in parties:
            yield f"shipment.{role}", f"unknown party {ref!r}" + _hint(ref, parties)
    for n, item in enumerate(case.items):
        for m, comp in enumerate(item.components):
            if comp.item not in items:
                yield (
                    f"items[{n}].components[{m}].item",
                    f"unknown item {comp.item!r}" + _hint(comp.item, items),
                )
    for n, party in enumerate(case.parties):
        for m, owner in enumerate(party.owners):
            if owner.party not in parties:
                yield (
                    f"parties[{n}].owners[{m}].party",
                    f"unknown party {owner.party!r}" + _hint(owner.party, parties),
                )
            elif owner.party == party.id:
                yield f"parties[{n}].owners[{m}].party", "a party cannot own itself"


def _currencies(case: Case) -> Iterable[Problem]:
    currencies = {i.currency for i in case.items}
    if len(currencies) <= 1:
        return
    for n, item in enumerate(case.items):
        if item.currency != "USD" and item.currency not in case.fx:
            yield (
                f"items[{n}].currency",
                f"mixed currencies ({', '.join(sorted(currencies))}) need an fx rate for "
                f"{item.currency} (fx.{item.currency}: USD per {item.currency})",
            )


def _options(case: Case) -> Iterable[Problem]:
    from longarm.options import OPTIONS

    for name in case.options:
        if name not in OPTIONS:
            known = ", ".join(sorted(OPTIONS))
            yield f"options.{name}", f"unknown option{_hint(name, OPTIONS)} (known: {known})"


def _codes(case: Case) -> Iterable[Problem]:
    from longarm.rulebook.codes import code_book, known_regimes

    regimes = known_regimes()
    for n, item in enumerate(case.items):
        for field in ("controls", "made_with", "plant_made_with"):
            for m, code in enumerate(getattr(item, field)):
                regime, _, rest = code.partition(":")
                where = f"items[{n}].{field}[{m}]"
                if regime not in regimes:
                    yield (
                        where,
                        f"{code!r}: no law pack for {regime!r} (packs: {', '.join(regimes)})",
                    )
                    continue
                book = code_book(regime)
                if not book.knows(rest):
                    near = [f"{regime}:{c}" for c in book.suggest(rest)]
                    hint = f"; did you mean {', '.join(near)}?" if near else ""
                    yield where, f"unknown code {code!r}: not in the {regime} pack{hint}"


def _bom(case: Case) -> Iterable[Problem]:
    from longarm.bom.graph import find_cycle, oversized_bom

    index = {i.id: n for n, i in enumerate(case.items)}
    cycle = find_cycle(case)
    if cycle:
        yield (
            f"items[{index[cycle[0]]}].components",
            f"bill of materials has a cycle: {' -> '.join(cycle)}",
        )
        return
    too_big = oversized_bom(case)
    if too_big is not None:
        item_id, reason = too_big
        yield f"items[{index[item_id]}].components", reason

"""Does an item fall under a control-list entry? From declared codes and from materials.

Three answers, because facts can be incomplete: YES, NO, or MAYBE (e.g. a declared code
broader than the entry and no materials to narrow it, or an alloy whose designation the
list cares about but the case does not give).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from longarm.domain.case import Item, Material
from longarm.facts.description import described_designation, described_forms
from longarm.facts.description_materials import Described, item_described
from longarm.rulebook.schema import ItemEntry


class Tri(IntEnum):
    NO = 0
    MAYBE = 1
    YES = 2


@dataclass(frozen=True)
class Match:
    answer: Tri
    entry: ItemEntry | None
    basis: str
    """How it matched, for the reason's detail (e.g. "material Dy permanent_magnet")."""

    @staticmethod
    def none() -> Match:
        return NO_MATCH


NO_MATCH = Match(Tri.NO, None, "")


def match_item(item: Item, entries: Iterable[ItemEntry], regime: str) -> Match:
    """The strongest match of `item` against any of `entries`; where its structured facts
    say nothing, of what its description says it is made of."""
    described = item_described(item, regime)
    if described is not None:
        return match_described(item, tuple(entries), described)
    best = Match.none()
    declared = item.controls_for(regime)
    for entry in entries:
        for candidate in (_by_material(item, entry), _by_code(item, entry, declared)):
            if candidate.answer > best.answer:
                best = candidate
                if best.answer is Tri.YES:
                    return best
    return best


def match_declared(item: Item, entries: Iterable[ItemEntry], regime: str) -> Tri:
    """Whether a control code the user declared for `item` names any of `entries` (equal, a
    sub-item of one, or a heading that contains one)."""
    for code in item.controls_for(regime):
        for entry in entries:
            if entry.code is None:
                continue
            if (
                code == entry.code
                or f"{code}.".startswith(f"{entry.code}.")
                or (entry.code.startswith(f"{code}."))
            ):
                return Tri.YES
    return Tri.NO


def _by_material(
    item: Item, entry: ItemEntry, materials: Iterable[Material] | None = None
) -> Match:
    best = Match.none()
    for material in item.materials if materials is None else materials:
        if material.element != entry.element or material.form not in entry.forms:
            continue
        basis = f"material {material.element} {material.form.value}"
        if entry.designations is None:
            return Match(Tri.YES, entry, basis)
        if material.designation is None:
            found = described_designation(item.description, entry.designations)
            if found is not None:
                return Match(Tri.YES, entry, f"{basis} {found} (from the description)")
            named = ", ".join(entry.designations)
            best = Match(Tri.MAYBE, entry, f"{basis}, designation not given (listed: {named})")
        elif material.designation in entry.designations:
            return Match(Tri.YES, entry, f"{basis} {material.designation}")
    return best


def _by_code(item: Item, entry: ItemEntry, declared: list[str]) -> Match:
    if entry.code is None:
        return Match.none()
    for code in declared:
        if code == entry.code or code.startswith(entry.code + "."):
            return Match(Tri.YES, entry, f"declared {item.id} as {code}")
        if entry.code.startswith(code + ".") and not item.materials:
            # Declared more broadly than the entry and no materials to tell which sub-item:
            # the description may still name the form ("Sintered NdFeB magnet").
            forms = described_forms(item.description)
            if not forms:
                return Match(Tri.MAYBE, entry, f"declared {code}, broader than {entry.code}")
            named = ", ".join(sorted(f.value for f in forms))
            if forms & set(entry.forms):
                return Match(Tri.YES, entry, f"declared {code}; description names {named}")
    return Match.none()


def match_described(item: Item, entries: tuple[ItemEntry, ...], described: Described) -> Match:
    """Match every reading of the description: all listed decides YES, none NO, and
    readings the entries treat differently leave it open (MAYBE)."""
    results = []
    for reading in described.readings:
        best = Match.none()
        for entry in entries:
            found = _by_material(item, entry, reading.materials)
            if found.answer > best.answer:
                best = found
        results.append(best)
    answers = {r.answer for r in results}
    labels = list(
        dict.fromkeys(
            f"{r.entry.code} {r.entry.label}" if r.entry.code else r.entry.label
            for r in results
            if r.entry
        )
    )
    read = f"read from the description ({described.quoted})"
    if answers == {Tri.YES}:
        return Match(Tri.YES, results[0].entry, f"{read} as {' or '.join(labels)}")
    if answers == {Tri.NO}:
        return Match(Tri.NO, None, f"{read}: none of the entries")
    entry = next(r.entry for r in results if r.entry is not None)
    return Match(
        Tri.MAYBE,
        entry,
        f"{read}: the words fit {' or '.join(labels)}"
        + (", and also materials that are not listed" if Tri.NO in answers else ", not settled"),
    )

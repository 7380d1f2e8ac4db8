"""How much of the CCL's licence requirement text the US pack interprets, for `longarm packs
show us` and `validate`: rows whose paragraph scope was read, and requirements stated in
words (no Country Chart column) read from their own words, read through the pack's reading of
the section they cite, or left needs_review quoting the row."""

from __future__ import annotations

from longarm.rulebook.loader import Pack
from longarm.rules.registry import parse_params
from longarm.rules.us.pointers import TEST, PointerParams, PointerScope, read_pointer
from longarm.rules.us.tables import UsTables


def _readings(pack: Pack) -> tuple[PointerScope, ...]:
    found: list[PointerScope] = []
    for _, clause in pack.clauses():
        if clause.test == TEST:
            params = parse_params(clause)
            assert isinstance(params, PointerParams)
            found.extend(params.pointers)
    return tuple(found)


def interpretation_summary(pack: Pack) -> list[str]:
    """Lines of counts over the CCL table (every pack clause counted, whatever its dates)."""
    readings = _readings(pack)
    rows = [
        row for entry in UsTables.load().ccl_entries.values() for row in entry.licence_requirements
    ]
    scoped = sum(row.scope.read for row in rows)
    words = [row for row in rows if not row.columns]
    own = sum(row.destinations is not None for row in words)
    by_pointer = [
        r
        for row in words
        if row.destinations is None and (r := read_pointer(row.pointer, readings)) is not None
    ]
    narrowed = sum(r.review for r in by_pointer)
    interpreted = own + len(by_pointer) - narrowed
    return [
        f"CCL licence requirement rows: {len(rows)}; paragraph scope read from the text: "
        f"{scoped} (the rest name no paragraph of their entry and are asked about)",
        f"requirements stated in words: {len(words)}; interpreted {interpreted} ({own} from "
        f"their own words, {len(by_pointer) - narrowed} through the pack's reading of the "
        f"section they cite); {narrowed} narrowed to where a person must look; "
        f"{len(words) - interpreted - narrowed} left needs_review quoting the row",
    ]

"""Interpretive options (CONTRACT.md section 4): named, documented choices where the law is
unsettled. Every reason that depends on one reports its value; a case's `options:` changes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Option:
    name: str
    default: bool
    description: str


_ALL = (
    Option(
        "cn_part2_includes_assemblies",
        True,
        "Parts, components and assemblies containing covered permanent-magnet material are "
        "Annex 1 Part II items of MOFCOM 2025 No. 61 (secondary sources only; the annex PDF "
        "was not read).",
    ),
    Option(
        "cn_content_counts_chinese_part2",
        True,
        "Chinese-origin Part II items (e.g. a Chinese magnet inside a foreign motor) count in "
        "full toward the No. 61 Art. 1(1) 0.1 % numerator, not only Part I items.",
    ),
    Option(
        "revive_after_suspension",
        True,
        "A suspended measure applies again after its suspension ends, unless a later "
        "instrument in the pack says otherwise.",
    ),
    Option(
        "honour_announced_extensions",
        False,
        "An extension of a suspension that was announced (a government statement, a joint "
        "arrangement) but not yet published as an instrument is treated as in effect. Off, "
        "the published text governs; either way every reason it touches says what was "
        "announced, when and by whom.",
    ),
    Option(
        "cn_affiliates_aggregate",
        True,
        "Under No. 61 Art. 2, shares held by several listed owners (and by affiliates already "
        "caught) are added up to reach 50 %; the text names only subsidiaries held 50 % or more.",
    ),
)

OPTIONS: MappingProxyType[str, Option] = MappingProxyType({o.name: o for o in _ALL})


def resolve_options(overrides: dict[str, bool]) -> dict[str, bool]:
    """The full option set for one case: defaults, then the case's overrides."""
    resolved = {name: option.default for name, option in OPTIONS.items()}
    resolved.update(overrides)
    return resolved

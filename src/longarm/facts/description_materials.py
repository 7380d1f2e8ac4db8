"""What an item's description says it is made of, where the structured facts say nothing.

ERP descriptions name materials in words ("Dysprosium-iron alloy", "DyFe", "镝铁合金",
"NdFeB magnet, Dy-bearing", "钕铁硼", "SmCo", "氧化铽"). The words are data
(`description_materials.yaml`); this module turns a description into the readings it
allows: each reading is one set of materials the item may be made of. One reading decides;
several that a list treats alike still decide; several that it treats differently leave the
question open (needs_review), never a clearance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import product
from typing import Any

from longarm.domain.case import Item, Material
from longarm.domain.vocab import Form
from longarm.facts.description import described_forms, form_words
from longarm.io.strict_yaml import load_yaml

ANY_FORM = tuple(f for f in Form if f is not Form.ARTICLE)
"""The forms a named element may take when the description names none."""

MAX_READINGS = 64
"""More alternatives than this say too little to decide anything: read nothing."""


@dataclass(frozen=True)
class Reading:
    materials: tuple[Material, ...]


@dataclass(frozen=True)
class Described:
    """The readings a description allows, and the words they were read from."""

    readings: tuple[Reading, ...]
    words: tuple[str, ...]

    @property
    def quoted(self) -> str:
        return ", ".join(f"'{w}'" for w in self.words)


def _pattern(word: str) -> re.Pattern[str]:
    if not word.isascii():
        return re.compile(re.escape(word))
    return re.compile(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])")


@dataclass(frozen=True)
class _Group:
    """Words naming one material group: a designation, a family, or an element."""

    label: str
    patterns: tuple[re.Pattern[str], ...]
    elements: tuple[str, ...]
    forms: tuple[Form, ...]
    designation: str | None = None
    may_contain: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Vocabulary:
    designations: tuple[_Group, ...]
    families: tuple[_Group, ...]
    elements: tuple[_Group, ...]
    articles: tuple[re.Pattern[str], ...]


def _group(raw: dict[str, Any], label: str, **kw: Any) -> _Group:
    words = sorted((str(w).lower() for w in raw["words"]), key=len, reverse=True)
    return _Group(
        label,
        tuple(_pattern(w) for w in words),
        tuple(raw["elements"]),
        tuple(Form(f) for f in raw["forms"]),
        **kw,
    )


@cache
def _vocabulary() -> _Vocabulary:
    text = (resources.files("longarm.facts") / "description_materials.yaml").read_text("utf-8")
    raw = load_yaml(text)
    designations = tuple(
        _group(d, d["designation"], designation=d["designation"]) for d in raw["designations"]
    )
    families = tuple(
        _group(f, f["name"], may_contain=tuple(f.get("may_contain", []))) for f in raw["families"]
    )
    elements = tuple(
        _group({"words": words, "elements": [symbol], "forms": []}, symbol)
        for symbol, words in raw["elements"].items()
    )
    articles = tuple(_pattern(str(w).lower()) for w in raw["articles"])
    return _Vocabulary(designations, families, elements, articles)


def _take(text: str, group: _Group) -> tuple[str, list[str]]:
    """Remove the group's words from `text`; the words found."""
    found = []
    for pattern in group.patterns:
        match = pattern.search(text)
        if match:
            found.append(match.group(0))
            text = pattern.sub(" ", text)
    return text, found


def described_materials(description: str) -> Described | None:
    """The readings of a description, or None when it names no material (or a finished
    good, whose bill of materials says what is inside)."""
    vocab = _vocabulary()
    text = description.lower()
    if not text or any(p.search(text) for p in vocab.articles):
        return None
    words: list[str] = []
    named: list[tuple[_Group, list[str]]] = []
    for group in (*vocab.designations, *vocab.families, *vocab.elements):
        text, found = _take(text, group)
        if found:
            named.append((group, found))
            words.extend(found)
    if not named:
        return None
    forms = described_forms(text)
    words.extend(form_words(text))
    present = {e for g, _ in named if not g.designation and not g.may_contain for e in g.elements}
    choices: list[list[tuple[Material, ...]]] = []
    for group, _ in named:
        if group.may_contain:
            choices.append(_family(group, forms, present))
        elif group.designation or group.elements[0] not in _absorbed(named):
            choices.append(_plain(group, forms))
    readings = [Reading(tuple(m for part in combo for m in part)) for combo in product(*choices)]
    if not readings or len(readings) > MAX_READINGS:
        return None
    return Described(tuple(readings), tuple(dict.fromkeys(words)))


def _absorbed(named: list[tuple[_Group, list[str]]]) -> set[str]:
    """Elements named beside a family that may contain them (Dy in "NdFeB, Dy-bearing")."""
    return {e for g, _ in named for e in g.may_contain}


def _plain(group: _Group, forms: frozenset[Form]) -> list[tuple[Material, ...]]:
    allowed = group.forms or ANY_FORM
    chosen = [f for f in allowed if f in forms] or list(allowed)
    return [
        tuple(Material(element=e, form=f, designation=group.designation) for e in group.elements)
        for f in chosen
    ]


def _family(group: _Group, forms: frozenset[Form], present: set[str]) -> list[tuple[Material, ...]]:
    form = next((f for f in group.forms if f in forms), group.forms[0])
    base = tuple(Material(element=e, form=form) for e in group.elements)
    named = tuple(Material(element=e, form=form) for e in group.may_contain if e in present)
    unsaid = [e for e in group.may_contain if e not in present]
    options: list[tuple[Material, ...]] = []
    for k in range(2 ** len(unsaid)):
        extra = tuple(Material(element=e, form=form) for i, e in enumerate(unsaid) if k >> i & 1)
        options.append(base + named + extra)
    return options


def item_described(item: Item, regime: str) -> Described | None:
    """The readings of an item's description, where its structured facts leave its
    classification open: no classification of `regime`, no materials, no components."""
    if item.controls_for(regime) or item.materials or item.components:
        return None
    return _described_cached(item.description)


@cache
def _described_cached(description: str) -> Described | None:
    return described_materials(description)

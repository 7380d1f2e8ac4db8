"""What an item's free-text description says about its form and designation.

Used only to narrow a classification the structured facts leave open (a declared code
broader than a list entry, an alloy without a designation); the reason says so.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from longarm.domain.vocab import Form
from longarm.io.strict_yaml import load_yaml


@cache
def _keywords() -> dict[Form, tuple[str, ...]]:
    text = (resources.files("longarm.facts") / "description_forms.yaml").read_text("utf-8")
    raw = load_yaml(text)
    return {Form(form): tuple(str(w).lower() for w in words) for form, words in raw.items()}


def _contains_word(text: str, word: str) -> bool:
    if not word.isascii():
        return word in text
    return re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", text) is not None


def described_forms(description: str) -> frozenset[Form]:
    """The forms the description names, e.g. "Sintered NdFeB magnet" -> {permanent_magnet}."""
    text = description.lower()
    return frozenset(
        form for form, words in _keywords().items() if any(_contains_word(text, w) for w in words)
    )


def form_words(description: str) -> list[str]:
    """The words of the description that name a form (for a reason to quote)."""
    text = description.lower()
    return [w for words in _keywords().values() for w in words if _contains_word(text, w)]


def described_designation(description: str, designations: list[str]) -> str | None:
    """The first listed designation the description names ("Dy-Fe alloy" -> "Dy-Fe"; also
    "DyFe", "Dy Fe"); a designation's parts must stand as a whole word."""
    text = description.lower()
    for designation in designations:
        parts = [re.escape(p) for p in re.split(r"[\s\-_/]+", designation.lower()) if p]
        if not parts:
            continue
        pattern = r"(?<![a-z0-9-])" + r"[\s\-_/]*".join(parts) + r"(?![a-z0-9]|-[a-z0-9])"
        if re.search(pattern, text):
            return designation
    return None


def described_words(description: str, words: list[str]) -> list[str]:
    """The words of `words` the description names (whole words, case-insensitive; Han
    words as substrings), in the order given."""
    text = description.lower()
    return [w for w in words if _contains_word(text, w.lower())]

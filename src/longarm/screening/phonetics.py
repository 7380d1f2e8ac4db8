"""Phonetic keys: compare names by how they sound, across spellings and scripts.

Two keys live here. `phonetic_key` folds Latin spelling variants (Qaddafi/Gaddafi,
Husayn/Hussein, Wladimir/Vladimir). `skeleton` reduces a word to a string of consonant
classes, computed the same way for an English word and for the pinyin of a Chinese
transliteration, so that 洛克希德 (luo ke xi de: L K S T) meets "Lockheed" (L K H T) and 马丁
(ma ding: M T N) meets "Martin" (M T N: Chinese drops the post-vocalic r).
"""

from __future__ import annotations

import re
from functools import lru_cache

_VOWELS = frozenset("aeiouy")

# Pinyin initials, longest first, and the consonant class each one is heard as.
_PINYIN_INITIALS: tuple[tuple[str, str], ...] = (
    ("zh", "S"), ("ch", "S"), ("sh", "S"),
    ("b", "P"), ("p", "P"), ("m", "M"), ("f", "F"), ("d", "T"), ("t", "T"),
    ("n", "N"), ("l", "L"), ("g", "K"), ("k", "K"), ("h", "H"), ("j", "S"),
    ("q", "S"), ("x", "S"), ("r", "L"), ("z", "S"), ("c", "S"), ("s", "S"),
    ("y", ""), ("w", "W"),
)  # fmt: skip

# English letters and digraphs, longest first, mapped onto the same classes.
_ENGLISH_UNITS: tuple[tuple[str, str], ...] = (
    ("sch", "S"), ("tch", "S"),
    ("ch", "S"), ("sh", "S"), ("th", "T"), ("ph", "F"), ("ck", "K"), ("gh", ""),
    ("qu", "K"), ("wh", "W"), ("kh", "H"), ("hs", "S"), ("ts", "S"), ("tz", "S"), ("ng", "N"),
    ("j", "S"), ("z", "S"), ("s", "S"), ("x", "KS"), ("q", "K"), ("v", "W"), ("w", "W"),
    ("f", "F"), ("b", "P"), ("p", "P"), ("d", "T"), ("t", "T"), ("k", "K"), ("l", "L"),
    ("r", "L"), ("m", "M"), ("n", "N"), ("h", "H"),
)  # fmt: skip

# Spelling folds, applied in this order: digraphs first, then single letters, then vowel
# digraphs, then doubled letters collapsed. Plain string replacement (C speed); the order is
# what makes "ch" end as "h" (c -> k, then kh -> h) and "cy" as "si".
_KEY_DIGRAPHS_BEFORE = (("ph", "f"), ("ck", "k"), ("ce", "se"), ("ci", "si"), ("cy", "sy"))
_KEY_LETTERS = str.maketrans({"c": "k", "q": "k", "w": "v", "y": "i", "z": "s"})
_KEY_DIGRAPHS_AFTER = (("kh", "h"), ("dh", "d"), ("th", "t"), ("ou", "u"), ("oo", "u"), ("ee", "i"))
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)
def phonetic_key(token: str) -> str:
    """Fold common Latin spelling variants of one token to a shared key."""
    key = token
    for old, new in _KEY_DIGRAPHS_BEFORE:
        key = key.replace(old, new)
    key = key.translate(_KEY_LETTERS)
    for old, new in _KEY_DIGRAPHS_AFTER:
        key = key.replace(old, new)
    return _DOUBLED.sub(r"\1", key)


def _collapse(classes: list[str]) -> str:
    out: list[str] = []
    for c in classes:
        for ch in c:
            if not out or out[-1] != ch:
                out.append(ch)
    return "".join(out)


@lru_cache(maxsize=100_000)
def pinyin_skeleton(syllables: tuple[str, ...]) -> str:
    """Consonant classes of a run of pinyin syllables (initial, then a final nasal)."""
    classes: list[str] = []
    for syl in syllables:
        if syl == "er":
            classes.append("L")
            continue
        for initial, cls in _PINYIN_INITIALS:
            if syl.startswith(initial):
                classes.append(cls)
                break
        if syl.endswith("n") or syl.endswith("ng"):
            classes.append("N")
    return _collapse(classes)


@lru_cache(maxsize=200_000)
def english_skeleton(word: str) -> str:
    """Consonant classes of a Latin word, as a Chinese transliteration would render it."""
    letters = "".join(ch for ch in word if ch.isalpha())
    classes: list[str] = []
    i = 0
    while i < len(letters):
        ch = letters[i]
        if ch in _VOWELS:
            i += 1
            continue
        nxt = letters[i + 1] if i + 1 < len(letters) else ""
        prev = letters[i - 1] if i else ""
        # Post-vocalic r before a consonant or at the end is silent in Chinese renderings
        # (Martin -> 马丁, Carter -> 卡特).
        if ch == "r" and prev in _VOWELS and (not nxt or nxt not in _VOWELS):
            i += 1
            continue
        if ch == "c":
            classes.append("S" if nxt in ("e", "i", "y") else "K")
            i += 1
            continue
        if ch == "g" and nxt in ("e", "i"):
            classes.append("S")
            i += 1
            continue
        if ch == "g":
            classes.append("K")
            i += 1
            continue
        for unit, cls in _ENGLISH_UNITS:
            if letters.startswith(unit, i):
                classes.append(cls)
                i += len(unit)
                break
        else:
            i += 1
    return _collapse(classes)

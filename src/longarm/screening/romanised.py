"""Variant forms of a Latin name, each compared like the name itself (`normalise`).

- `romanised`: a name romanised in Wade-Giles (Mao Tse-tung, Hsi Chin-p'ing) in Hanyu Pinyin
  (mao zedong, xi jinping), syllable by syllable (`data/wade_giles.yaml`), hyphenated given
  names joined as pinyin writes them. Only for names with a syllable that marks Wade-Giles.
- `nickname`: a given-name hypocorism read as its formal name (`data/nicknames.yaml`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from longarm.screening.lexicon import Lexicon, load_wade_giles
from longarm.screening.normalise import (
    FormOrigin,
    NameForm,
    _fold_letters,
    _latin_form,
    latin_tokens,
)

MAX_VARIANT_FORMS = 4
"""Variant forms (romanised, nickname) of one name at most."""

_WG_GROUP = re.compile(r"[a-z'’ʼ‘`]+(?:-[a-z'’ʼ‘`]+)*")
_WG_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})
_WG_SIBILANTS = frozenset({"ch", "ch'", "sh", "j", "ts", "tz", "ts'", "tz'", "s", "ss", "sz"})
_WG_MARK_INITIALS = ("hs", "ts", "tz", "ss", "sz")


@lru_cache(maxsize=20_000)
def wade_giles_syllable(part: str) -> str | None:
    """The pinyin of one Wade-Giles syllable (hsi -> xi, ch'ing -> qing, tse -> ze), or None
    if it is not one."""
    wg = load_wade_giles()
    part = part.translate(_WG_APOSTROPHES)
    if part in wg.syllables:
        return wg.syllables[part]
    for initial, readings in wg.initials:
        if part.startswith(initial):
            front, other = readings
            break
    else:
        return None
    final = part[len(initial) :]
    mapped = wg.finals.get(final)
    if mapped is None:
        return None
    if final in wg.sibilant_only:
        if initial not in _WG_SIBILANTS:
            return None
        return other + mapped
    pinyin = front if final.startswith("i") else other
    if final == "u" and (initial.startswith("tz") or initial in ("ss", "sz")):
        mapped = "i"
    elif final == "o" and pinyin in wg.o_as_e:
        mapped = "e"
    elif final == "o" and pinyin in wg.o_as_uo:
        mapped = "uo"
    return pinyin + mapped


def _wade_giles_marked(parts: list[str]) -> bool:
    """Whether parsed WG syllables show a mark that pinyin never has."""
    if len(parts) > 1:
        return True
    part = parts[0].translate(_WG_APOSTROPHES)
    return (
        "'" in part
        or part.startswith(_WG_MARK_INITIALS)
        or part.endswith(("ieh", "ih"))
        or part == "erh"
    )


def wade_giles_to_pinyin(text: str) -> str | None:
    """A folded, casefolded name with its Wade-Giles syllables in pinyin, hyphenated runs
    joined (mao tse-tung -> mao zedong); None unless some syllable marks Wade-Giles."""
    marked = False

    def convert(match: re.Match[str]) -> str:
        nonlocal marked
        parts = match.group(0).split("-")
        syllables = [wade_giles_syllable(p) for p in parts]
        if any(s is None for s in syllables):
            return match.group(0)
        marked = marked or _wade_giles_marked(parts)
        return "".join(s for s in syllables if s is not None)

    converted = _WG_GROUP.sub(convert, text)
    return converted if marked else None


def _nickname_variants(tokens: list[str], lex: Lexicon) -> list[list[str]]:
    """The tokens with one given-name hypocorism read as its formal name (bibi netanyahu ->
    benjamin netanyahu). A patronymic particle (ben) counts only as the first word."""
    out: list[list[str]] = []
    for i, tok in enumerate(tokens):
        if i > 0 and tok in lex.particles:
            continue
        for formal in lex.nicknames.get(tok, ()):
            if formal not in tokens:
                out.append([*tokens[:i], formal, *tokens[i + 1 :]])
    return out


def variant_forms(text: str, tokens: list[str], lex: Lexicon) -> list[NameForm]:
    """The `romanised` and `nickname` forms of a Latin name (see the module docstring)."""
    found: list[NameForm] = []
    seen = {tuple(tokens)}
    candidates: list[tuple[list[str], FormOrigin]] = []
    pinyin = wade_giles_to_pinyin(_fold_letters(text, lex))
    if pinyin is not None:
        candidates.append((latin_tokens(pinyin), "romanised"))
    candidates.extend((v, "nickname") for v in _nickname_variants(tokens, lex))
    for variant, origin in candidates:
        if variant and tuple(variant) not in seen and len(found) < MAX_VARIANT_FORMS:
            seen.add(tuple(variant))
            found.append(_latin_form(variant, lex, origin))
    return found

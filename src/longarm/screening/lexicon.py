"""The word lists behind name normalisation, loaded once from the YAML files in `data/`.

Legal forms, generic words, abbreviations, the Chinese company-name glossary and the
transliteration tables are data, not code: a compliance analyst can add a term without
touching Python. A malformed file fails loudly at load time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from longarm.errors import InputError

_PACKAGE = "longarm.screening"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything normalisation needs to know about words.

    Attributes:
        legal_phrases: Latin legal forms as token tuples, longest first.
        legal_words: Single words dropped wherever they stand (one-word legal forms and words
            that only occur in legal forms).
        han_legal_forms: Han legal forms (有限公司...), longest first.
        stopwords: Particles and titles (Mr, Dr, President) dropped unless nothing else is left.
        generic: Words kept at a reduced weight (CHINA, GROUP, TECHNOLOGY...).
        abbreviations: Abbreviation -> expansion (may be several words).
        number_words: Number word (forty, first) -> its value.
        glossary: Han term -> English renderings, canonical first.
        glossary_max_len: Length of the longest glossary term, for longest-match segmentation.
        numerals: Chinese numeral character -> digit.
        transliteration: Non-Latin letter -> Latin letters.
        particles: Patronymic particles (bin, ibn, ould): the name after one is the father's.
        nicknames: Given-name hypocorism -> its formal names (bill -> william).
    """

    legal_phrases: tuple[tuple[str, ...], ...]
    legal_words: frozenset[str]
    han_legal_forms: tuple[str, ...]
    stopwords: frozenset[str]
    generic: frozenset[str]
    abbreviations: dict[str, tuple[str, ...]]
    number_words: dict[str, int]
    glossary: dict[str, tuple[str, ...]]
    glossary_max_len: int
    numerals: dict[str, int]
    transliteration: dict[str, str]
    particles: frozenset[str]
    nicknames: dict[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class WadeGiles:
    """The Wade-Giles -> pinyin syllable tables of `data/wade_giles.yaml`.

    Attributes:
        initials: WG initial -> (pinyin before an i/u-umlaut final, pinyin otherwise), longest
            first.
        finals: WG final -> pinyin final.
        o_as_e: Pinyin initials after which WG final "o" is written "e".
        o_as_uo: Pinyin initials after which WG final "o" is written "uo".
        sibilant_only: Finals that only follow sibilants (ih).
        sibilant_u: Pinyin initials after which WG "u" is written "i" (tzu -> zi).
        syllables: Whole WG syllables with their own pinyin spelling.
    """

    initials: tuple[tuple[str, tuple[str, str]], ...]
    finals: dict[str, str]
    o_as_e: frozenset[str]
    o_as_uo: frozenset[str]
    sibilant_only: frozenset[str]
    sibilant_u: frozenset[str]
    syllables: dict[str, str]


@dataclass(slots=True)
class Switches:
    """Steps that can be turned off to measure what each one adds (bench/screening.py).

    Attributes:
        glossary: Segment Han names against the glossary (科技 -> technology); off, every
            Han run is romanised as a transliteration.
        phonetic: Compare tokens by phonetic key and Chinese transliterations by consonant
            skeleton; off, only spelling (edit distance, Jaro-Winkler) counts.
    """

    glossary: bool = True
    phonetic: bool = True


SWITCHES = Switches()
"""The process-wide switches; change them only through `api.set_switches`."""


def _read(name: str) -> dict[str, Any]:
    text = resources.files(_PACKAGE).joinpath("data", name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise InputError(name, "", "expected a mapping at the top level")
    return data


def _str_list(data: dict[str, Any], file: str, key: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(file, key, "expected a list of strings")
    return [v.casefold() for v in value]


def _str_map(data: dict[str, Any], file: str, key: str) -> dict[str, str]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise InputError(file, key, "expected a mapping")
    out: dict[str, str] = {}
    for k, v in value.items():
        if not isinstance(k, str) or not isinstance(v, str):
            raise InputError(file, f"{key}.{k}", "expected a string")
        out[k.casefold()] = v.casefold()
    return out


@cache
def load_lexicon() -> Lexicon:
    """Load and validate the word lists (cached for the life of the process)."""
    legal = _read("legal_forms.yaml")
    words = _read("generic_words.yaml")
    gloss = _read("glossary_zh.yaml")
    translit = _read("transliteration.yaml")

    phrases = {tuple(p.split()) for p in _str_list(legal, "legal_forms.yaml", "latin")}
    han_forms = sorted(_str_list(legal, "legal_forms.yaml", "han"), key=len, reverse=True)

    glossary: dict[str, tuple[str, ...]] = {}
    terms = gloss.get("terms")
    if not isinstance(terms, dict):
        raise InputError("glossary_zh.yaml", "terms", "expected a mapping")
    for term, renderings in terms.items():
        if not isinstance(renderings, list) or not renderings:
            raise InputError("glossary_zh.yaml", f"terms.{term}", "expected a non-empty list")
        glossary[str(term)] = tuple(str(r).casefold() for r in renderings)
    numerals_raw = gloss.get("numerals")
    if not isinstance(numerals_raw, dict):
        raise InputError("glossary_zh.yaml", "numerals", "expected a mapping")
    numerals = {str(k): int(v) for k, v in numerals_raw.items()}

    table: dict[str, str] = {}
    for script in ("cyrillic", "greek", "arabic", "armenian", "georgian", "katakana"):
        table.update(_str_map(translit, "transliteration.yaml", script))

    abbreviations = {
        k: tuple(v.split())
        for k, v in _str_map(words, "generic_words.yaml", "abbreviations").items()
    }
    nicknames: dict[str, list[str]] = {}
    raw_nicks = _read("nicknames.yaml").get("nicknames")
    if not isinstance(raw_nicks, dict):
        raise InputError("nicknames.yaml", "nicknames", "expected a mapping")
    for formal, shorts in raw_nicks.items():
        if not isinstance(shorts, list) or not all(isinstance(x, str) for x in shorts):
            raise InputError("nicknames.yaml", f"nicknames.{formal}", "expected a list of strings")
        for short in shorts:
            nicknames.setdefault(short.casefold(), []).append(str(formal).casefold())
    raw_numbers = words.get("number_words")
    if not isinstance(raw_numbers, dict) or not all(
        isinstance(v, int) for v in raw_numbers.values()
    ):
        raise InputError("generic_words.yaml", "number_words", "expected word -> integer")
    return Lexicon(
        legal_phrases=tuple(sorted(phrases, key=len, reverse=True)),
        legal_words=frozenset(
            {p[0] for p in phrases if len(p) == 1 and len(p[0]) >= 3}
            | set(_str_list(legal, "legal_forms.yaml", "words"))
        ),
        han_legal_forms=tuple(han_forms),
        stopwords=frozenset(
            _str_list(words, "generic_words.yaml", "stopwords")
            + _str_list(words, "generic_words.yaml", "titles")
        ),
        generic=frozenset(_str_list(words, "generic_words.yaml", "generic")),
        abbreviations=abbreviations,
        number_words={str(k).casefold(): int(v) for k, v in raw_numbers.items()},
        glossary=glossary,
        glossary_max_len=max(len(t) for t in glossary),
        numerals=numerals,
        transliteration=table,
        particles=frozenset(_str_list(words, "generic_words.yaml", "patronymic_particles")),
        nicknames={k: tuple(v) for k, v in nicknames.items()},
    )


@cache
def load_wade_giles() -> WadeGiles:
    """Load and validate the Wade-Giles table (cached for the life of the process)."""
    file = "wade_giles.yaml"
    data = _read(file)
    raw = data.get("initials")
    if not isinstance(raw, dict):
        raise InputError(file, "initials", "expected a mapping")
    initials: list[tuple[str, tuple[str, str]]] = []
    for wg, pair in raw.items():
        if not isinstance(pair, list) or len(pair) != 2:
            raise InputError(file, f"initials.{wg}", "expected [before i, otherwise]")
        initials.append((str(wg), (str(pair[0]), str(pair[1]))))
    initials.sort(key=lambda item: len(item[0]), reverse=True)
    return WadeGiles(
        initials=tuple(initials),
        finals=_str_map(data, file, "finals"),
        o_as_e=frozenset(str(x) for x in data.get("o_as_e") or ()),
        o_as_uo=frozenset(_str_list(data, file, "o_as_uo")),
        sibilant_only=frozenset(_str_list(data, file, "sibilant_only")),
        sibilant_u=frozenset(_str_list(data, file, "sibilant_u")),
        syllables=_str_map(data, file, "syllables"),
    )

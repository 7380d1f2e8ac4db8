"""The forms of a Han name (`normalise` step 8): a `han` form compared character by
character, a `translated` form (glossary terms in English, the rest romanised) and a `pinyin`
form; and `han_core`, the distinctive characters the precision rules compare (`gate`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pypinyin import lazy_pinyin

from longarm.screening.lexicon import SWITCHES, Lexicon, load_lexicon
from longarm.screening.normalise import (
    _HAN,
    _RUN_BREAKS,
    GENERIC_WEIGHT,
    NameForm,
    _opencc,
    latin_tokens,
)
from longarm.screening.phonetics import pinyin_skeleton


@dataclass(frozen=True, slots=True)
class _Segment:
    kind: Literal["term", "run", "latin", "number"]
    text: str
    renderings: tuple[str, ...] = ()


def _segment(han_text: str, lex: Lexicon) -> list[_Segment]:
    """Split a simplified-Chinese name into glossary terms, Han runs, Latin parts and ordinals."""
    segments: list[_Segment] = []
    run: list[str] = []
    latin: list[str] = []

    def flush() -> None:
        if run:
            segments.append(_Segment("run", "".join(run)))
            run.clear()
        if latin:
            segments.append(_Segment("latin", "".join(latin)))
            latin.clear()

    i = 0
    n = len(han_text)
    while i < n:
        ch = han_text[i]
        if ch in _RUN_BREAKS or ch.isspace():
            flush()
            i += 1
            continue
        if not _HAN.match(ch):
            if run:
                flush()
            latin.append(ch)
            i += 1
            continue
        if latin:
            flush()
        # 第十四 -> "14": ordinals name research institutes and factories.
        if (
            ch == "第"
            and i + 1 < n
            and (han_text[i + 1] in lex.numerals or han_text[i + 1] == "十")
        ):
            j = i + 1
            while j < n and (han_text[j] in lex.numerals or han_text[j] == "十"):
                j += 1
            flush()
            segments.append(_Segment("number", str(_chinese_number(han_text[i + 1 : j], lex))))
            i = j
            continue
        longest = min(lex.glossary_max_len, n - i) if SWITCHES.glossary else 1
        for length in range(longest, 1, -1):
            term = han_text[i : i + length]
            if term in lex.glossary:
                flush()
                segments.append(_Segment("term", term, lex.glossary[term]))
                i += length
                break
        else:
            run.append(ch)
            i += 1
    flush()
    return segments


def _chinese_number(text: str, lex: Lexicon) -> int:
    """十四 -> 14, 二十 -> 20, 三 -> 3 (ordinals below 100 are all the lists use)."""
    if "十" in text:
        tens_text, _, units_text = text.partition("十")
        tens = lex.numerals.get(tens_text, 1) if tens_text else 1
        units = lex.numerals.get(units_text, 0) if units_text else 0
        return tens * 10 + units
    value = 0
    for ch in text:
        value = value * 10 + lex.numerals.get(ch, 0)
    return value


def _strip_han_legal(text: str, lex: Lexicon) -> str:
    stripped = text
    for form in lex.han_legal_forms:
        stripped = stripped.replace(form, " ")
    return stripped if stripped.strip() else text


def han_forms(text: str, lex: Lexicon) -> list[NameForm]:
    simplified = _strip_han_legal(_opencc().convert(text), lex)
    han_key = "".join(ch for ch in simplified if not (ch in _RUN_BREAKS or ch.isspace()))
    forms = [NameForm("han", (han_key,), (1.0,), ((han_key,),), ("",))]

    translated: list[tuple[str, float, tuple[str, ...], str]] = []
    pinyin: list[tuple[str, float, tuple[str, ...], str]] = []
    for seg in _segment(simplified, lex):
        if seg.kind == "term":
            words = seg.renderings[0].split()
            single = tuple(r for r in seg.renderings if " " not in r)
            for w in words:
                alts = (w, *(a for a in single if a != w)) if len(words) == 1 else (w,)
                weight = GENERIC_WEIGHT if w in lex.generic else 1.0
                translated.append((w, weight, alts, ""))
            syllables = tuple(lazy_pinyin(seg.text))
            pinyin.append(("".join(syllables), weights_of(words, lex), (), ""))
        elif seg.kind == "run":
            syllables = tuple(lazy_pinyin(seg.text))
            token = "".join(syllables)
            entry = (token, 1.0, (token,), pinyin_skeleton(syllables))
            translated.append(entry)
            pinyin.append(entry)
        else:
            for tok in latin_tokens(seg.text):
                weight = GENERIC_WEIGHT if tok in lex.generic else 1.0
                translated.append((tok, weight, (tok,), ""))
                pinyin.append((tok, weight, (tok,), ""))
    for kind, parts in (("translated", translated), ("pinyin", pinyin)):
        if parts:
            forms.append(
                NameForm(
                    kind=kind,  # type: ignore[arg-type]
                    tokens=tuple(p[0] for p in parts),
                    weights=tuple(p[1] for p in parts),
                    alts=tuple(p[2] or (p[0],) for p in parts),
                    skeletons=tuple(p[3] for p in parts),
                )
            )
    return forms


def weights_of(words: list[str], lex: Lexicon) -> float:
    """Weight of a glossary term: generic if all its words are generic."""
    return GENERIC_WEIGHT if all(w in lex.generic for w in words) else 1.0


@lru_cache(maxsize=100_000)
def han_core(text: str) -> str:
    """The distinctive characters of a Han name: simplified, legal forms and separators
    dropped, and glossary terms whose renderings are all generic words (中国, 集团, 科技)
    left out. Latin parts are kept as written (casefolded)."""
    lex = load_lexicon()
    simplified = _strip_han_legal(_opencc().convert(text.casefold()), lex)
    kept = []
    for seg in _segment(simplified, lex):
        if seg.kind == "term" and weights_of(seg.renderings[0].split(), lex) < 1.0:
            continue
        kept.append(seg.text)
    return "".join(kept)

"""Name normalisation: one raw name in, the comparable forms of it out.

Every rule here is one step, applied in this order, and each has a named test:

1. Unicode NFKC (full-width letters, ligatures) and casefolding.
2. Traditional to simplified Chinese (OpenCC `t2s`), only where Han is present.
3. Transliteration of Cyrillic, Greek, Arabic, Armenian, Georgian and katakana letters;
   diacritics stripped; letters of any other script (Devanagari, Thai, Hebrew, Ethiopic,
   Hangul...) romanised with `anyascii` as a fallback.
4. `&` read as "and"; dotted acronyms joined (A.B.C. -> abc); other punctuation is a break.
5. Abbreviations expanded (intl -> international); number words and ordinals as digits
   (forty-four -> 44, 1st and first -> 1).
6. Legal forms dropped in both scripts (Co., Ltd.; 有限公司), unless nothing else is left.
7. Stopwords, titles and repeats dropped; generic words (CORP, GROUP, TECHNOLOGY...) kept
   at a lower weight.
8. Han names: segmented against the glossary (科技 -> technology), the rest romanised with
   pypinyin and kept as transliteration runs, compared phonetically (see `phonetics`).

A Latin name gives one `NameForm`; a Han name gives a `han` form (compared character by
character with other Han names), a `translated` form and a `pinyin` form.

A Latin name may also give *variant* forms, each compared like the name itself (the best
pair of forms scores):

- `romanised`: a name romanised in Wade-Giles (Mao Tse-tung, Hsi Chin-p'ing) in Hanyu Pinyin
  (mao zedong, xi jinping), syllable by syllable (`data/wade_giles.yaml`), hyphenated given
  names joined as pinyin writes them. Only for names with a syllable that marks Wade-Giles
  (an aspiration apostrophe, hs-, ts-/tz-, -ieh, -ih, or a hyphenated run of syllables).
- `nickname`: a given-name hypocorism read as its formal name (Bill -> William, Bibi ->
  Benjamin; `data/nicknames.yaml`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from anyascii import anyascii
from opencc import OpenCC
from pypinyin import lazy_pinyin
from rapidfuzz import process
from rapidfuzz.distance import OSA

from longarm.screening.lexicon import SWITCHES, Lexicon, load_lexicon, load_wade_giles
from longarm.screening.phonetics import pinyin_skeleton

FormKind = Literal["latin", "translated", "pinyin", "han"]
FormOrigin = Literal["name", "romanised", "nickname"]

GENERIC_WEIGHT = 0.3
"""Weight of a generic word relative to a distinctive one (1.0). Low enough that two names
sharing only CHINA ... TECHNOLOGY score low; not zero, so they still separate two entries
that differ only in them."""

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_DOTTED = re.compile(r"\b(?:\w\.){2,}\w?")
_APOSTROPHES = re.compile(r"['’`´ʼ]")
_NON_WORD = re.compile(r"[^\w]+")
_LETTER_FIXES = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ı": "i"})
_RUN_BREAKS = frozenset("·・•.,，、()（）-—_/ 　")


@dataclass(frozen=True, slots=True)
class NameForm:
    """One comparable rendering of a name.

    Attributes:
        kind: `latin` for Latin-script input; `translated`, `pinyin` or `han` for Han input.
        tokens: Normalised tokens, in order.
        weights: Weight of each token (generic words weigh less).
        alts: Other spellings each token may match (glossary renderings); the token itself first.
        skeletons: For a transliteration run (Han with no glossary entry), its consonant
            skeleton; empty for other tokens.
        origin: `name` for the name as written; `romanised` or `nickname` for a variant form
            derived from it (see the module docstring).
    """

    kind: FormKind
    tokens: tuple[str, ...]
    weights: tuple[float, ...]
    alts: tuple[tuple[str, ...], ...]
    skeletons: tuple[str, ...]
    origin: FormOrigin = "name"

    @property
    def key(self) -> str:
        """The tokens joined by spaces: the string the fast scorers compare."""
        return " ".join(self.tokens)


@cache
def _opencc() -> OpenCC:
    return OpenCC("t2s")


def has_han(text: str) -> bool:
    """Whether the text contains any Han character."""
    return _HAN.search(text) is not None


def _fold_letters(text: str, lex: Lexicon) -> str:
    # Plain ASCII has nothing to transliterate, fix or strip (most queries).
    if text.isascii():
        return text
    text = "".join(lex.transliteration.get(ch, ch) for ch in text).translate(_LETTER_FIXES)
    decomposed = unicodedata.normalize("NFD", text)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Scripts without a table of their own: anyascii's romanisation, letter by letter.
    return folded if folded.isascii() else anyascii(folded).casefold()


@cache
def _phrases_by_first(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:  # already longest first
        table.setdefault(phrase[0], []).append(phrase)
    return table


def _strip_phrases(tokens: list[str], phrases: tuple[tuple[str, ...], ...]) -> list[str]:
    by_first = _phrases_by_first(phrases)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for phrase in by_first.get(tokens[i], ()):
            if tuple(tokens[i : i + len(phrase)]) == phrase:
                i += len(phrase)
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


LEGAL_TYPO_MIN_LEN = 7
"""Legal words this long are also dropped one edit away (LIMITTED, COMPAYN): long enough that
no distinctive name is one edit from them."""


@cache
def _long_legal_words() -> tuple[str, ...]:
    return tuple(w for w in load_lexicon().legal_words if len(w) >= LEGAL_TYPO_MIN_LEN)


@lru_cache(maxsize=100_000)
def _is_legal_word(token: str) -> bool:
    if token in load_lexicon().legal_words:
        return True
    if len(token) < LEGAL_TYPO_MIN_LEN:
        return False
    close = process.extractOne(token, _long_legal_words(), scorer=OSA.distance, score_cutoff=1)
    return close is not None


_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


def _numbers(tokens: list[str], lex: Lexicon) -> list[str]:
    """Number words and ordinals as digits (forty four -> 44, 1st -> 1, first -> 1)."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        ordinal = _ORDINAL.match(tok)
        value = int(ordinal.group(1)) if ordinal else lex.number_words.get(tok)
        if value is None:
            out.append(tok)
            i += 1
            continue
        # A tens word takes the unit after it, in words or digits (forty-four, forty 4).
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        unit = lex.number_words.get(nxt, int(nxt) if nxt.isdigit() and len(nxt) == 1 else None)
        if tok in lex.number_words and _is_tens(value) and unit is not None and 0 < unit < 10:
            out.append(str(value + unit))
            i += 2
        else:
            out.append(str(value))
            i += 1
    return out


def _is_tens(value: int) -> bool:
    return 20 <= value <= 90 and value % 10 == 0


def latin_tokens(text: str) -> list[str]:
    """Tokens of a (non-Han) name after steps 1 and 3-7, legal forms and stopwords dropped."""
    lex = load_lexicon()
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    text = _fold_letters(text.casefold(), lex)
    text = text.replace("&", " and ")
    text = _APOSTROPHES.sub("", text)
    if "." in text:
        text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    raw = _NON_WORD.sub(" ", text).replace("_", " ").split()
    expanded: list[str] = []
    for tok in raw:
        expanded.extend(lex.abbreviations.get(tok, (tok,)))
    expanded = _numbers(expanded, lex)
    kept = _strip_phrases(expanded, lex.legal_phrases)
    kept = [t for t in kept if not _is_legal_word(t)] or kept or expanded
    kept = [t for t in kept if t not in lex.stopwords] or kept
    # A repeated word adds nothing (Sergey Sergey Shoigu).
    return list(dict.fromkeys(kept))


def _weights(tokens: list[str], lex: Lexicon) -> tuple[float, ...]:
    # An initial says little more than a generic word does.
    return tuple(GENERIC_WEIGHT if t in lex.generic or len(t) == 1 else 1.0 for t in tokens)


def _latin_form(tokens: list[str], lex: Lexicon, origin: FormOrigin = "name") -> NameForm:
    return NameForm(
        kind="latin",
        tokens=tuple(tokens),
        weights=_weights(tokens, lex),
        alts=tuple((t,) for t in tokens),
        skeletons=tuple("" for _ in tokens),
        origin=origin,
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


def _variant_forms(text: str, tokens: list[str], lex: Lexicon) -> list[NameForm]:
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


def _han_forms(text: str, lex: Lexicon) -> list[NameForm]:
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


@lru_cache(maxsize=300_000)
def normalise_name(name: str) -> tuple[NameForm, ...]:
    """All comparable forms of a raw name (empty if the name has no letters or digits)."""
    lex = load_lexicon()
    text = name.casefold() if name.isascii() else unicodedata.normalize("NFKC", name).casefold()
    if not text.isascii() and has_han(text):
        return tuple(_han_forms(text, lex))
    tokens = latin_tokens(text)
    if not tokens:
        return ()
    return (_latin_form(tokens, lex), *_variant_forms(text, tokens, lex))


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


def raw_words(name: str) -> list[str]:
    """The words of a name as written: casefolded, letters folded, split on punctuation; no
    word dropped or expanded."""
    lex = load_lexicon()
    text = _fold_letters(unicodedata.normalize("NFKC", name).casefold(), lex)
    return _NON_WORD.sub(" ", _APOSTROPHES.sub("", text)).replace("_", " ").split()

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
   pypinyin and kept as transliteration runs, compared phonetically (see `phonetics`);
   in `han_forms`.

A Latin name gives one `NameForm`; a Han name gives a `han` form (compared character by
character with other Han names), a `translated` form and a `pinyin` form.

A Latin name may also give *variant* forms (`romanised`), each compared like the name itself
(the best pair of forms scores):

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
from rapidfuzz import process
from rapidfuzz.distance import OSA

from longarm.screening.lexicon import Lexicon, load_lexicon

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


@lru_cache(maxsize=300_000)
def normalise_name(name: str) -> tuple[NameForm, ...]:
    """All comparable forms of a raw name (empty if the name has no letters or digits)."""
    lex = load_lexicon()
    text = name.casefold() if name.isascii() else unicodedata.normalize("NFKC", name).casefold()
    # Imported here: those modules build on this one's Latin steps.
    if not text.isascii() and has_han(text):
        from longarm.screening.han_forms import han_forms

        return tuple(han_forms(text, lex))
    tokens = latin_tokens(text)
    if not tokens:
        return ()
    from longarm.screening.romanised import variant_forms

    return (_latin_form(tokens, lex), *variant_forms(text, tokens, lex))


def raw_words(name: str) -> list[str]:
    """The words of a name as written: casefolded, letters folded, split on punctuation; no
    word dropped or expanded."""
    lex = load_lexicon()
    text = _fold_letters(unicodedata.normalize("NFKC", name).casefold(), lex)
    return _NON_WORD.sub(" ", _APOSTROPHES.sub("", text)).replace("_", " ").split()

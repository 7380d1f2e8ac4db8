"""Precision rules: what a name match must show before it may be a hit.

The name model scores how alike two names are. These rules cap that score where the likeness
is of the wrong kind, each fixing one false-positive pattern seen on real names (issue 11):

1. **A distinctive part must match.** Generic words (GROUP, TECHNOLOGY, CHINA, MOTOR) and
   initials say what kind of party it is, not which one. With no distinctive word of the query
   matched to a distinctive word of the list name the score is capped at `NO_DISTINCTIVE_CAP`
   (美的集团 ~ ARMED ISLAMIC GROUP; Toyota Motor ~ T-MOTOR).
2. **Unmatched distinctive words count against, on both sides.** The score is capped by the
   share of distinctive words matched on the side with more of them left over: `cap =
   COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * share` (Tesla ~ TESLA HOOSHMAND SAZAN COMPANY).
3. **A romanisation must match syllable for syllable.** A Han query's pinyin run (a part
   with no glossary translation) matches only a list word (or words run together) with exactly
   those syllables; a merely similar sound carries nothing (拼多多 pinduoduo ~ Panda; 比亚迪
   biyadi ~ Peter).
4. **Short names and one-letter edits need more evidence.** A match resting on one
   distinctive word is *weak* unless that word has `STRONG_MIN_LEN` letters or more (exact) or
   `LONG_WORD` or more (inexact) and nothing distinctive is left over on either side; an exact
   match of the whole distinctive name (an acronym: SMIC = SMIC) or two distinctive parts
   matched are not weak. A weak match is capped at `WEAK_CAP` unless the party's country
   agrees or an identifier matches (ABB ~ AAB; Tesla ~ TESA); a one-word match with words left
   over stays capped whatever the country (Zhuhai Gree ~ ZHUHAI ZHENRONG). An exact short name
   (ITC, ABB: `SHORT_NAME` letters) is capped when the countries contradict it.
5. **Company queries do not hit persons, vessels or aircraft** (`query_party_type`,
   `type_allows`) unless the query says `party_type` (`longarm screen --type`).

The caps sit below the default threshold on purpose: such a pair can still be seen at a lower
`--threshold`, with the rule named in its explanation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from longarm.screening.alignment import Cell
from longarm.screening.han_forms import han_core
from longarm.screening.lexicon import load_lexicon
from longarm.screening.normalise import NameForm

NO_DISTINCTIVE_CAP = 0.3
COVERAGE_FLOOR = 0.35
WEAK_CAP = 0.55
MATCH_SIM = 0.8
"""Similarity at which two aligned words count as the same word for these rules."""
STRONG_MIN_LEN = 5
LONG_WORD = 8


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the rules allow a pair: `cap` with no other evidence, `cap_with_evidence` when the
    country agrees or an identifier matches, `cap_if_contradicted` when both have countries
    and none agree, and why (`rule`, empty if nothing was capped: only then may the same
    country add its small bonus)."""

    cap: float
    cap_with_evidence: float
    rule: str
    cap_if_contradicted: float = 1.0

    @property
    def open(self) -> bool:
        """Whether no rule capped the pair."""
        return not self.rule


_OPEN = Verdict(1.0, 1.0, "")
_NONE = Verdict(NO_DISTINCTIVE_CAP, NO_DISTINCTIVE_CAP, "no distinctive word matched")
SHORT_NAME = 4
"""A name whose distinctive part is this short or shorter (an acronym: ITC, ABB) needs a
country that does not contradict it."""


def _distinctive(form: NameForm) -> list[int]:
    return [i for i, w in enumerate(form.weights) if w >= 1.0]


def _is_run(form: NameForm, i: int) -> bool:
    return form.kind in ("pinyin", "translated") and bool(form.skeletons[i])


def _cell_matches(q: NameForm, c: NameForm, cell: Cell) -> bool:
    """Whether a cell is a match of words for these rules (rules 1 and 3)."""
    if cell.sim < MATCH_SIM:
        return False
    q_words = q.tokens[cell.q_start : cell.q_start + cell.q_span]
    c_words = c.tokens[cell.c_start : cell.c_start + cell.c_span]
    # An initial matches only an initial.
    if all(len(w) == 1 for w in c_words) and not all(len(w) == 1 for w in q_words):
        return False
    runs = any(_is_run(q, i) for i in range(cell.q_start, cell.q_start + cell.q_span))
    return not runs or "".join(q_words) == "".join(c_words)


GENERIC_LIST_SHARE = 2 / 3
"""An all-generic query (China General Nuclear) must match every word, and this share of the
list name's words (China General Nuclear Power Corporation)."""


def _all_matched(q: NameForm, c: NameForm, cells: Sequence[Cell]) -> bool:
    used_q: set[int] = set()
    used_c: set[int] = set()
    for cell in cells:
        if _cell_matches(q, c, cell):
            used_q.update(range(cell.q_start, cell.q_start + cell.q_span))
            used_c.update(range(cell.c_start, cell.c_start + cell.c_span))
    return len(used_q) == len(q.tokens) and len(used_c) >= GENERIC_LIST_SHARE * len(c.tokens)


def _cell_strong(q: NameForm, c: NameForm, cell: Cell) -> bool:
    text = "".join(q.tokens[cell.q_start : cell.q_start + cell.q_span])
    if cell.sim >= 1.0:
        return len(text) >= STRONG_MIN_LEN
    return len(text) >= LONG_WORD


def assess(q: NameForm, c: NameForm, cells: Sequence[Cell]) -> Verdict:
    """The caps rules 1-4 put on one aligned pair of forms."""
    if q.kind == "han":
        return assess_han(q.tokens[0], c.tokens[0])
    q_dist, c_dist = _distinctive(q), _distinctive(c)
    matched_q: set[int] = set()
    matched_c: set[int] = set()
    strong = False
    for cell in cells:
        if not _cell_matches(q, c, cell):
            continue
        qs = {i for i in range(cell.q_start, cell.q_start + cell.q_span) if q.weights[i] >= 1.0}
        cs = {i for i in range(cell.c_start, cell.c_start + cell.c_span) if c.weights[i] >= 1.0}
        if qs and cs:
            matched_q |= qs
            matched_c |= cs
            strong = strong or _cell_strong(q, c, cell)
    if not q_dist and not c_dist:
        # All generic on both sides (China Telecom): every word must find its partner, and
        # a translation or romanisation of a Han name never carries such a match alone.
        if q.kind != "latin":
            return _NONE
        return _OPEN if _all_matched(q, c, cells) else _NONE
    if not matched_q:
        return _NONE
    share = min(len(matched_q) / len(q_dist), len(matched_c) / max(1, len(c_dist)))
    cap = COVERAGE_FLOOR + (1.0 - COVERAGE_FLOOR) * share
    rule = "" if share >= 1.0 else f"distinctive words matched: {share:.0%}"
    if len(matched_q) >= 2:
        return Verdict(cap, cap, rule)
    if share < 1.0:
        # One distinctive word in common, more left over on either side (Apple ~ ORIENTAL
        # APPLE; Zhuhai Gree ~ ZHUHAI ZHENRONG): weak, and the same country does not help.
        weak = f"{rule}; one word in common"
        return Verdict(min(cap, WEAK_CAP), min(cap, WEAK_CAP), weak)
    exact_whole = all(cell.sim >= 1.0 for cell in cells if _cell_matches(q, c, cell))
    if exact_whole:
        short = sum(len(q.tokens[i]) for i in matched_q) <= SHORT_NAME
        contradicted = WEAK_CAP if short else 1.0
        return Verdict(cap, cap, rule, contradicted)
    if strong:
        return Verdict(cap, cap, rule)
    weak = "short or one-edit match needs country or identifier"
    return Verdict(WEAK_CAP, cap, weak)


@lru_cache(maxsize=50_000)
def assess_han(query: str, listed: str) -> Verdict:
    """Rules 1 and 2 for two Han names: compared without their generic terms (中国, 集团,
    科技...), by the share of characters they have in common."""
    a, b = han_core(query), han_core(listed)
    if not a or not b:
        return _OPEN if a == b else _NONE
    share = float(Indel.normalized_similarity(a, b))
    if share >= 1.0:
        return _OPEN
    cap = COVERAGE_FLOOR + (1.0 - COVERAGE_FLOOR) * share
    if len(a) <= 2 or len(b) <= 2:
        cap = min(cap, WEAK_CAP)
    return Verdict(cap, cap, f"distinctive characters in common: {share:.0%}")


_PERSON_TYPES = {"individual": "person", "vessel": "vessel", "aircraft": "aircraft"}
PARTY_TYPES = ("company", "person", "vessel", "aircraft", "any")


def entry_party_type(entity_type: str | None) -> str | None:
    """The party type of a list entry (None: the list does not say)."""
    if entity_type is None:
        return None
    return _PERSON_TYPES.get(entity_type, "company")


def query_party_type(name: str, given: str | None) -> str:
    """The type a query is screened as: the one given, else `company` when the name carries a
    legal form or a generic business word, or is written in Han, else `any`."""
    if given:
        return given
    from longarm.screening.normalise import has_han, raw_words

    if has_han(name):
        return "company"
    lex = load_lexicon()
    words = raw_words(name)
    if any(w in lex.legal_words or w in lex.generic for w in words):
        return "company"
    return "any"


def type_allows(query_type: str, entry_type: str | None) -> bool:
    """Whether a query of one party type may hit an entry: `any` hits all, an untyped entry is
    hit by all, otherwise the types must agree."""
    return query_type == "any" or entry_type is None or entry_type == query_type

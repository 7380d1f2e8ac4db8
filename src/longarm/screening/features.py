"""The features a hit is scored on. Each comparator's docstring is its user-facing explanation.

The name feature aligns the tokens of two normalised forms one to one, best pairs first
(`alignment`), and scores the share of the two names' weight that found a partner
(`scoring`). Country and identifier evidence then move that score up or down (see
`match.Matcher.combine`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from longarm.screening.alignment import Cell, align_pairs
from longarm.screening.evidence import describe, name_evidence
from longarm.screening.forms import FormTable, Vocabulary
from longarm.screening.model import Feature
from longarm.screening.normalise import NameForm
from longarm.screening.scoring import load_name_model, modelled, score_evidence
from longarm.screening.similarity import skeleton_similarity, token_similarity

__all__ = [
    "align",
    "compare_countries",
    "compare_identifiers",
    "compare_names",
    "explain_name",
    "skeleton_similarity",
    "token_similarity",
]


def comparable(q: NameForm, c: NameForm) -> bool:
    """Whether two forms are compared at all: Han with Han; a Han query's translated or
    pinyin form only with a Latin list form."""
    if (q.kind == "han") != (c.kind == "han"):
        return False
    return q.kind in ("latin", "han") or c.kind == "latin"


def _align(q: NameForm, c: NameForm) -> tuple[float, list[Cell], list[str]]:
    if not comparable(q, c) or not q.tokens or not c.tokens:
        return 0.0, [], []
    vocab = Vocabulary()
    cands = FormTable([c], vocab)
    queries = FormTable([q], vocab)
    zero = np.zeros(1, dtype=np.int64)
    al = align_pairs(queries, cands, zero, zero)
    evidence = name_evidence(al, queries, cands)
    score = float(score_evidence(evidence, al, queries, cands)[0])
    notes = (
        describe(evidence[0], load_name_model().weights) if modelled(al, queries, cands)[0] else []
    )
    return score, al.cells_of(0), notes


def align(q: NameForm, c: NameForm) -> tuple[float, list[Cell]]:
    """Align query tokens with list tokens; return the name score and the cells used."""
    score, cells, _ = _align(q, c)
    return score, cells


def compare_names(q: NameForm, c: NameForm) -> Feature:
    """Name similarity after normalisation: the share of the query's words in the list name."""
    return explain_name(q, c, *_align(q, c))


def explain_name(
    q: NameForm, c: NameForm, score: float, chosen: Sequence[Cell], notes: Sequence[str] = ()
) -> Feature:
    """The name feature of an aligned pair: its score, which words matched which, and the
    evidence that lowered the score."""
    if q.kind == "han":
        return Feature(score, f"Chinese characters compared: {q.tokens[0]} / {c.tokens[0]}")
    parts = []
    covered: set[int] = set()
    for cell in sorted(chosen):
        source = " ".join(q.tokens[cell.q_start : cell.q_start + cell.q_span])
        target = " ".join(c.tokens[cell.c_start : cell.c_start + cell.c_span])
        how = "=" if cell.sim >= 1.0 else "~"
        parts.append(f"{source}{how}{target}")
        covered.update(range(cell.q_start, cell.q_start + cell.q_span))
    missing = [q.tokens[i] for i in range(len(q.tokens)) if i not in covered]
    detail = f"{q.kind} form; matched " + (", ".join(parts) if parts else "nothing")
    if missing:
        detail += "; not in list name: " + ", ".join(missing)
    if notes:
        detail += "; " + "; ".join(notes)
    return Feature(score, detail)


def compare_countries(query_country: str | None, entry_countries: Sequence[str]) -> Feature | None:
    """Country of the query against the entry's countries: the same supports, different weakens."""
    if not query_country or not entry_countries:
        return None
    if query_country in entry_countries:
        return Feature(1.0, f"both {query_country}")
    return Feature(0.0, f"Different countries: {query_country} / {'/'.join(entry_countries)}")


def _norm_id(value: str) -> str:
    return "".join(ch for ch in value.casefold() if ch.isalnum())


def compare_identifiers(query_ids: Sequence[str], entry_ids: Sequence[str]) -> Feature | None:
    """Identifiers (registration, tax, passport numbers): one shared number is strong evidence."""
    if not query_ids or not entry_ids:
        return None
    wanted = {_norm_id(v) for v in query_ids if _norm_id(v)}
    for raw in entry_ids:
        for part in raw.replace(";", ",").split(","):
            # "Passport 123" holds the number after its label.
            if {_norm_id(part), *(_norm_id(w) for w in part.split())} & wanted:
                return Feature(1.0, f"Same identifier: {part.strip()}")
    return Feature(0.0, "No identifier in common")

"""Matching: block candidates through the index, score them feature by feature, explain hits.

The algorithm is a visible list of steps with typed, described tunables (`MatchSettings`):
1. normalise the query into its forms;
2. block: sum, per indexed form, the weight of the query tokens whose blocking keys it
   shares; keep forms that reach `block_floor` of the query weight, best `max_candidates`;
3. score the name of each candidate (`features.align`), best form per entry;
4. add country and identifier evidence (`combine`) and keep hits at or above the threshold.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from longarm.screening.features import (
    align,
    compare_countries,
    compare_identifiers,
    compare_names,
    token_similarity,
)
from longarm.screening.index import SKELETON_PREFIX, IntArray, NameIndex
from longarm.screening.model import Feature, Hit, Query
from longarm.screening.normalise import NameForm, normalise_name


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """Tunables of matching, each with the reason for its default.

    Attributes:
        threshold: Hits below this final score are not reported. Chosen on the labelled
            name pairs (bench/screening.py) as the best F1 point.
        max_candidates: Forms scored in full per query; blocking ranks them first.
        max_df: A blocking key on more forms than this (CHINA, GROUP) blocks only when the
            query has no rarer key; scoring still sees it.
        block_floor: Share of the query's token weight a form must share through blocking
            keys; a name cannot score above what its tokens share.
        cross_script_floor: The same for Han queries against Latin names, where blocking
            through glossary translations and skeletons is looser.
        country_bonus: Added when the query's country is one of the entry's.
        country_penalty: Subtracted when both have countries and none agree.
        identifier_bonus: Added when query and entry share an identifier.
        prune_margin: How far below the threshold a Latin form's similarity-weighted
            blocking score may be and still be scored in full (matches the blocking keys do
            not see: Jaro-Winkler-only token variants, names run together).
    """

    threshold: float = 0.8
    max_candidates: int = 40
    max_df: int = 2000
    block_floor: float = 0.45
    cross_script_floor: float = 0.15
    country_bonus: float = 0.05
    country_penalty: float = 0.1
    identifier_bonus: float = 0.15
    prune_margin: float = 0.2


@dataclass(frozen=True, slots=True)
class Scored:
    """Best name match of one entry before evidence is combined."""

    entry: int
    name_score: float
    query_form: NameForm
    form: int


FloatArray = npt.NDArray[np.float64]
_EMPTY_IDS: IntArray = np.empty(0, dtype=np.int32)
_EMPTY_SIMS: FloatArray = np.empty(0, dtype=np.float64)


def _max_by_id(ids: IntArray, sims: FloatArray) -> tuple[IntArray, FloatArray]:
    """Unique ids (sorted) with the highest similarity seen for each."""
    order = np.lexsort((-sims, ids))
    ids, sims = ids[order], sims[order]
    first = np.empty(len(ids), dtype=bool)
    first[:1] = True
    np.not_equal(ids[1:], ids[:-1], out=first[1:])
    return ids[first], sims[first]


class Matcher:
    """Screens queries against one `NameIndex`."""

    def __init__(self, index: NameIndex, settings: MatchSettings | None = None) -> None:
        self.index = index
        self.settings = settings or MatchSettings()
        self._expand = lru_cache(maxsize=200_000)(self._expand_token)

    def clear_caches(self) -> None:
        """Forget per-token blocking results (for honest cold-cache measurements)."""
        self._expand.cache_clear()

    def _expand_token(self, token: str) -> tuple[IntArray, FloatArray]:
        """Form ids reachable from one query token (itself, typos, phonetic variants), with
        the best token similarity each form offers (0.0 when only the blocking key is shared)."""
        idx = self.index
        found = idx.similar_tokens(token)
        if not found:
            return _EMPTY_IDS, _EMPTY_SIMS
        if len(found) == 1:
            (only,) = found
            posting = idx.postings[only]
            return posting, np.full(len(posting), token_similarity(token, only))
        postings = [idx.postings[t] for t in found]
        ids = np.concatenate(postings)
        sims = np.repeat(
            np.array([token_similarity(token, t) for t in found]),
            [len(p) for p in postings],
        )
        return _max_by_id(ids, sims)

    def _token_postings(self, form: NameForm) -> list[tuple[IntArray, FloatArray, float]]:
        """Per query token: reachable form ids, the token similarity each offers, the weight."""
        out: list[tuple[IntArray, FloatArray, float]] = []
        idx = self.index
        if form.kind == "han":
            text = form.tokens[0]
            keys = [f"#{text[i : i + 2]}" for i in range(max(1, len(text) - 1))]
            weight = 1.0 / len(keys)
            for key in keys:
                posting = idx.postings.get(key)
                if posting is not None:
                    out.append((posting, np.ones(len(posting)), weight))
            return out
        for alts, weight, skeleton in zip(form.alts, form.weights, form.skeletons, strict=True):
            found = [self._expand(a) for a in alts]
            if skeleton and len(skeleton) >= SKELETON_PREFIX:
                posting = idx.postings.get("~" + skeleton[:SKELETON_PREFIX])
                if posting is not None:
                    # A skeleton match is only checked in scoring: count it as possible.
                    found.append((posting, np.ones(len(posting))))
            found = [f for f in found if len(f[0])]
            if len(found) == 1:
                out.append((found[0][0], found[0][1], weight))
            elif found:
                ids, sims = _max_by_id(
                    np.concatenate([f[0] for f in found]), np.concatenate([f[1] for f in found])
                )
                out.append((ids, sims, weight))
        if len(form.tokens) > 1:
            posting = idx.postings.get("=" + "".join(form.tokens))
            if posting is not None:
                out.append((posting, np.ones(len(posting)), sum(form.weights)))
        return out

    def candidates(self, forms: Iterable[NameForm], min_score: float = 0.0) -> IntArray:
        """Form ids worth scoring for a query, best blocking score first.

        A Latin form is also pruned on its similarity-weighted blocking score (each query
        token counted at its best token similarity in the form, over the query's weight): a
        form below `min_score - prune_margin` cannot reach the threshold, bar a match the
        blocking keys do not see (`prune_margin` covers those).
        """
        s = self.settings
        picked: list[IntArray] = []
        for form in forms:
            postings = self._token_postings(form)
            if not postings:
                continue
            rare = [p for p in postings if len(p[0]) <= s.max_df]
            use = rare or postings
            ids = np.concatenate([p[0] for p in use])
            unique, inverse = np.unique(ids, return_inverse=True)
            weights = np.repeat([p[2] for p in use], [len(p[0]) for p in use])
            totals = np.bincount(inverse, weights=weights)
            total_weight = 1.0 if form.kind == "han" else sum(form.weights)
            floor = s.block_floor if form.kind in ("latin", "han") else s.cross_script_floor
            keep = totals >= floor * total_weight
            if form.kind == "latin" and min_score > s.prune_margin:
                sims = np.concatenate([p[1] for p in use])
                # Keys too common to block on are assumed to match.
                common = sum(p[2] for p in postings if len(p[0]) > s.max_df) if rare else 0.0
                near = np.bincount(inverse, weights=weights * sims) + float(common)
                keep &= near >= (min_score - s.prune_margin) * total_weight
            unique, totals = unique[keep], totals[keep]
            if len(unique) > s.max_candidates:
                top = np.argpartition(-totals, s.max_candidates)[: s.max_candidates]
                unique = unique[top]
            picked.append(unique.astype(np.int32))
        if not picked:
            return _EMPTY_IDS
        if len(picked) == 1:
            return picked[0]
        return np.unique(np.concatenate(picked))

    def score_names(self, forms: tuple[NameForm, ...], form_ids: IntArray) -> list[Scored]:
        """Best name score per entry among the candidate forms."""
        idx = self.index
        form_entry = idx.form_entry
        best: dict[int, Scored] = {}
        for fid in form_ids.tolist():
            cand = idx.forms[fid]
            entry = form_entry[fid]
            cand_han = cand.kind == "han"
            for q in forms:
                if (q.kind == "han") != cand_han or (
                    q.kind != "latin" and cand.kind != "latin" and q.kind != "han"
                ):
                    continue
                score = align(q, cand)[0]
                if score > 0.0:
                    prev = best.get(entry)
                    if prev is None or score > prev.name_score:
                        best[entry] = Scored(entry, score, q, fid)
        return list(best.values())

    def combine(self, query: Query, scored: Scored) -> Hit:
        """Final score and explanation of one entry: name, then country and identifier evidence."""
        s = self.settings
        idx = self.index
        entry = idx.entries[scored.entry]
        cand = idx.forms[scored.form]
        name = compare_names(scored.query_form, cand)
        features: dict[str, Feature] = {"name": name}
        score = scored.name_score
        country = compare_countries(query.country, entry.countries)
        if country is not None:
            features["country"] = country
            score += s.country_bonus if country.score >= 1.0 else -s.country_penalty
        ident = compare_identifiers(query.identifiers, entry.identifiers)
        if ident is not None:
            features["identifier"] = ident
            score += s.identifier_bonus if ident.score >= 1.0 else 0.0
        matched = idx.names[int(idx.form_name[scored.form])].text
        return Hit(entry, matched, min(1.0, max(0.0, score)), features)

    def screen(
        self, query: Query, lists: Iterable[str] | None = None, threshold: float | None = None
    ) -> list[Hit]:
        """Hits for one query at or above the threshold, best first."""
        limit = self.settings.threshold if threshold is None else threshold
        wanted = set(lists) if lists else None
        forms = normalise_name(query.name)
        if not forms:
            return []
        # Country and identifier evidence can lift a name score by at most this much.
        s = self.settings
        slack = (s.country_bonus if query.country else 0.0) + (
            s.identifier_bonus if query.identifiers else 0.0
        )
        hits = []
        for scored in self.score_names(forms, self.candidates(forms, limit - slack)):
            if scored.name_score + slack < limit:
                continue
            entry = self.index.entries[scored.entry]
            if wanted is not None and entry.list_code not in wanted:
                continue
            hit = self.combine(query, scored)
            if hit.score >= limit:
                hits.append(hit)
        hits.sort(key=lambda h: (-h.score, h.entry.list_code, h.entry.entry_id))
        return hits

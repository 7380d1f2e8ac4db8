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

from longarm.screening.features import (
    align,
    compare_countries,
    compare_identifiers,
    compare_names,
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
    """

    threshold: float = 0.8
    max_candidates: int = 40
    max_df: int = 2000
    block_floor: float = 0.45
    cross_script_floor: float = 0.15
    country_bonus: float = 0.05
    country_penalty: float = 0.1
    identifier_bonus: float = 0.15


@dataclass(frozen=True, slots=True)
class Scored:
    """Best name match of one entry before evidence is combined."""

    entry: int
    name_score: float
    query_form: NameForm
    form: int


class Matcher:
    """Screens queries against one `NameIndex`."""

    def __init__(self, index: NameIndex, settings: MatchSettings | None = None) -> None:
        self.index = index
        self.settings = settings or MatchSettings()
        self._expand = lru_cache(maxsize=200_000)(self._expand_token)

    def _expand_token(self, token: str) -> IntArray:
        """Form ids reachable from one query token (itself, typos, phonetic variants)."""
        postings = [self.index.postings[t] for t in self.index.similar_tokens(token)]
        if not postings:
            return np.empty(0, dtype=np.int32)
        if len(postings) == 1:
            return postings[0]
        return np.unique(np.concatenate(postings))

    def _token_postings(self, form: NameForm) -> list[tuple[IntArray, float]]:
        out: list[tuple[IntArray, float]] = []
        idx = self.index
        if form.kind == "han":
            keys = [f"#{form.tokens[0][i : i + 2]}" for i in range(max(1, len(form.tokens[0]) - 1))]
            weight = 1.0 / len(keys)
            for key in keys:
                if key in idx.postings:
                    out.append((idx.postings[key], weight))
            return out
        for alts, weight, skeleton in zip(form.alts, form.weights, form.skeletons, strict=True):
            arrays = [self._expand(a) for a in alts]
            if skeleton and len(skeleton) >= SKELETON_PREFIX:
                key = "~" + skeleton[:SKELETON_PREFIX]
                if key in idx.postings:
                    arrays.append(idx.postings[key])
            arrays = [a for a in arrays if len(a)]
            if arrays:
                merged = arrays[0] if len(arrays) == 1 else np.unique(np.concatenate(arrays))
                out.append((merged, weight))
        if len(form.tokens) > 1:
            compact = "=" + "".join(form.tokens)
            if compact in idx.postings:
                out.append((idx.postings[compact], sum(form.weights)))
        return out

    def candidates(self, forms: Iterable[NameForm]) -> IntArray:
        """Form ids worth scoring for a query, best blocking score first."""
        s = self.settings
        picked: list[IntArray] = []
        for form in forms:
            postings = self._token_postings(form)
            if not postings:
                continue
            rare = [(p, w) for p, w in postings if len(p) <= s.max_df]
            use = rare or postings
            ids = np.concatenate([p for p, _ in use])
            weights = np.concatenate([np.full(len(p), w) for p, w in use])
            unique, inverse = np.unique(ids, return_inverse=True)
            totals = np.bincount(inverse, weights=weights)
            total_weight = 1.0 if form.kind == "han" else sum(form.weights)
            floor = s.block_floor if form.kind in ("latin", "han") else s.cross_script_floor
            keep = totals >= floor * total_weight
            unique, totals = unique[keep], totals[keep]
            if len(unique) > s.max_candidates:
                top = np.argpartition(-totals, s.max_candidates)[: s.max_candidates]
                unique = unique[top]
            picked.append(unique.astype(np.int32))
        if not picked:
            return np.empty(0, dtype=np.int32)
        return np.unique(np.concatenate(picked))

    def score_names(self, forms: tuple[NameForm, ...], form_ids: IntArray) -> list[Scored]:
        """Best name score per entry among the candidate forms."""
        idx = self.index
        best: dict[int, Scored] = {}
        for fid in form_ids.tolist():
            cand = idx.forms[fid]
            entry = idx.names[int(idx.form_name[fid])].entry
            for q in forms:
                if (q.kind == "han") != (cand.kind == "han") or (
                    q.kind != "latin" and cand.kind != "latin" and q.kind != "han"
                ):
                    continue
                score, _ = align(q, cand)
                prev = best.get(entry)
                if score > 0.0 and (prev is None or score > prev.name_score):
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
        # The country bonus can lift a name score by at most this much.
        slack = self.settings.country_bonus + self.settings.identifier_bonus
        hits = []
        for scored in self.score_names(forms, self.candidates(forms)):
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

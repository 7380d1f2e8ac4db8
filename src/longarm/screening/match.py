"""Matching: a batch of queries in, hits explained feature by feature out.

The algorithm is a visible list of steps with typed, described tunables (`MatchSettings`),
each step one array operation over the whole batch:
1. normalise every query into its forms (cached per name);
2. block: one sparse product finds, per query form, the indexed forms sharing enough weight
   (`blocking`);
3. align every (query form, indexed form) pair and score the names (`alignment`, `scoring`);
   keep the best form per (query, entry);
4. only for pairs that can still reach the threshold: add country and identifier evidence
   (`combine`), build the `Hit` and its explanation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from longarm.screening.alignment import Alignment, Cell, align_pairs
from longarm.screening.blocking import BlockingSettings, block
from longarm.screening.evidence import describe, name_evidence
from longarm.screening.features import (
    compare_countries,
    compare_identifiers,
    explain_name,
)
from longarm.screening.forms import (
    HAN,
    LATIN,
    BoolArray,
    FloatArray,
    FormTable,
    IntArray,
    Vocabulary,
    gather_ranges,
)
from longarm.screening.gate import Verdict, assess, entry_party_type, query_party_type
from longarm.screening.index import NameIndex
from longarm.screening.model import Feature, Hit, Query
from longarm.screening.normalise import NameForm, normalise_name
from longarm.screening.scoring import load_name_model, modelled, score_evidence


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """Tunables of matching, each with the reason for its default.

    Attributes:
        threshold: Hits below this final score are not reported. The name score is a match
            probability (`scoring`). On the labelled pairs the cross-validated F1 peaks
            between 0.5 and 0.6 (within half a point); the higher end is taken, for fewer
            alerts on names that share one word with a listed one.
        selection_floor: Candidates are the entries whose name model score reaches this,
            whatever the threshold asked for, so that lowering the threshold never loses a hit
            (a hit at 0.6 is still there at 0.3); the threshold only filters.
        blocking: Which indexed forms are aligned with a query (`BlockingSettings`).
        country_bonus: Added when the query's country is one of the entry's, only to a name
            match no precision rule capped (`gate`): the same country is weak evidence (most
            parties of a country are not listed), so it never lifts a capped match over the
            threshold; for short and one-edit matches it is the evidence they need.
        country_penalty: Subtracted when both have countries and none agree.
        identifier_bonus: Added when query and entry share an identifier.
    """

    threshold: float = 0.6
    selection_floor: float = 0.5
    blocking: BlockingSettings = field(default_factory=BlockingSettings)
    country_bonus: float = 0.05
    country_penalty: float = 0.1
    identifier_bonus: float = 0.15


MAX_COUNTRIES = 4
"""Countries of an entry compared at most (the lists rarely give more)."""
_TYPE_CODES = {"": 0, "company": 1, "person": 2, "vessel": 3, "aircraft": 4, "any": -1}
_UNTYPED, _ANY = 0, -1

CompactHit = tuple[int, int, float, tuple[tuple[str, float, str], ...]]
"""A hit as plain data: (entry index, name index, final score, (feature, score, detail)...),
in the order the features are explained. `Matcher.hit` rebuilds the `Hit`."""


@dataclass(frozen=True, slots=True)
class Scored:
    """Best name match of one entry for one query, before evidence is combined."""

    entry: int
    name_score: float
    query_form: NameForm
    form: int
    name: int
    cells: tuple[Cell, ...]
    notes: tuple[str, ...]
    open: bool = True
    """No precision rule capped the name score (`gate`): the same country may add its bonus."""


def _compatible(queries: FormTable, cands: FormTable, qf: IntArray, cf: IntArray) -> BoolArray:
    """Han with Han; a Han query's translated or pinyin form only with a Latin list form."""
    qk, ck = queries.kind[qf], cands.kind[cf]
    ok: BoolArray = ((qk == HAN) == (ck == HAN)) & ((qk == LATIN) | (qk == HAN) | (ck == LATIN))
    return ok


def _country_agrees(hit: CompactHit) -> bool:
    return any(key == "country" and value >= 1.0 for key, value, _ in hit[3])


def _best_per_entry(query_of: IntArray, entry_of: IntArray, score: FloatArray) -> IntArray:
    """Index of the best-scoring pair of each (query, entry)."""
    order = np.lexsort((-score, entry_of, query_of))
    q, e = query_of[order], entry_of[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = (q[1:] != q[:-1]) | (e[1:] != e[:-1])
    return order[first]


class Matcher:
    """Screens queries against one `NameIndex`."""

    def __init__(self, index: NameIndex, settings: MatchSettings | None = None) -> None:
        self.index = index
        self.settings = settings or MatchSettings()
        self._tables: tuple[IntArray, IntArray, dict[str, int]] | None = None

    def clear_caches(self) -> None:
        """Nothing is cached per matcher (kept for callers that empty every cache)."""

    def slack(self, query: Query) -> float:
        """How much country and identifier evidence can lift this query's name score."""
        s = self.settings
        return (s.country_bonus if query.country else 0.0) + (
            s.identifier_bonus if query.identifiers else 0.0
        )

    def score_batch(
        self, queries: Sequence[Query], threshold: float | None = None
    ) -> list[list[Scored]]:
        """Per query, the entries whose best name score reaches the selection floor, with the
        precision rules (`gate`) applied. `threshold` is ignored (kept for callers): selection
        does not depend on it."""
        threshold = self.settings.selection_floor
        forms: list[NameForm] = []
        form_query: list[int] = []
        for q, query in enumerate(queries):
            for form in normalise_name(query.name):
                forms.append(form)
                form_query.append(q)
        out: list[list[Scored]] = [[] for _ in queries]
        if not forms:
            return out
        idx = self.index
        table = FormTable(forms, Vocabulary(idx.vocab))
        owner = np.asarray(form_query, dtype=np.int64)
        slack = np.asarray([self.slack(q) for q in queries], dtype=np.float64)
        model = load_name_model()
        # Blocking bounds coverage: each form needs the coverage the model can turn into
        # the threshold at best.
        levels, which = np.unique(threshold - slack[owner], return_inverse=True)
        needs = np.asarray([model.coverage_needed(n) for n in levels.tolist()])[which]
        qf, cf = block(idx, table, needs, self.settings.blocking)
        ok = _compatible(table, idx.forms, qf, cf)
        qf, cf = qf[ok], cf[ok]
        al = align_pairs(table, idx.forms, qf, cf)
        evidence = name_evidence(al, table, idx.forms)
        scores = score_evidence(evidence, al, table, idx.forms, model)
        by_model = modelled(al, table, idx.forms)
        hopeful = np.flatnonzero((scores > 0.0) & (scores + slack[owner[qf]] >= threshold))
        verdicts = self._verdicts(forms, qf, cf, hopeful, al)
        # Every name with the aligned form, and its entry.
        names, at = gather_ranges(idx.members, idx.member_ptr, cf[hopeful])
        pair = hopeful[at]
        entry_of = idx.names_entry[names]
        query_of = owner[qf[pair]]
        allowed, evidenced, contradicted = self._entry_checks(queries, query_of, entry_of)
        caps = np.asarray([v.cap for v in verdicts], dtype=np.float64)
        caps_evidence = np.asarray([v.cap_with_evidence for v in verdicts], dtype=np.float64)
        caps_contra = np.asarray([v.cap_if_contradicted for v in verdicts], dtype=np.float64)
        cap = np.where(evidenced, caps_evidence[at], caps[at])
        cap = np.where(contradicted, np.minimum(cap, caps_contra[at]), cap)
        gated = np.minimum(scores[pair], cap)
        keep = np.flatnonzero(allowed)
        names, pair, entry_of, at, gated = (
            names[keep],
            pair[keep],
            entry_of[keep],
            at[keep],
            gated[keep],
        )
        best = _best_per_entry(owner[qf[pair]], entry_of, gated)
        cells = al.cells_for(pair[best])
        chosen_pairs = pair[best]
        notes = [
            (*(describe(evidence[p], model.weights) if by_model[p] else ()),
             *((verdicts[a].rule,) if verdicts[a].rule else ()))
            for p, a in zip(chosen_pairs.tolist(), at[best].tolist(), strict=True)
        ]  # fmt: skip
        for q, e, name, f, c, score, chosen, note, a in zip(
            owner[qf[pair[best]]].tolist(),
            entry_of[best].tolist(),
            names[best].tolist(),
            qf[pair[best]].tolist(),
            cf[pair[best]].tolist(),
            gated[best].tolist(),
            cells,
            notes,
            at[best].tolist(),
            strict=True,
        ):
            out[q].append(Scored(e, score, forms[f], c, name, tuple(chosen), note,
                                 verdicts[a].open))  # fmt: skip
        return out

    def _verdicts(
        self, forms: list[NameForm], qf: IntArray, cf: IntArray, hopeful: IntArray, al: Alignment
    ) -> list[Verdict]:
        """The precision rules' verdict on each hopeful pair (`gate.assess`)."""
        cand_forms = self.index.forms.forms
        return [
            assess(forms[int(qf[p])], cand_forms[int(cf[p])], cells)
            for p, cells in zip(hopeful.tolist(), al.cells_for(hopeful), strict=True)
        ]

    def _entry_tables(self) -> tuple[IntArray, IntArray, dict[str, int]]:
        """Per entry, its party type code and up to `MAX_COUNTRIES` country codes (-1 pad),
        built once: the checks below are then array operations."""
        if self._tables is None:
            entries = self.index.entries
            types = np.asarray(
                [_TYPE_CODES[entry_party_type(e.entity_type) or ""] for e in entries],
                dtype=np.int64,
            )
            codes: dict[str, int] = {}
            countries = np.full((len(entries), MAX_COUNTRIES), -1, dtype=np.int64)
            for i, e in enumerate(entries):
                for j, c in enumerate(e.countries[:MAX_COUNTRIES]):
                    countries[i, j] = codes.setdefault(c, len(codes))
            self._tables = (types, countries, codes)
        return self._tables

    def _entry_checks(
        self, queries: Sequence[Query], query_of: IntArray, entry_of: IntArray
    ) -> tuple[BoolArray, BoolArray, BoolArray]:
        """Per (query, entry) pair: whether the party types allow a hit, whether the country
        agrees or an identifier matches (the evidence weak matches need), and whether both
        have countries and none agree."""
        types, countries, codes = self._entry_tables()
        q_type = np.asarray(
            [_TYPE_CODES[query_party_type(q.name, q.party_type)] for q in queries], dtype=np.int64
        )[query_of]
        e_type = types[entry_of]
        allowed = (q_type == _ANY) | (e_type == _UNTYPED) | (q_type == e_type)
        q_country = np.asarray(
            [codes.get(q.country, -2) if q.country else -1 for q in queries], dtype=np.int64
        )[query_of]
        e_countries = countries[entry_of]
        agrees = (e_countries == q_country[:, None]).any(axis=1)
        contradicted = (q_country != -1) & (e_countries[:, 0] >= 0) & ~agrees
        evidenced = agrees
        with_ids = [k for k, q in enumerate(query_of.tolist()) if queries[q].identifiers]
        entries = self.index.entries
        for k in with_ids:
            query, entry = queries[int(query_of[k])], entries[int(entry_of[k])]
            ident = compare_identifiers(query.identifiers, entry.identifiers)
            evidenced[k] = evidenced[k] or (ident is not None and ident.score >= 1.0)
        return allowed, evidenced, contradicted

    def combine(self, query: Query, scored: Scored) -> Hit:
        """Final score and explanation of one entry: name, then country and identifier evidence."""
        return self.hit(self.combine_compact(query, scored))

    def combine_compact(self, query: Query, scored: Scored) -> CompactHit:
        """`combine` as plain data: (entry, name, score, features), cheap to send between
        processes and rebuilt by `hit`."""
        s = self.settings
        entry = self.index.entries[scored.entry]
        cand = self.index.forms.forms[scored.form]
        name = explain_name(scored.query_form, cand, scored.name_score, scored.cells, scored.notes)
        features = [("name", name.score, name.detail)]
        score = scored.name_score
        country = compare_countries(query.country, entry.countries)
        if country is not None:
            features.append(("country", country.score, country.detail))
            if country.score < 1.0:
                score -= s.country_penalty
            elif scored.open:
                score += s.country_bonus
        ident = compare_identifiers(query.identifiers, entry.identifiers)
        if ident is not None:
            features.append(("identifier", ident.score, ident.detail))
            score += s.identifier_bonus if ident.score >= 1.0 else 0.0
        return (scored.entry, scored.name, min(1.0, max(0.0, score)), tuple(features))

    def hit(self, compact: CompactHit) -> Hit:
        """The `Hit` of a compact hit (`combine_compact`)."""
        entry, name, score, features = compact
        idx = self.index
        return Hit(
            idx.entries[entry],
            idx.names[name].text,
            score,
            {key: Feature(value, detail) for key, value, detail in features},
        )

    def screen_batch_compact(
        self,
        queries: Sequence[Query],
        lists: Iterable[str] | None = None,
        threshold: float | None = None,
    ) -> list[list[CompactHit]]:
        """`screen_batch` as compact hits (what a worker process sends back)."""
        limit = self.settings.threshold if threshold is None else threshold
        wanted = set(lists) if lists else None
        results: list[list[CompactHit]] = []
        entries = self.index.entries
        combine = self.combine_compact
        for query, scored in zip(queries, self.score_batch(queries, limit), strict=True):
            hits = []
            for one in scored:
                if wanted is not None and entries[one.entry].list_code not in wanted:
                    continue
                hit = combine(query, one)
                if hit[2] >= limit:
                    hits.append(hit)
            if len(hits) > 1:
                # Equal scores: the entry whose country agrees first.
                hits.sort(key=lambda h: (-h[2], not _country_agrees(h), entries[h[0]].list_code,
                                         entries[h[0]].entry_id))  # fmt: skip
            results.append(hits)
        return results

    def screen_batch(
        self,
        queries: Sequence[Query],
        lists: Iterable[str] | None = None,
        threshold: float | None = None,
    ) -> list[list[Hit]]:
        """Hits for each query at or above the threshold, best first."""
        hit = self.hit
        return [
            [hit(h) for h in hits] for hits in self.screen_batch_compact(queries, lists, threshold)
        ]

    def screen(
        self, query: Query, lists: Iterable[str] | None = None, threshold: float | None = None
    ) -> list[Hit]:
        """Hits for one query at or above the threshold, best first."""
        return self.screen_batch([query], lists, threshold)[0]

"""The name score of an aligned pair: a logistic model over the name evidence.

    score = 1 / (1 + exp(-(bias + sum(weight[f] * evidence[f]))))

The weights are data (`data/name_model.yaml`), fitted on labelled name pairs by
`python bench/screening.py --fit` (see `fitting`). The model is fitted on Latin-script pairs;
cross-script comparisons (a Chinese name's translation or pinyin against a Latin name, Han
against Han) are scored on their coverage alone, through the same logistic curve, for no
labelled pairs cover their other evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import yaml

from longarm.errors import InputError
from longarm.screening.alignment import Alignment, align_pairs
from longarm.screening.evidence import BOUNDED_BY_ONE, FEATURES, name_evidence
from longarm.screening.forms import LATIN, BoolArray, FloatArray, FormTable, Vocabulary
from longarm.screening.normalise import NameForm, normalise_name

MODEL_FILE = "name_model.yaml"


@dataclass(frozen=True, slots=True)
class NameModel:
    """Logistic weights over `FEATURES`.

    Attributes:
        weights: One weight per feature, in `FEATURES` order.
        bias: The intercept.
        provenance: How the weights were fitted, as recorded in the file.
    """

    weights: FloatArray
    bias: float
    provenance: dict[str, Any]

    def probability(self, evidence: FloatArray) -> FloatArray:
        """Match probability of each evidence row."""
        return 1.0 / (1.0 + np.exp(-(evidence @ self.weights + self.bias)))

    def calibrate(self, coverage: FloatArray) -> FloatArray:
        """The score of pairs the model does not cover (cross-script), on the same scale:
        a Latin pair with that coverage and no other evidence for or against it."""
        w = self.weights[FEATURES.index("coverage")]
        calibrated: FloatArray = 1.0 / (1.0 + np.exp(-(w * coverage + self.bias)))
        return calibrated

    def coverage_needed(self, probability: float) -> float:
        """The least coverage a Latin pair can have and still reach `probability`: every other
        feature at its most favourable value (blocking prunes below this)."""
        w = dict(zip(FEATURES, self.weights.tolist(), strict=True))
        if w["coverage"] <= 0.0 or not 0.0 < probability < 1.0:
            return 0.0
        # Features bounded by 1 may add at most their weight; the rest only subtract.
        lift = sum(max(w[f], 0.0) for f in FEATURES if f in BOUNDED_BY_ONE and f != "coverage")
        needed = (np.log(probability / (1.0 - probability)) - self.bias - lift) / w["coverage"]
        return float(np.clip(needed, 0.0, 1.0))

    def to_yaml(self) -> str:
        """The model file's text."""
        body = {
            "provenance": self.provenance,
            "bias": round(float(self.bias), 6),
            "weights": {f: round(float(w), 6) for f, w in zip(FEATURES, self.weights, strict=True)},
        }
        header = (
            "# Logistic weights of the name score (longarm.screening.scoring). Written by\n"
            "# `python bench/screening.py --fit`; edit by refitting, not by hand.\n"
        )
        return header + yaml.safe_dump(body, sort_keys=False, allow_unicode=True)


def parse_model(text: str) -> NameModel:
    """Read a model file; fail loudly on a missing or unknown feature."""
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("weights"), dict):
        raise InputError(MODEL_FILE, "weights", "expected a mapping of feature -> weight")
    weights: dict[str, Any] = data["weights"]
    if set(weights) != set(FEATURES):
        raise InputError(MODEL_FILE, "weights", f"expected exactly the features {FEATURES}")
    return NameModel(
        weights=np.asarray([float(weights[f]) for f in FEATURES], dtype=np.float64),
        bias=float(data.get("bias", 0.0)),
        provenance=dict(data.get("provenance") or {}),
    )


@cache
def load_name_model() -> NameModel:
    """The shipped model (cached for the life of the process)."""
    path = resources.files("longarm.screening").joinpath("data", MODEL_FILE)
    return parse_model(path.read_text(encoding="utf-8"))


def modelled(al: Alignment, queries: FormTable, cands: FormTable) -> BoolArray:
    """Which pairs the model scores: Latin against Latin."""
    latin: BoolArray = (queries.kind[al.qf] == LATIN) & (cands.kind[al.cf] == LATIN)
    return latin


def name_scores(
    al: Alignment, queries: FormTable, cands: FormTable, model: NameModel | None = None
) -> FloatArray:
    """Name score in [0, 1] of every aligned pair."""
    return score_evidence(name_evidence(al, queries, cands), al, queries, cands, model)


def score_evidence(
    evidence: FloatArray,
    al: Alignment,
    queries: FormTable,
    cands: FormTable,
    model: NameModel | None = None,
) -> FloatArray:
    """Name score of every aligned pair from its evidence (`name_evidence`)."""
    chosen = model or load_name_model()
    score = chosen.calibrate(evidence[:, FEATURES.index("coverage")])
    latin = modelled(al, queries, cands)
    if latin.any():
        score[latin] = chosen.probability(evidence[latin])
    return score


def compare_names_batch(
    first: Sequence[str], second: Sequence[str], model: NameModel | None = None
) -> tuple[FloatArray, FloatArray, BoolArray]:
    """Score name pairs (first[i] as the query, second[i] as the list name): per pair the name
    score, the evidence of the best-scoring pair of forms, and whether the model scored it."""
    vocab = Vocabulary()
    q_forms: list[NameForm] = []
    c_forms: list[NameForm] = []
    owner: list[int] = []
    for i, (a, b) in enumerate(zip(first, second, strict=True)):
        for q in normalise_name(a):
            for c in normalise_name(b):
                if (q.kind == "han") == (c.kind == "han") and (
                    q.kind in ("latin", "han") or c.kind == "latin"
                ):
                    q_forms.append(q)
                    c_forms.append(c)
                    owner.append(i)
    scores = np.zeros(len(first))
    evidence = np.zeros((len(first), len(FEATURES)))
    by_model = np.zeros(len(first), dtype=bool)
    if not owner:
        return scores, evidence, by_model
    cands = FormTable(c_forms, vocab)
    queries = FormTable(q_forms, vocab)
    ids = np.arange(len(owner), dtype=np.int64)
    al = align_pairs(queries, cands, ids, ids)
    pair_evidence = name_evidence(al, queries, cands)
    pair_scores = score_evidence(pair_evidence, al, queries, cands, model)
    rows = np.asarray(owner, dtype=np.int64)
    order = np.lexsort((-pair_scores, rows))
    first_of = np.ones(len(order), dtype=bool)
    first_of[1:] = rows[order][1:] != rows[order][:-1]
    best = order[first_of]
    scores[rows[best]] = pair_scores[best]
    evidence[rows[best]] = pair_evidence[best]
    by_model[rows[best]] = modelled(al, queries, cands)[best]
    return scores, evidence, by_model

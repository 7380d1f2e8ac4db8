"""Fitting the name model: L2-regularised logistic regression by Newton's method, and its
honest measure, repeated k-fold cross-validated F1 (numpy only).

Features are standardised inside the fit (so one regularisation strength suits all) and the
weights are returned on the raw scale, ready for `scoring.NameModel`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from longarm.screening.evidence import FEATURES
from longarm.screening.forms import BoolArray, FloatArray

NEWTON_STEPS = 25
"""Newton's method converges on a problem this size in well under this many steps."""


@dataclass(frozen=True, slots=True)
class Fit:
    """Raw-scale weights and bias of a logistic model."""

    weights: FloatArray
    bias: float

    def probability(self, x: FloatArray) -> FloatArray:
        """Match probability of each row."""
        return 1.0 / (1.0 + np.exp(-(x @ self.weights + self.bias)))


def fit_logistic(
    x: FloatArray, y: BoolArray, l2: float = 1.0, offset: FloatArray | None = None
) -> Fit:
    """Logistic regression with an L2 penalty `l2` on the standardised weights (not the bias);
    `offset` is a fixed per-row addition to the logit (the part of the model set by hand)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0.0] = 1.0
    z = np.column_stack([np.ones(len(x)), (x - mean) / scale])
    target = y.astype(np.float64)
    penalty = np.full(z.shape[1], l2)
    penalty[0] = 0.0
    fixed = np.zeros(len(x)) if offset is None else offset

    def loss(w: FloatArray) -> float:
        logit = z @ w + fixed
        return float(np.sum(np.logaddexp(0.0, logit) - target * logit) + 0.5 * penalty @ (w * w))

    w = np.zeros(z.shape[1])
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w + fixed, -50.0, 50.0)))
        gradient = z.T @ (p - target) + penalty * w
        hessian = (z.T * (p * (1.0 - p))) @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        # Halve the step until the loss goes down (plain Newton can overshoot when a fixed
        # offset nearly separates the classes).
        before, t = loss(w), 1.0
        while t > 1e-4 and loss(w - t * step) > before:
            t /= 2
        w = w - t * step
    weights = w[1:] / scale
    return Fit(weights=weights, bias=float(w[0] - weights @ mean))


SIGNS = {
    "coverage": 1, "weakest": 1, "edits": -1, "edited": -1, "substituted": -1,
    "extra_query": -1, "extra_list": -1, "generic_left": -1, "crossed": -1,
    "numbers_differ": -1, "compact": 1, "thin": -1, "lineage": -1,
}  # fmt: skip
"""The direction each feature may push the score (0: either). Without these, a fit on a few
hundred pairs can learn that a typo makes a match *more* likely, because the labelled
typos happen to be matches more often than the labelled exact-but-longer names."""


PRIORS = {"coverage": 6.0}
"""Weights set by hand. Coverage is the backbone of a screening score: a name whose words
mostly go unexplained must not hit, whatever else agrees. The labelled pairs cannot teach
that, being near misses built to have high coverage (a fit left free sends its weight to 0),
so its slope is fixed at 6: a tenth of coverage multiplies the odds of a match by about 1.8
(e^0.6). The bias and the other weights are fitted around it."""


def fit_constrained(x: FloatArray, y: BoolArray, l2: float = 1.0) -> Fit:
    """`fit_logistic` with the `PRIORS` weights fixed and every other weight in its `SIGNS`
    direction: features whose weight comes out the wrong way are held at 0 and the rest
    refitted, until all agree."""
    signs = np.asarray([SIGNS[f] for f in FEATURES], dtype=np.float64)
    prior = np.asarray([PRIORS.get(f, 0.0) for f in FEATURES], dtype=np.float64)
    free = np.asarray([f not in PRIORS for f in FEATURES], dtype=bool)
    offset = x @ prior
    while True:
        fit = fit_logistic(x[:, free], y, l2, offset)
        weights = prior.copy()
        weights[free] = fit.weights
        wrong = free & (weights * signs < 0)
        if not wrong.any():
            return Fit(weights=weights, bias=fit.bias)
        free &= ~wrong


def f1_score(predicted: BoolArray, truth: BoolArray) -> tuple[float, float, float]:
    """(F1, precision, recall) of boolean predictions."""
    tp = float(np.sum(predicted & truth))
    fp = float(np.sum(predicted & ~truth))
    fn = float(np.sum(~predicted & truth))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall


def cross_validated_f1(
    x: FloatArray,
    y: BoolArray,
    threshold: float,
    *,
    folds: int = 5,
    repeats: int = 5,
    l2: float = 1.0,
    seed: int = 0,
) -> tuple[float, float]:
    """Mean and standard deviation over `repeats` shuffles of the F1 of out-of-fold
    predictions: each pair is scored by a model fitted without it."""
    scores = []
    for r in range(repeats):
        order = np.random.default_rng(seed + r).permutation(len(y))
        predicted = np.zeros(len(y))
        for held_out in np.array_split(order, folds):
            train = np.setdiff1d(order, held_out)
            predicted[held_out] = fit_logistic(x[train], y[train], l2).probability(x[held_out])
        scores.append(f1_score(predicted >= threshold, y)[0])
    return float(np.mean(scores)), float(np.std(scores))

"""The name model: evidence, fitting, the shipped weights and the bound blocking relies on."""

from __future__ import annotations

import numpy as np
import pytest

from longarm.errors import InputError
from longarm.screening.evidence import FEATURES
from longarm.screening.fitting import SIGNS, fit_constrained, fit_logistic
from longarm.screening.scoring import compare_names_batch, load_name_model, parse_model


def evidence(a: str, b: str) -> dict[str, float]:
    _, rows, _ = compare_names_batch([a], [b])
    return dict(zip(FEATURES, rows[0].tolist(), strict=True))


def test_substitution_is_told_from_addition() -> None:
    swapped = evidence("Anders Kristersson", "Ulf Kristersson")
    added = evidence("Sergey Viktorovich Lavrov", "Sergey Lavrov")
    assert swapped["substituted"] == 1 and swapped["extra_query"] == 0
    assert added["substituted"] == 0 and added["extra_query"] == 1


def test_crossed_and_numbers() -> None:
    assert evidence("Friedrich Hans", "Hans Friedrich")["crossed"] == 1
    assert evidence("Hans Friedrich", "Hans Friedrich")["crossed"] == 0
    assert evidence("KKR Asian Fund III", "KKR Asian Fund IV")["numbers_differ"] == 1
    assert evidence("KKR Asian Fund IV", "KKR Asian Fund IV")["numbers_differ"] == 0


def test_a_changed_series_number_is_number_evidence_not_a_replaced_word() -> None:
    row = evidence("Mortgage Loan Trust 2004-1", "Mortgage Loan Trust 2004-2")
    assert row["numbers_differ"] == 1
    assert row["substituted"] == row["generic_left"] == 0
    vintage = evidence("KKR Asian Fund III", "KKR Asian Fund IV")
    assert vintage["substituted"] == 0 and vintage["numbers_differ"] == 1


def test_a_roman_numeral_opening_a_name_is_a_word() -> None:
    assert evidence("Xi Jinping", "Xi Jinping")["numbers_differ"] == 0
    assert evidence("Shi Jinping", "Xi Jinping")["numbers_differ"] == 0
    assert evidence("Fund XI", "Fund XII")["numbers_differ"] == 1


def test_lineage_tells_father_from_son() -> None:
    assert evidence("Salman bin Muhammad al-Rawi", "Muhammad bin Salman al-Rawi")["lineage"] == 1
    assert evidence("Ahmad ibn Hasan", "Hasan ibn Ahmad")["lineage"] == 1
    # The same person, the names only reordered around an unchanged father's name.
    assert evidence("bin Salman Mohammed", "Mohammed bin Salman")["lineage"] == 0
    assert evidence("Mohammed bin Salman", "Mohammed bin Salman")["lineage"] == 0
    # No particle on one side: nothing to say.
    assert evidence("Salman Muhammad", "Muhammad bin Salman")["lineage"] == 0


def test_father_son_reversal_does_not_match() -> None:
    scores, _, _ = compare_names_batch(
        ["Salman bin Muhammad al-Rawi", "Mohammed bin Salman"],
        ["Muhammad bin Salman al-Rawi", "Mohammed bin Salman"],
    )
    assert scores[0] < 0.6 <= scores[1]


def test_fit_recovers_the_direction_of_the_evidence() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 2))
    y = x[:, 0] - x[:, 1] + rng.normal(scale=0.5, size=400) > 0
    fit = fit_logistic(x, y)
    assert fit.weights[0] > 1.0 and fit.weights[1] < -1.0
    assert ((fit.probability(x) >= 0.5) == y).mean() > 0.85


def test_constrained_fit_keeps_every_weight_in_its_direction() -> None:
    rng = np.random.default_rng(1)
    x = rng.uniform(size=(300, len(FEATURES)))
    # Labels that reward edits: the fit must not learn that.
    y = x[:, FEATURES.index("edits")] + rng.normal(scale=0.1, size=300) > 0.5
    fit = fit_constrained(x, y)
    for name, weight in zip(FEATURES, fit.weights, strict=True):
        assert weight * SIGNS[name] >= 0.0


def test_model_file_must_name_every_feature() -> None:
    with pytest.raises(InputError):
        parse_model("bias: 0\nweights: {coverage: 1.0}\n")


def test_coverage_needed_bounds_the_probability() -> None:
    model = load_name_model()
    rng = np.random.default_rng(2)
    rows = rng.uniform(size=(2000, len(FEATURES)))
    for threshold in (0.5, 0.6, 0.8):
        needed = model.coverage_needed(threshold)
        rows[:, FEATURES.index("coverage")] = rng.uniform(0.0, needed, size=len(rows))
        assert (model.probability(rows) < threshold).all()

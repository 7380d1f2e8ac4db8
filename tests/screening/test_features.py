"""Named cases for each feature comparator."""

from __future__ import annotations

from longarm.screening.features import (
    align,
    compare_countries,
    compare_identifiers,
    compare_names,
    skeleton_similarity,
    token_similarity,
)
from longarm.screening.normalise import normalise_name


def name_score(a: str, b: str) -> float:
    return max(
        align(q, c)[0]
        for q in normalise_name(a)
        for c in normalise_name(b)
        if (q.kind == "han") == (c.kind == "han")
    )


def test_token_similarity_typo_initial_and_different_word() -> None:
    assert token_similarity("scholz", "schloz") >= 0.8
    assert token_similarity("v", "vladimir") == 0.8
    assert token_similarity("olaf", "octavian") == 0.0
    assert token_similarity("gas", "oil") == 0.0
    assert token_similarity("23", "24") == 0.0


def test_name_reordered_tokens_match() -> None:
    # Reordering costs a little (crossed evidence) but stays a strong match.
    assert name_score("Smith, John", "John Smith") >= 0.8


def test_name_written_apart_matches_name_written_together() -> None:
    assert name_score("Good Will Company", "Goodwill Company") >= 0.9
    assert name_score("Nikolai Patr ushev", "Nikolai Patrushev") >= 0.9


def test_name_exact_beats_typo_beats_substitution() -> None:
    exact = name_score("Olaf Scholz", "Olaf Scholz")
    typo = name_score("Olaf Schloz", "Olaf Scholz")
    other = name_score("Octavian Scholz", "Olaf Scholz")
    assert exact > typo > 0.6 > other


def test_name_initial_is_not_a_misspelling() -> None:
    assert (
        name_score("V. Putin", "Vladimir Putin")
        > name_score("Vladimer Putin", "Vladimir Putin") - 0.2
    )
    assert name_score("V. Putin", "Vladimir Putin") >= 0.6


def test_name_joined_words_match() -> None:
    assert name_score("RamiMakhlouf", "Rami Makhlouf") >= 0.9


def test_name_generic_words_alone_do_not_match() -> None:
    assert name_score("China Mobile", "China Telecom") < 0.5


def test_name_extra_query_token_costs_more_than_extra_list_token() -> None:
    assert name_score("Faberlic", "Faberlic Europe") > name_score("Faberlic Europe", "Faberlic")


def test_name_short_token_substitution_is_not_a_match() -> None:
    assert name_score("SMIC", "STIC") < 0.8


def test_number_words_meet_digits() -> None:
    assert name_score("Brigade Forty-Four", "Brigade 44") >= 0.9
    assert name_score("1st International Bank", "First International Bank") >= 0.9


def test_name_detail_explains_pairs_and_missing_words() -> None:
    q = normalise_name("Huawei Technologies Cloud")[0]
    c = normalise_name("Huawei Technologies Co., Ltd.")[0]
    detail = compare_names(q, c).detail
    assert "huawei=huawei" in detail
    assert "not in list name: cloud" in detail


def test_transliteration_skeleton() -> None:
    assert skeleton_similarity("MTN", ("martin",)) > 0.8
    assert skeleton_similarity("MTN", ("boeing",)) == 0.0


def test_cross_script_name() -> None:
    assert name_score("洛克希德·马丁公司", "Lockheed Martin Corporation") >= 0.7


def test_country_feature() -> None:
    same = compare_countries("CN", ("CN", "HK"))
    other = compare_countries("US", ("CN",))
    assert same is not None and same.score == 1.0 and same.detail == "both CN"
    assert other is not None and other.score == 0.0 and "CN" in other.detail
    assert compare_countries(None, ("CN",)) is None


def test_identifier_feature() -> None:
    hit = compare_identifiers(["91110000-1234"], ["Passport 123; USCC 911100001234"])
    assert hit is not None and hit.score == 1.0
    miss = compare_identifiers(["X1"], ["Y2"])
    assert miss is not None and miss.score == 0.0


def test_phonetic_switch_turns_off_phonetic_token_matches() -> None:
    from longarm.screening.api import set_switches
    from longarm.screening.features import token_similarity

    with_phonetic = token_similarity("qaddafi", "gadafy")
    try:
        set_switches(phonetic=False)
        without = token_similarity("qaddafi", "gadafy")
    finally:
        set_switches()
    assert with_phonetic > without
    assert token_similarity("qaddafi", "gadafy") == with_phonetic


def test_glossary_switch_romanises_glossary_terms() -> None:
    from longarm.screening.api import set_switches
    from longarm.screening.normalise import normalise_name

    def translated(name: str) -> tuple[str, ...]:
        return next(f.tokens for f in normalise_name(name) if f.kind == "translated")

    assert "technology" in translated("华为科技有限公司")
    try:
        set_switches(glossary=False)
        assert "technology" not in translated("华为科技有限公司")
    finally:
        set_switches()

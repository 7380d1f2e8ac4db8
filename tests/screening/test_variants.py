"""Variant forms of a name (see `normalise`): Wade-Giles romanisation, scripts romanised by
anyascii, and given-name nicknames; one named case per rule."""

from __future__ import annotations

from longarm.screening.normalise import latin_tokens, normalise_name
from longarm.screening.romanised import wade_giles_syllable, wade_giles_to_pinyin
from longarm.screening.scoring import compare_names_batch


def variants(name: str, origin: str) -> list[tuple[str, ...]]:
    return [f.tokens for f in normalise_name(name) if f.origin == origin]


def test_wade_giles_syllables_follow_the_standard_table() -> None:
    table = {
        "hsi": "xi", "ch'ing": "qing", "ching": "jing", "chang": "zhang", "ch'ang": "chang",
        "tse": "ze", "ts'ai": "cai", "tzu": "zi", "ssu": "si", "chih": "zhi", "shih": "shi",
        "jih": "ri", "jen": "ren", "k'ang": "kang", "kuo": "guo", "ko": "ge", "to": "duo",
        "t'ien": "tian", "hsieh": "xie", "tung": "dong", "hsiung": "xiong", "erh": "er",
        "yeh": "ye", "p'ing": "ping", "ping": "bing",
    }  # fmt: skip
    for wade_giles, pinyin in table.items():
        assert wade_giles_syllable(wade_giles) == pinyin, wade_giles
    assert wade_giles_syllable("smith") is None
    assert wade_giles_syllable("kih") is None  # -ih only after sibilants


def test_wade_giles_names_get_a_pinyin_form() -> None:
    assert variants("Mao Tse-tung", "romanised") == [("mao", "zedong")]
    assert variants("Teng Hsiao-p'ing", "romanised") == [("deng", "xiaoping")]
    assert variants("Chou En-lai", "romanised") == [("zhou", "enlai")]


def test_wade_giles_needs_a_mark() -> None:
    # Syllables that are also plain pinyin or English are left alone without a WG mark.
    assert wade_giles_to_pinyin("wang li") is None
    assert wade_giles_to_pinyin("tang ping trading") is None
    assert variants("Kim Myong-sik", "romanised") == []
    assert variants("Sun Yat-sen", "romanised") == []


def test_wade_giles_name_matches_its_pinyin() -> None:
    scores, _, _ = compare_names_batch(
        ["Mao Tse-tung", "Mao Zedong", "Chou En-lai"], ["Mao Zedong", "Mao Tse-tung", "Mao Zedong"]
    )
    assert scores[0] >= 0.6 and scores[1] >= 0.6
    assert scores[2] < 0.6


def test_scripts_without_a_table_are_romanised_by_anyascii() -> None:
    assert latin_tokens("नरेन्द्र मोदी") == latin_tokens("नरेन्द्र मोडी") == ["nrendr", "modi"]
    assert latin_tokens("ทักษิณ ชินวัตร") == ["thaksin", "chinwatr"]
    assert all(t.isascii() for t in latin_tokens("ዐቢይ አሕመድ"))
    # Scripts with a table keep it.
    assert latin_tokens("Владимир Путин") == ["vladimir", "putin"]
    assert latin_tokens("François") == ["francois"]


def test_nicknames_read_as_formal_names() -> None:
    assert variants("Bill Gates", "nickname") == [("william", "gates")]
    assert variants("Bibi Netanyahu", "nickname") == [("benjamin", "netanyahu")]
    assert set(variants("Ted Doe", "nickname")) == {("edward", "doe"), ("theodore", "doe")}
    # A patronymic particle inside a name is not a nickname.
    assert variants("Isa Ben Tarif", "nickname") == []
    scores, _, _ = compare_names_batch(["Bob Dylan"], ["Robert Dylan"])
    assert scores[0] >= 0.6

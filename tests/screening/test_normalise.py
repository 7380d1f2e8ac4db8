"""One named case per normalisation rule (see the numbered list in `normalise`)."""

from __future__ import annotations

from longarm.screening.normalise import latin_tokens, normalise_name


def kinds(name: str) -> dict[str, tuple[str, ...]]:
    return {f.kind: f.tokens for f in normalise_name(name)}


def test_rule1_nfkc_and_casefold() -> None:
    assert latin_tokens("ＳＭＩＣ") == ["smic"]
    assert latin_tokens("STRASSE Straße") == ["strasse"]


def test_rule2_traditional_to_simplified() -> None:
    assert (
        kinds("中芯國際集成電路製造有限公司")["han"] == kinds("中芯国际集成电路制造有限公司")["han"]
    )


def test_rule3_transliteration_and_diacritics() -> None:
    assert latin_tokens("Владимир Путин") == ["vladimir", "putin"]
    assert latin_tokens("François Hollande") == ["francois", "hollande"]
    assert latin_tokens("Բարակ Օբամա") == latin_tokens("ბარაკ ობამა") == ["barak", "obama"]
    assert latin_tokens("バラク・オバマ") == ["baraku", "obama"]


def test_rule4_ampersand_and_dotted_acronyms() -> None:
    assert latin_tokens("A.B.C. Company") == ["abc"]
    assert latin_tokens("AT&T Inc.") == latin_tokens("AT and T Inc.")


def test_rule5_abbreviations_expanded() -> None:
    assert latin_tokens("Semiconductor Mfg Intl Corp") == [
        "semiconductor",
        "manufacturing",
        "international",
    ]


def test_rule6_legal_forms_dropped_in_both_scripts() -> None:
    assert latin_tokens("OJSC Tactical Missiles Corp.") == ["tactical", "missiles"]
    assert latin_tokens("Faberlic Europe Sp. z o.o.") == ["faberlic", "europe"]
    assert kinds("华为技术有限公司")["han"] == ("华为技术",)


def test_rule6_legal_form_kept_when_nothing_else() -> None:
    assert latin_tokens("Limited") == ["limited"]


def test_rule7_stopwords_titles_repeats_and_generic_weight() -> None:
    assert latin_tokens("Mr. Rami Makhlouf") == ["rami", "makhlouf"]
    assert latin_tokens("Sergey Sergey Shoigu") == ["sergey", "shoigu"]
    (form,) = normalise_name("China Hytera")
    assert form.weights[0] < form.weights[1]


def test_rule8_glossary_translation_and_pinyin_runs() -> None:
    forms = kinds("中芯国际集成电路制造有限公司")
    assert forms["translated"][:3] == ("semiconductor", "manufacturing", "international")
    assert "integrated" in forms["translated"]
    (translated,) = [f for f in normalise_name("洛克希德·马丁公司") if f.kind == "translated"]
    assert translated.tokens == ("luokexide", "mading")
    assert translated.skeletons == ("LKST", "MTN")


def test_rule8_ordinal_numbers() -> None:
    assert "14" in kinds("中国电子科技集团公司第十四研究所")["translated"]


def test_rule5_number_words_and_ordinals_as_digits() -> None:
    assert latin_tokens("Brigade Forty-Four") == ["brigade", "44"]
    assert latin_tokens("Brigade Forty 4") == ["brigade", "44"]
    assert latin_tokens("First International Bank") == latin_tokens("1st International Bank")
    assert latin_tokens("Route 40 4") == ["route", "40", "4"]

"""Bad input, everywhere (issue 10, part 1): over 1,000 generated bad cases a run, each
refused with an `InputError` that names the file, the field and the reason; never another
exception, a hang or a determination.

Hypothesis draws from the mutation catalogue of `mutations.py` (every value in it is bad
for its field) and from families of malformed documents. Settings are bounded so the
whole module stays within a few tens of seconds.
"""

from __future__ import annotations

import contextlib
import random
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability.mutations import (
    mutated,
    mutations,
    rich_case,
    structural,
    to_json,
    to_yaml,
)

from longarm.errors import InputError
from longarm.io.case_reader import format_path, parse_case


def bounded(examples: int) -> settings:
    """Deadlines off (the machine is shared), no example database, fixed example count."""
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


BASE = rich_case()
MUTATIONS = mutations(BASE)


def _refused(text: str, *, as_json: bool) -> InputError:
    source = "case.json" if as_json else "case.yaml"
    with pytest.raises(InputError) as info:
        parse_case(text, source, as_json=as_json)
    error = info.value
    assert str(error).startswith(f"{source}: ")
    assert all(reason for _, reason in error.problems)
    return error


def test_the_base_case_is_valid_in_both_syntaxes() -> None:
    assert parse_case(to_yaml(BASE), "c.yaml").shipment.id == "S-001"
    assert parse_case(to_json(BASE), "c.json", as_json=True).shipment.id == "S-001"
    assert len(MUTATIONS) > 500


@bounded(700)
@given(index=st.integers(0, len(MUTATIONS) - 1), as_json=st.booleans())
def test_every_single_bad_change_is_refused_naming_its_field(index: int, as_json: bool) -> None:
    label, _ = MUTATIONS[index]
    data = mutated(BASE, MUTATIONS[index])
    error = _refused(to_json(data) if as_json else to_yaml(data), as_json=as_json)
    if label.startswith("set ("):
        # "set ('items', 0, 'unit_value') = ..." names the field the error must point at.
        path = eval(label[4 : label.index(") = ") + 1])  # the label is our own repr
        want = format_path(path)
        paths = [p for p, _ in error.problems]
        assert any(p and (p.startswith(want) or want.startswith(p)) for p in paths), (
            label,
            error.problems,
        )


@bounded(250)
@given(seed=st.integers(0, 2**32 - 1))
def test_malformed_documents_are_refused(seed: int) -> None:
    _label, content, suffix = structural(random.Random(seed))
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return  # read_case refuses it before parsing (test_not_utf8_is_refused)
    _refused(text, as_json=suffix == ".json")


@bounded(150)
@given(text=st.text(max_size=400))
def test_arbitrary_text_is_refused_or_read_never_crashes(text: str) -> None:
    for as_json in (False, True):
        with contextlib.suppress(InputError):
            parse_case(text, "x", as_json=as_json)


@bounded(100)
@given(cut=st.integers(1, 2000), junk=st.sampled_from(["", "[", "{", ":", "- ", "&a *a", "\x00"]))
def test_truncated_cases_never_crash(cut: int, junk: str) -> None:
    text = to_yaml(BASE)
    for candidate in (text[:cut] + junk, to_json(BASE)[:cut] + junk):
        with contextlib.suppress(InputError):
            parse_case(candidate, "x", as_json=candidate.startswith("{"))


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("012", "ambiguous"),
        ("1:30", "ambiguous"),
        ("0b11", "ambiguous"),
        (Decimal("1e400"), "at most"),
        (Decimal("1e999999999"), "at most"),
        (10**48, "at most"),
        (Decimal("NaN"), "finite"),
        (Decimal("-Infinity"), "finite"),
        (True, "true/false"),
    ],
)
def test_numbers_are_exact_bounded_and_unambiguous(value: object, reason: str) -> None:
    data = rich_case()
    data["shipment"]["lines"][0]["quantity"] = value
    error = _refused(to_yaml(data), as_json=False)
    assert error.path == "shipment.lines[0].quantity"
    assert reason in error.reason


def test_unix_timestamp_is_not_a_date() -> None:
    data = rich_case()
    data["as_of"] = 1_768_435_200
    error = _refused(to_yaml(data), as_json=False)
    assert error.path == "as_of" and "YYYY-MM-DD" in error.reason


def test_duplicate_json_key_is_refused() -> None:
    text = to_json(rich_case()).replace('"id": "S-001"', '"id": "S-001", "id": "S-002"')
    assert "duplicate key 'id'" in _refused(text, as_json=True).reason


@pytest.mark.parametrize("key", ["? [a, b]\n  : 1", "? {a: 1}\n  : 1"])
def test_list_or_mapping_as_key_is_refused(key: str) -> None:
    text = to_yaml(rich_case()).replace("  id: S-001\n", f"  id: S-001\n  {key}\n")
    assert "plain name" in _refused(text, as_json=False).reason


def test_yaml_11_forms_stay_text_where_text_is_meant() -> None:
    data = rich_case()
    data["shipment"]["destination"] = "NO"
    text = to_yaml(data).replace("destination: 'NO'", "destination: NO")
    assert parse_case(text, "c.yaml").shipment.destination == "NO"


def test_all_errors_are_reported_at_once_with_did_you_mean() -> None:
    data = rich_case()
    data["items"][0]["unit_valeu"] = data["items"][0].pop("unit_value")
    data["items"][1]["orgin"] = "CN"
    data["shipment"]["lines"][0]["quantity"] = -1
    error = _refused(to_yaml(data), as_json=False)
    text = str(error)
    assert "items[0].unit_valeu: unknown field" in text and "did you mean unit_value" in text
    assert "items[1].orgin: unknown field" in text and "did you mean origin" in text
    assert "shipment.lines[0].quantity: must be > 0" in text
    assert len(error.problems) >= 3
    assert all(line.startswith("case.yaml: ") for line in text.splitlines())


@pytest.mark.parametrize(
    "written", ["US:3A090.a ", "US:3a090.a", "US:3A090.A", "ＵＳ：３Ａ０９０．ａ"]
)
def test_classification_codes_are_normalised_where_certain(written: str) -> None:
    data = rich_case()
    data["items"][0]["controls"] = [written]
    case = parse_case(to_yaml(data), "c.yaml")
    assert case.items[0].controls == ["US:3A090.a"]


@pytest.mark.parametrize(
    ("written", "suggestion"),
    [("US:3A09O.a", "US:3A090"), ("CN:1C905.z", "CN:1C905"), ("US:EAR98", "US:EAR99")],
)
def test_unknown_code_is_bad_input_with_did_you_mean(written: str, suggestion: str) -> None:
    data = rich_case()
    data["items"][0]["controls"] = [written]
    error = _refused(to_yaml(data), as_json=False)
    assert error.path == "items[0].controls[0]"
    assert "unknown code" in error.reason and suggestion in error.reason


def test_explicitly_empty_end_uses_is_bad_input_not_no_end_use() -> None:
    data = rich_case()
    data["shipment"]["end_uses"] = []
    assert _refused(to_yaml(data), as_json=False).path == "shipment.end_uses"

"""A JSON reader with the same guarantees as `strict_yaml`: duplicate keys are errors,
numbers are exact (`Decimal`) and bounded in length, and nesting depth is bounded.

Python's `json` keeps the last of two equal keys and parses a 10^6-digit integer; both
would let a malformed file decide silently or slowly.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from longarm.io.strict_yaml import MAX_DEPTH, MAX_NUMBER_CHARS, DuplicateKeyError, YamlLimitError


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key, value in pairs:
        if key in mapping:
            raise DuplicateKeyError(key)
        mapping[key] = value
    return mapping


def _checked(text: str) -> str:
    if len(text) > MAX_NUMBER_CHARS:
        raise YamlLimitError(f"number of {len(text)} characters, over {MAX_NUMBER_CHARS}")
    return text


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(_checked(text))
    except InvalidOperation as exc:  # json only passes number literals; kept for safety
        raise YamlLimitError(f"not a number: {text!r}") from exc


def _int(text: str) -> int:
    return int(_checked(text))


def _constant(text: str) -> Decimal:
    # NaN and Infinity are not JSON; Python accepts them. Keep them so the field says why.
    return Decimal("NaN") if text == "NaN" else Decimal(text.replace("Infinity", "Inf"))


def load_json(text: str) -> Any:
    """Parse JSON strictly.

    Raises:
        DuplicateKeyError: a key appears twice in one object.
        YamlLimitError: nested deeper than `MAX_DEPTH`, or a number longer than allowed.
        ValueError: not JSON (`json.JSONDecodeError`).
    """
    _check_depth(text)
    return json.loads(
        text,
        object_pairs_hook=_pairs,
        parse_float=_decimal,
        parse_int=_int,
        parse_constant=_constant,
    )


_TOKENS = re.compile(r'"(?:[^"\\]+|\\.)*"|[\[\]{}]')


def _check_depth(text: str) -> None:
    """Refuse deep nesting before parsing: the C scanner recurses once per level."""
    depth = 0
    for match in _TOKENS.finditer(text):
        char = match.group()
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                raise YamlLimitError(f"nested more than {MAX_DEPTH} levels deep (line {line})")
        elif char in "]}":
            depth -= 1

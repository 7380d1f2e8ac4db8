"""Cell text -> the values the case models take (CONTRACT.md section 8 cell syntax).

An empty cell means the field is omitted (the model's default applies); the word `unknown`
means the fact is unknown. List cells are `;`-separated. These functions only reshape text;
the case models (`longarm.domain.case`) validate it, so tables and case files obey one set
of rules.
"""

from __future__ import annotations

from typing import Any

UNKNOWN = "unknown"


class CellError(ValueError):
    """A cell whose shape is wrong before the models can even look at it."""


def split_list(text: str | None) -> list[str]:
    """`a; b;;c` -> ["a", "b", "c"]; empty -> []."""
    if text is None:
        return []
    return [part.strip() for part in text.split(";") if part.strip()]


def maybe_unknown(text: str | None) -> str | None:
    """A scalar that may be unknown: `unknown` and empty both give None (null)."""
    if text is None or text.lower() == UNKNOWN:
        return None
    return text


def materials(text: str | None) -> list[dict[str, Any]]:
    """`Dy:permanent_magnet;Ga:compound:GaN` -> material mappings."""
    out: list[dict[str, Any]] = []
    for part in split_list(text):
        bits = [b.strip() for b in part.split(":", 2)]
        if len(bits) < 2 or not bits[0] or not bits[1]:
            raise CellError(f"material {part!r} must be element:form or element:form:designation")
        entry: dict[str, Any] = {"element": bits[0], "form": bits[1]}
        if len(bits) == 3 and bits[2]:
            entry["designation"] = bits[2]
        out.append(entry)
    return out


def technologies(text: str | None) -> list[dict[str, Any]] | str:
    """`magnet_manufacturing:CN` -> technology mappings; `unknown` stays unknown."""
    if text is not None and text.strip().lower() == UNKNOWN:
        return UNKNOWN
    out: list[dict[str, Any]] = []
    for part in split_list(text):
        activity, sep, origin = (b.strip() for b in part.partition(":"))
        if not sep or not activity or not origin:
            raise CellError(f"technology {part!r} must be activity:origin")
        out.append({"activity": activity, "origin": origin})
    return out


def list_memberships(text: str | None) -> list[dict[str, Any]]:
    """`US:EL`, `US:EL:presumption_of_denial`, `US:EL::1` -> membership mappings.

    A list code has the form `REGIME:LIST`, so the first two parts are the code, then the
    optional policy and footnote; an empty part is omitted, the word `unknown` makes it
    null (known to exist, value unknown: `US:EL::unknown` is `footnote: null`).
    """
    out: list[dict[str, Any]] = []
    for part in split_list(text):
        bits = [b.strip() for b in part.split(":")]
        if len(bits) < 2 or len(bits) > 4 or not bits[0] or not bits[1]:
            raise CellError(
                f"list {part!r} must be a list code (e.g. US:EL), optionally followed by "
                ":policy and :footnote"
            )
        entry: dict[str, Any] = {"list": f"{bits[0]}:{bits[1]}"}
        for key, value in zip(("policy", "footnote"), bits[2:], strict=False):
            if value:
                entry[key] = None if value.lower() == UNKNOWN else value
        out.append(entry)
    return out


def boolean(text: str | None) -> bool | None:
    """`true` / `false` (any case); empty -> None (omitted)."""
    if text is None:
        return None
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    raise CellError(f"must be true or false, not {text!r}")


def whole_number(text: str | None) -> int:
    """A line number: a whole number (`3`, or `3.0` as spreadsheets write it)."""
    if text is None:
        raise CellError("required field missing")
    try:
        value = float(text)
    except ValueError as exc:
        raise CellError(f"must be a whole number, not {text!r}") from exc
    if not value.is_integer():
        raise CellError(f"must be a whole number, not {text!r}")
    return int(value)

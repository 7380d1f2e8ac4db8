"""Read a case file (YAML or JSON) into a validated `Case`, or raise `InputError`.

Nothing is returned for input that was not fully read. Every problem found is reported at
once, each with the file, the field path (`items[3].components[0].item`) and the reason,
with "did you mean" for a misspelt field or code. Field errors come first; the rules that
need the whole case (references, ids, cycles, codes) are checked once the fields are valid.
"""

from __future__ import annotations

import difflib
import sys
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from longarm.domain.case import Case
from longarm.errors import InputError
from longarm.io.case_rules import consistency_problems
from longarm.io.strict_json import load_json
from longarm.io.strict_yaml import DuplicateKeyError, YamlLimitError, load_yaml

MAX_CASE_BYTES = 16 * 1024 * 1024
"""A case is one shipment; 16 MiB leaves room for ~100k items or lines and refuses runaways."""
STDIN = "-"
MAX_REPORTED = 50
"""At most this many problems are listed; the count of the rest is given."""

__all__ = ["MAX_CASE_BYTES", "check_consistency", "format_path", "parse_case", "read_case"]


def read_case(path: Path) -> Case:
    """Read and validate one case file (`-` reads standard input, as YAML or JSON)."""
    source = str(path)
    text = read_text(path)
    as_json = path.suffix.lower() == ".json" or (source == STDIN and text.lstrip()[:1] in "[{")
    return parse_case(text, "<stdin>" if source == STDIN else source, as_json=as_json)


def read_text(path: Path) -> str:
    """The file's text, refusing folders, oversized files and anything not UTF-8."""
    source = str(path)
    if source == STDIN:
        raw = sys.stdin.buffer.read(MAX_CASE_BYTES + 1)
        source = "<stdin>"
    else:
        try:
            if path.is_dir():
                raise InputError(source, "", "is a folder, not a case file")
            size = path.stat().st_size
            if size > MAX_CASE_BYTES:
                raise InputError(
                    source, "", f"file is {size:,} bytes, over the {MAX_CASE_BYTES:,} limit"
                )
            raw = path.read_bytes()
        except OSError as exc:
            raise InputError(source, "", f"cannot read file: {exc.strerror or exc}") from exc
    if len(raw) > MAX_CASE_BYTES:
        raise InputError(source, "", f"over the {MAX_CASE_BYTES:,}-byte limit")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(source, "", f"not UTF-8 text (byte {exc.start})") from exc
    return text.removeprefix("\ufeff")


def parse_case(
    text: str, source: str = "<case>", *, as_json: bool = False, check_codes: bool = True
) -> Case:
    """Parse case text (YAML, or JSON when `as_json`) and validate it.

    Args:
        check_codes: whether every declared classification must name a code the installed
            packs know (off only for callers that check codes themselves).
    """
    raw = _parse_document(text, source, as_json)
    if not isinstance(raw, dict):
        raise InputError(source, "", "the document must be a mapping (as_of, shipment, items...)")
    try:
        case = Case.model_validate(raw)
    except ValidationError as exc:
        problems = [(format_path(e["loc"]), _message(e)) for e in exc.errors()]
        raise _all(source, problems) from exc
    except RecursionError as exc:  # pragma: no cover - depth is bounded by the parsers
        raise InputError(source, "", "nested too deeply") from exc
    check_consistency(case, source, check_codes=check_codes)
    return case


def check_consistency(case: Case, source: str, *, check_codes: bool = True) -> None:
    """Raise `InputError` listing every whole-case problem (`longarm.io.case_rules`)."""
    problems = consistency_problems(case, check_codes=check_codes)
    if problems:
        raise _all(source, problems)


def _all(source: str, problems: list[tuple[str, str]]) -> InputError:
    shown = problems[:MAX_REPORTED]
    if len(problems) > MAX_REPORTED:
        shown.append(("", f"... and {len(problems) - MAX_REPORTED} more problems"))
    (path, reason), *rest = shown
    return InputError(source, path, reason, also=rest)


def _parse_document(text: str, source: str, as_json: bool) -> Any:
    kind = "JSON" if as_json else "YAML"
    try:
        return load_json(text) if as_json else load_yaml(text)
    except (DuplicateKeyError, YamlLimitError) as exc:
        raise InputError(source, "", str(exc)) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise InputError(source, "", f"not valid YAML: {exc.problem or exc}{where}") from exc
    except (yaml.YAMLError, ValueError) as exc:
        raise InputError(source, "", f"not valid {kind}: {exc}") from exc
    except RecursionError as exc:  # defence in depth: the readers bound nesting first
        raise InputError(source, "", "nested too deeply") from exc


def format_path(loc: Sequence[int | str]) -> str:
    """('items', 3, 'components', 0, 'item') -> 'items[3].components[0].item'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not _is_tag(str(part)):
            out += ("." if out else "") + str(part)
    return out


def _is_tag(part: str) -> bool:
    # Pydantic puts the tried type of a union member in the location; it is not a field.
    return part.startswith(
        ("function-", "literal[", "list[", "decimal", "str", "bool", "date", "float", "int")
    ) or part in ("is-instance[Decimal]", "json-or-python[json=float,python=float]")


def _message(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        hint = _did_you_mean(error["loc"])
        return "unknown field (a typo would silently drop a fact)" + hint
    if kind == "missing":
        return "required field missing"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def _did_you_mean(loc: Sequence[int | str]) -> str:
    model = _model_at(loc[:-1])
    if model is None:
        return ""
    near = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=2, cutoff=0.6)
    return f"; did you mean {' or '.join(near)}?" if near else ""


def _model_at(loc: Sequence[int | str]) -> type[BaseModel] | None:
    model: type[BaseModel] | None = Case
    for part in loc:
        if isinstance(part, int) or _is_tag(str(part)) or model is None:
            continue
        field = model.model_fields.get(str(part))
        if field is None:
            return None
        model = _inner_model(field.annotation)
    return model


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None

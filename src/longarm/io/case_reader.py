"""Read a case file (YAML or JSON) into a validated `Case`, or raise `InputError`.

Nothing is returned for input that was not fully read: the first problem found raises,
with the file, the field path (`items[3].components[0].item`) and the reason.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from longarm.domain.case import Case
from longarm.errors import InputError
from longarm.io.strict_yaml import DuplicateKeyError, load_yaml

MAX_CASE_BYTES = 16 * 1024 * 1024
"""A case is one shipment; 16 MiB leaves room for a BOM of ~100k rows and refuses runaway files."""


def read_case(path: Path) -> Case:
    """Read and validate one case file."""
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(source, "", f"cannot read file: {exc.strerror}") from exc
    if size > MAX_CASE_BYTES:
        raise InputError(source, "", f"file is {size} bytes, over the {MAX_CASE_BYTES} limit")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(source, "", "not UTF-8 text") from exc
    return parse_case(text, source, as_json=path.suffix.lower() == ".json")


def parse_case(text: str, source: str = "<case>", *, as_json: bool = False) -> Case:
    """Parse case text (YAML, or JSON when `as_json`) and validate it."""
    raw = _parse_document(text, source, as_json)
    if not isinstance(raw, dict):
        raise InputError(source, "", "the document must be a mapping (as_of, shipment, items...)")
    try:
        case = Case.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InputError(source, format_path(first["loc"]), _message(first)) from exc
    check_consistency(case, source)
    return case


def _parse_document(text: str, source: str, as_json: bool) -> Any:
    try:
        if as_json:
            return json.loads(text, parse_float=Decimal)
        return load_yaml(text)
    except DuplicateKeyError as exc:
        raise InputError(source, "", str(exc)) from exc
    except (yaml.YAMLError, json.JSONDecodeError, ValueError) as exc:
        raise InputError(source, "", f"not valid {'JSON' if as_json else 'YAML'}: {exc}") from exc


def format_path(loc: Sequence[int | str]) -> str:
    """('items', 3, 'components', 0, 'item') -> 'items[3].components[0].item'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not str(part).startswith(("function-", "literal[", "list[", "decimal", "str", "bool")):
            out += ("." if out else "") + str(part)
    return out


def _message(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field (a typo would silently drop a fact)"
    if kind == "missing":
        return "required field missing"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def check_consistency(case: Case, source: str) -> None:
    """Rules that need the whole case: unique ids, references, currencies, acyclic BOM."""
    _unique(source, "items", [i.id for i in case.items])
    _unique(source, "parties", [p.id for p in case.parties])
    items = case.items_by_id
    parties = case.parties_by_id
    for n, line in enumerate(case.shipment.lines):
        if line.item not in items:
            raise InputError(source, f"shipment.lines[{n}].item", f"unknown item {line.item!r}")
    for role in ("exporter", "consignee", "end_user"):
        ref = getattr(case.shipment, role)
        if ref is not None and ref not in parties:
            raise InputError(source, f"shipment.{role}", f"unknown party {ref!r}")
    for n, item in enumerate(case.items):
        for m, comp in enumerate(item.components):
            if comp.item not in items:
                raise InputError(
                    source, f"items[{n}].components[{m}].item", f"unknown item {comp.item!r}"
                )
    for n, party in enumerate(case.parties):
        for m, owner in enumerate(party.owners):
            if owner.party not in parties:
                raise InputError(
                    source, f"parties[{n}].owners[{m}].party", f"unknown party {owner.party!r}"
                )
    _check_currencies(case, source)
    _check_bom_acyclic(case, source)
    _check_options(case, source)


def _unique(source: str, section: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for n, ident in enumerate(ids):
        if ident in seen:
            raise InputError(source, f"{section}[{n}].id", f"duplicate id {ident!r}")
        seen.add(ident)


def _check_currencies(case: Case, source: str) -> None:
    currencies = {i.currency for i in case.items}
    if len(currencies) <= 1:
        return
    for n, item in enumerate(case.items):
        if item.currency != "USD" and item.currency not in case.fx:
            raise InputError(
                source,
                f"items[{n}].currency",
                f"mixed currencies ({', '.join(sorted(currencies))}) need an fx rate for "
                f"{item.currency} (fx.{item.currency}: USD per {item.currency})",
            )


def _check_bom_acyclic(case: Case, source: str) -> None:
    from longarm.bom.graph import find_cycle

    cycle = find_cycle(case)
    if cycle:
        index = {i.id: n for n, i in enumerate(case.items)}
        first = cycle[0]
        raise InputError(
            source,
            f"items[{index[first]}].components",
            f"bill of materials has a cycle: {' -> '.join(cycle)}",
        )


def _check_options(case: Case, source: str) -> None:
    from longarm.options import OPTIONS

    for name in case.options:
        if name not in OPTIONS:
            known = ", ".join(sorted(OPTIONS))
            raise InputError(source, f"options.{name}", f"unknown option; known: {known}")

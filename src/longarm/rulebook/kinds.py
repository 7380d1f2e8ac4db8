"""The parameter schemas of the clause tests, registered by the rule modules that define them.

The rule book is the lower layer: it never imports the rules. A rule module registers the
schema of each test it defines (`register_params`); a pack's manifest names the modules
that interpret it (`rule_modules`), which the loader imports by name before it validates
the clauses, as a plugin host loads its plugins. A malformed clause therefore still fails
at load, not mid-determination.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from pydantic import BaseModel

from longarm.rulebook.schema import Clause

PARAM_SCHEMAS: dict[str, type[BaseModel]] = {}


def register_params(test: str, schema: type[BaseModel]) -> None:
    """Declare the parameter schema of the clause test `test`."""
    PARAM_SCHEMAS[test] = schema


def load_rule_modules(modules: Iterable[str]) -> None:
    """Import the modules a pack names, so that their tests register their schemas."""
    for name in modules:
        importlib.import_module(name)


def params_schema(test: str) -> type[BaseModel]:
    if test not in PARAM_SCHEMAS:
        known = ", ".join(sorted(PARAM_SCHEMAS))
        raise KeyError(f"unknown test {test!r}; known: {known}")
    return PARAM_SCHEMAS[test]


_PARSED: dict[int, tuple[Clause, BaseModel]] = {}


def parse_params(clause: Clause) -> BaseModel:
    """The clause's params validated against its test's schema (cached per clause object,
    which packs keep alive and never change)."""
    cached = _PARSED.get(id(clause))
    if cached is not None and cached[0] is clause:
        return cached[1]
    params = params_schema(clause.test).model_validate(clause.params)
    _PARSED[id(clause)] = (clause, params)
    return params


def item_set_refs(params: BaseModel) -> list[str]:
    """The item-set references among a clause's params (by the naming convention of the
    schemas: fields ending in `items`, and `numerator`, `assembly_contains`)."""
    refs: list[str] = []
    for name, value in params:
        is_ref = name.endswith("items") or name in ("numerator", "assembly_contains")
        if is_ref and isinstance(value, list):
            refs.extend(v for v in value if isinstance(v, str))
    return refs

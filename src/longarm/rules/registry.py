"""The fixed vocabulary of clause tests (DESIGN.md): name -> parameter schema and function.

A pack clause names its `test`; the loader validates the clause's `params` against the
test's schema, so a malformed pack fails at load, not mid-determination.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from longarm.domain.determination import Reason
from longarm.rulebook.loader import Pack
from longarm.rulebook.schema import Clause, Instrument
from longarm.rules.context import LineContext

BaseTest = Callable[[Clause, Instrument, Any, LineContext], list[Reason]]
OverlayTest = Callable[[Clause, Instrument, Any, LineContext, list[Reason]], list[Reason]]


@dataclass(frozen=True)
class TestKind:
    name: str
    params: type[BaseModel]
    base: BaseTest | None = None
    overlay: OverlayTest | None = None
    """Overlays run after base tests and see (and may rewrite) their reasons."""

    @property
    def phase(self) -> int:
        return 0 if self.base is not None else 1


REGISTRY: dict[str, TestKind] = {}


def register(kind: TestKind) -> TestKind:
    REGISTRY[kind.name] = kind
    return kind


def _load_all() -> None:
    # Importing the modules registers their tests; kept here so the registry is complete.
    from longarm.rules import cn, us  # noqa: F401


def test_kind(name: str) -> TestKind:
    if name not in REGISTRY:
        # Not "if empty": importing one regime's module first must not hide the others.
        _load_all()
    if name not in REGISTRY:
        raise KeyError(f"unknown test {name!r}; known: {', '.join(sorted(REGISTRY))}")
    return REGISTRY[name]


_PARSED: dict[int, tuple[Clause, BaseModel]] = {}


def parse_params(clause: Clause) -> BaseModel:
    """The clause's params validated against its test's schema (cached per clause object,
    which packs keep alive and never change)."""
    cached = _PARSED.get(id(clause))
    if cached is not None and cached[0] is clause:
        return cached[1]
    params = test_kind(clause.test).params.model_validate(clause.params)
    _PARSED[id(clause)] = (clause, params)
    return params


def validate_clause(pack: Pack, instrument: Instrument, clause: Clause) -> None:
    """Raise ValueError/KeyError if the clause's test or params or item-set refs are wrong."""
    try:
        params = parse_params(clause)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise ValueError(f"{loc}: {first['msg']}") from exc
    for ref in _item_set_refs(params):
        pack.item_set(ref, instrument)
    for ref in getattr(params, "applies_to", []):
        if ref not in {c.id for _, c in pack.clauses()}:
            raise KeyError(f"applies_to names unknown clause {ref!r}")


def _item_set_refs(params: BaseModel) -> list[str]:
    refs: list[str] = []
    for name, value in params:
        is_ref = name.endswith("items") or name in ("numerator", "assembly_contains")
        if is_ref and isinstance(value, list):
            refs.extend(v for v in value if isinstance(v, str))
    return refs

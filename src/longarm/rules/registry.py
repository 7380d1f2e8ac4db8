"""The fixed vocabulary of clause tests (DESIGN.md): name -> parameter schema and function.

A rule module registers each test it defines; the parameter schema goes to the rule book
(`longarm.rulebook.kinds`), which validates a pack's clauses at load, so a malformed pack
fails there, not mid-determination. The functions stay here, for the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from longarm.domain.determination import Reason
from longarm.rulebook.kinds import parse_params, register_params
from longarm.rulebook.schema import Clause, Instrument
from longarm.rules.context import LineContext

__all__ = ["REGISTRY", "TestKind", "parse_params", "register", "test_kind"]

BaseTest = Callable[[Clause, Instrument, Any, LineContext], list[Reason]]
OverlayTest = Callable[[Clause, Instrument, Any, LineContext, list[Reason]], list[Reason]]


@dataclass(frozen=True)
class TestKind:
    name: str
    params: type[BaseModel]
    base: BaseTest | None = None
    overlay: OverlayTest | None = None
    """Overlays run after base tests and see (and may rewrite) their reasons."""
    reach: bool = False
    """A jurisdiction test: its in-force reason says the regime reaches the item, so what it
    does to the outcome is whatever the other reasons then require (the engine sets its
    effect to that, never less than its own)."""

    @property
    def phase(self) -> int:
        return 0 if self.base is not None else 1


REGISTRY: dict[str, TestKind] = {}


def register(kind: TestKind) -> TestKind:
    REGISTRY[kind.name] = kind
    register_params(kind.name, kind.params)
    return kind


def test_kind(name: str) -> TestKind:
    """The registered test `name` (its module was imported when its pack was loaded)."""
    if name not in REGISTRY:
        raise KeyError(f"unknown test {name!r}; known: {', '.join(sorted(REGISTRY))}")
    return REGISTRY[name]

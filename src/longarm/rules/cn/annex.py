"""Membership of MOFCOM 2025 No. 61 Annex 1 (Part I, Part II and, under an option, the
parts, components and assemblies that contain Part II magnet material)."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import Field

from longarm.domain.case import Item
from longarm.facts.classification import Tri
from longarm.rulebook.schema import Instrument
from longarm.rules.cn.facts import ReachParams, contains, listed
from longarm.rules.context import LineContext


class AnnexParams(ReachParams):
    items: list[str]
    """Item sets that are Annex items in their own right."""
    assembly_contains: list[str] = Field(default_factory=list)
    """Item sets whose presence inside a part or assembly makes it an Annex item..."""
    assemblies_option: str | None = None
    """...when this interpretive option is true."""


@dataclass(frozen=True)
class AnnexMatch:
    answer: Tri
    basis: str
    path: tuple[str, ...]
    options: tuple[str, ...]


def annex_item(ctx: LineContext, item: Item, params: AnnexParams, ins: Instrument) -> AnnexMatch:
    own = listed(ctx, item, params.items, ins)
    if own.answer is Tri.YES or not params.assembly_contains or params.assemblies_option is None:
        basis = f"{own.entry.label} ({own.basis})" if own.entry else ""
        return AnnexMatch(own.answer, basis, (item.id,), ())
    option = params.assemblies_option
    if not ctx.options[option]:
        basis = f"{own.entry.label} ({own.basis})" if own.entry else ""
        return AnnexMatch(own.answer, basis, (item.id,), (option,))
    found, path = contains(ctx, item, ctx.entries(params.assembly_contains, ins))
    if found > own.answer:
        return AnnexMatch(
            found,
            f"a part, component or assembly containing covered magnet material "
            f"({' > '.join(path)})",
            path,
            (option,),
        )
    basis = f"{own.entry.label} ({own.basis})" if own.entry else ""
    return AnnexMatch(own.answer, basis, (item.id,), (option,))

"""Transactions with Control List parties (ECL Art. 18): dual-use items may not be supplied."""

from __future__ import annotations

from longarm.domain.determination import Reason
from longarm.domain.vocab import ListCode
from longarm.facts.classification import Tri
from longarm.rulebook.schema import Clause, Instrument
from longarm.rules.cn.destination import DestinationParams, _parties, _reach
from longarm.rules.context import LineContext
from longarm.rules.registry import TestKind, register


class ListedPartyParams(DestinationParams):
    lists: list[ListCode]


def listed_party(
    clause: Clause, ins: Instrument, params: ListedPartyParams, ctx: LineContext
) -> list[Reason]:
    wanted = {code.value for code in params.lists}
    hits = [
        (role, p, sorted(m.cite() for m in p.lists if m.list.value in wanted))
        for role, p in _parties(ctx)
    ]
    hits = [h for h in hits if h[2]]
    if not hits:
        return []
    reach, _, how = _reach(clause, ins, params, ctx)
    if reach is Tri.NO:
        return []
    role, party, lists = hits[0]
    detail = f"{how} of dual-use item {ctx.item.id} to {role} {party.id} on {', '.join(lists)}"
    return ctx.finding(
        clause, reach, detail, path=(party.id,), missing=(f"items[{ctx.item.id}].origin",)
    )


register(TestKind("listed_party", ListedPartyParams, base=listed_party))

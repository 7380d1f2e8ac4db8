"""50 % ownership rules (US Affiliates Rule, PRC No. 61 Art. 2): who is covered by whom.

A fixed point over the ownership graph: a party is covered when the shares held by listed
or already-covered owners reach the threshold. A covered intermediate counts in full; shares
are not multiplied down a chain (OFAC and BIS practice). Unknown shares held by listed or
covered owners make coverage undecidable (BIS Red Flag 29), which the caller reports as
`needs_review`. The thresholds come from the pack, never from here.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from fractions import Fraction

from longarm.domain.case import Party


@dataclass(frozen=True)
class Holding:
    owner: str
    share: Fraction | None


@dataclass(frozen=True)
class Coverage:
    """Whether one party is covered: True, False, or None (unknown shares decide it)."""

    party: str
    covered: bool | None
    listed: bool
    share: Fraction
    """Share held by listed or definitely covered owners (lower bound)."""
    holdings: tuple[Holding, ...]
    """The restricted holdings behind `share` (and unknown ones), largest first."""
    roots: tuple[str, ...]
    """Listed parties whose ownership reaches this party, directly or through covered ones."""
    missing: tuple[str, ...]

    def chain(self, coverage: dict[str, Coverage]) -> tuple[str, ...]:
        """Party ids from a listed root down to this party, along the largest holdings."""
        path = [self.party]
        seen = {self.party}
        current = self
        while not current.listed and current.holdings:
            owner = current.holdings[0].owner
            if owner in seen:
                break
            path.append(owner)
            seen.add(owner)
            current = coverage[owner]
        return tuple(reversed(path))


def aggregate_ownership(
    parties: Iterable[Party],
    is_listed: Callable[[Party], bool],
    threshold: Fraction,
    *,
    aggregate: bool = True,
) -> dict[str, Coverage]:
    """Coverage of every party of a case under a 50 %-style rule.

    Args:
        parties: all parties with their direct owners.
        is_listed: whether a party is itself on a list the rule keys on.
        threshold: share at or above which a party is covered (e.g. 0.5).
        aggregate: add up the shares of several restricted owners (US: "individually or in
            aggregate"); when False, one restricted owner must reach the threshold alone.
    """
    parties = list(parties)
    owners = {
        p.id: [Holding(o.party, None if o.share is None else Fraction(o.share)) for o in p.owners]
        for p in parties
    }
    listed = {p.id for p in parties if is_listed(p)}
    return aggregate_holdings(owners, listed, threshold, aggregate=aggregate)


def aggregate_holdings(
    owners: Mapping[str, Sequence[Holding]],
    listed: AbstractSet[str],
    threshold: Fraction,
    *,
    aggregate: bool = True,
) -> dict[str, Coverage]:
    """Coverage over any ownership graph: `owners[party]` are its direct holdings.

    Parties that appear only as owners are included. See `aggregate_ownership`. Linear in
    the size of the graph (worklists, no recursion): a chain 5,000 owners deep is cheap.
    """
    graph: dict[str, Sequence[Holding]] = {pid: list(h) for pid, h in owners.items()}
    for holdings in list(graph.values()):
        for h in holdings:
            graph.setdefault(h.owner, [])
    for pid in listed:
        graph.setdefault(pid, [])
    owned: dict[str, list[str]] = {pid: [] for pid in graph}
    for pid, holdings in graph.items():
        for owner in dict.fromkeys(h.owner for h in holdings):
            owned[owner].append(pid)
    sure = _fixed_point(graph, owned, listed, threshold, aggregate, optimistic=False)
    possible = _fixed_point(graph, owned, listed, threshold, aggregate, optimistic=True)
    restricted_of: dict[str, list[Holding]] = {}
    own_missing: dict[str, list[str]] = {}
    for pid, holdings in graph.items():
        restricted = [h for h in holdings if h.owner in possible]
        restricted.sort(key=lambda h: (h.share is not None, h.share or 0), reverse=True)
        restricted_of[pid] = restricted
        own_missing[pid] = [
            f"parties[{pid}].owners[{h.owner}].share" for h in restricted if h.share is None
        ]
    uncertain = {pid for pid in possible if pid not in sure}
    missing = _inherited_missing(own_missing, owned, restricted_of, uncertain)
    roots = _roots(owned, restricted_of, listed)
    result: dict[str, Coverage] = {}
    for pid in graph:
        covered: bool | None = pid in sure or (None if pid in possible else False)
        known = [h for h in restricted_of[pid] if h.share is not None and h.owner in sure]
        share = sum((h.share for h in known if h.share is not None), Fraction(0))
        result[pid] = Coverage(
            pid,
            covered,
            pid in listed,
            share,
            tuple(restricted_of[pid]),
            tuple(sorted(roots.get(pid, ()))),
            tuple(missing.get(pid, ())),
        )
    return result


def _fixed_point(
    graph: Mapping[str, Sequence[Holding]],
    owned: Mapping[str, Sequence[str]],
    listed: AbstractSet[str],
    threshold: Fraction,
    aggregate: bool,
    *,
    optimistic: bool,
) -> set[str]:
    """Covered set. Optimistic: unknown shares of restricted owners count as enough.

    A worklist: when a party becomes covered, only the parties it holds shares in are
    looked at again, so each holding is added once.
    """
    covered = set(listed)
    held: dict[str, Fraction] = {}
    queue = deque(covered)
    while queue:
        owner = queue.popleft()
        for pid in owned.get(owner, ()):
            if pid in covered:
                continue
            for h in graph[pid]:
                if h.owner != owner:
                    continue
                if h.share is None:
                    if optimistic:
                        held[pid] = threshold  # unknown share: could be enough
                    continue
                current = held.get(pid, Fraction(0))
                held[pid] = current + h.share if aggregate else max(current, h.share)
            if held.get(pid, Fraction(0)) >= threshold:
                covered.add(pid)
                queue.append(pid)
    return covered


def _inherited_missing(
    own: Mapping[str, list[str]],
    owned: Mapping[str, Sequence[str]],
    restricted_of: Mapping[str, Sequence[Holding]],
    uncertain: AbstractSet[str],
) -> dict[str, list[str]]:
    """Each party's unknown shares, plus those of owners whose own coverage is undecided.

    An intermediate owner held by a listed party through an unknown share makes every
    party it holds undecided too; the missing fact is that share, named down the chain.
    """
    missing: dict[str, dict[str, None]] = {pid: dict.fromkeys(m) for pid, m in own.items()}
    for source in [pid for pid in uncertain if own.get(pid)]:
        facts = own[source]
        stack = [source]
        reached = {source}
        while stack:
            node = stack.pop()
            for pid in owned.get(node, ()):
                if pid in reached or not any(h.owner == node for h in restricted_of[pid]):
                    continue
                reached.add(pid)
                missing[pid].update(dict.fromkeys(facts))
                if pid in uncertain:
                    stack.append(pid)
    return {pid: list(m) for pid, m in missing.items()}


def _roots(
    owned: Mapping[str, Sequence[str]],
    restricted_of: Mapping[str, Sequence[Holding]],
    listed: AbstractSet[str],
) -> dict[str, set[str]]:
    """Listed parties whose ownership reaches each party through unlisted restricted owners."""
    roots: dict[str, set[str]] = {pid: {pid} for pid in listed}
    for root in listed:
        stack = [root]
        reached = {root}
        while stack:
            node = stack.pop()
            for pid in owned.get(node, ()):
                if pid in reached or pid in listed:
                    continue
                if not any(h.owner == node for h in restricted_of[pid]):
                    continue
                reached.add(pid)
                roots.setdefault(pid, set()).add(root)
                stack.append(pid)
    return roots

"""50 % ownership rules (US Affiliates Rule, PRC No. 61 Art. 2): who is covered by whom.

A fixed point over the ownership graph: a party is covered when the shares held by listed
or already-covered owners reach the threshold. A covered intermediate counts in full; shares
are not multiplied down a chain (OFAC and BIS practice). Unknown shares held by listed or
covered owners make coverage undecidable (BIS Red Flag 29), which the caller reports as
`needs_review`. The thresholds come from the pack, never from here.
"""

from __future__ import annotations

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

    Parties that appear only as owners are included. See `aggregate_ownership`.
    """
    graph: dict[str, Sequence[Holding]] = {pid: list(h) for pid, h in owners.items()}
    for holdings in list(graph.values()):
        for h in holdings:
            graph.setdefault(h.owner, [])
    for pid in listed:
        graph.setdefault(pid, [])
    sure = _fixed_point(graph, listed, threshold, aggregate, optimistic=False)
    possible = _fixed_point(graph, listed, threshold, aggregate, optimistic=True)
    result: dict[str, Coverage] = {}
    for pid, holdings in graph.items():
        covered: bool | None = pid in sure or (None if pid in possible else False)
        restricted = [h for h in holdings if h.owner in possible]
        restricted.sort(key=lambda h: (h.share is not None, h.share or 0), reverse=True)
        known = [h for h in restricted if h.share is not None and h.owner in sure]
        share = sum((h.share for h in known if h.share is not None), Fraction(0))
        missing = tuple(
            f"parties[{pid}].owners[{h.owner}].share" for h in restricted if h.share is None
        )
        result[pid] = Coverage(pid, covered, pid in listed, share, tuple(restricted), (), missing)
    return {pid: _with_roots(cov, result) for pid, cov in result.items()}


def _fixed_point(
    graph: Mapping[str, Sequence[Holding]],
    listed: AbstractSet[str],
    threshold: Fraction,
    aggregate: bool,
    *,
    optimistic: bool,
) -> set[str]:
    """Covered set. Optimistic: unknown shares of restricted owners count as enough."""
    covered = set(listed)
    changed = True
    while changed:
        changed = False
        for pid, holdings in graph.items():
            if pid in covered:
                continue
            shares = [h.share for h in holdings if h.owner in covered]
            if optimistic and any(s is None for s in shares):
                covered.add(pid)
                changed = True
                continue
            known = [s for s in shares if s is not None]
            held = sum(known, Fraction(0)) if aggregate else max(known, default=Fraction(0))
            if held >= threshold:
                covered.add(pid)
                changed = True
    return covered


def _with_roots(cov: Coverage, all_cov: dict[str, Coverage]) -> Coverage:
    roots: list[str] = []
    stack = [cov.party]
    seen: set[str] = set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        current = all_cov[pid]
        if current.listed:
            roots.append(pid)
            continue
        stack.extend(h.owner for h in current.holdings)
    return Coverage(
        cov.party,
        cov.covered,
        cov.listed,
        cov.share,
        cov.holdings,
        tuple(sorted(roots)),
        cov.missing,
    )

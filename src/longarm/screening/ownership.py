"""50 % ownership over screening hits: which parties are covered because listed owners own them.

Fixed point (DESIGN.md "Ownership"): a party is covered when the shares held in it by listed
or already-covered owners sum to at least the threshold; a covered intermediate counts in
full (shares are not multiplied down a chain). A listed or covered owner whose share is
unknown, and that could tip the sum, makes the party `needs_review` (BIS Red Flag 29).
The chain that covered each party is kept: listed root first, the party last.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Literal

from longarm.errors import InputError
from longarm.facts.ownership import Holding, aggregate_holdings

Status = Literal["listed", "covered", "needs_review", "not_covered"]

DEFAULT_THRESHOLD = 0.5
"""The 50 % rule of OFAC, the BIS Affiliates Rule and MOFCOM No. 61; a parameter, since the
rules differ in what they count (and a user may screen at a lower line)."""


@dataclass(frozen=True, slots=True)
class OwnershipEdge:
    """`owner` holds `share` (in [0, 1], None if unknown) of `asset`."""

    owner: str
    asset: str
    share: float | None


@dataclass(frozen=True, slots=True)
class Coverage:
    """Why a party is (or may be) covered.

    Attributes:
        party: The party.
        status: `listed`, `covered`, `needs_review` or `not_covered`.
        share: Known share held by listed or covered owners.
        chain: Listed root ... party, through the largest covered owner at each step.
        owners: The listed or covered direct owners that count.
    """

    party: str
    status: Status
    share: float
    chain: tuple[str, ...]
    owners: tuple[str, ...]


def aggregate_ownership(
    edges: Iterable[OwnershipEdge],
    listed: Iterable[str],
    threshold: float = DEFAULT_THRESHOLD,
) -> dict[str, Coverage]:
    """Coverage of every party in the graph (and every listed party).

    The fixed point is the engine's (`longarm.facts.ownership.aggregate_holdings`), so a
    screening run and a determination agree on who is covered; this only adapts edges in and
    statuses out.
    """
    owners: dict[str, list[Holding]] = defaultdict(list)
    for edge in edges:
        held = None if edge.share is None else Fraction(str(edge.share))
        owners[edge.asset].append(Holding(edge.owner, held))
    coverage = aggregate_holdings(owners, set(listed), Fraction(str(threshold)))
    result: dict[str, Coverage] = {}
    for party in sorted(coverage):
        cov = coverage[party]
        counting = tuple(sorted(h.owner for h in cov.holdings))
        if cov.listed:
            status: Status = "listed"
        elif cov.covered:
            status = "covered"
        elif cov.covered is None:
            status = "needs_review"
        else:
            result[party] = Coverage(party, "not_covered", float(cov.share), (), ())
            continue
        owners_out = () if cov.listed else counting
        share = 1.0 if cov.listed else float(cov.share)
        result[party] = Coverage(party, status, share, cov.chain(coverage), owners_out)
    return result


def _share(raw: str, where: str, source: str) -> float | None:
    text = raw.strip()
    if not text or text.casefold() in ("unknown", "null", "?"):
        return None
    try:
        value = float(text.rstrip("%")) / (100.0 if text.endswith("%") else 1.0)
    except ValueError as exc:
        raise InputError(source, where, f"share {raw!r} is not a number") from exc
    if not 0.0 <= value <= 1.0:
        raise InputError(source, where, f"share {raw!r} is outside [0, 1]")
    return value


def load_edges_csv(path: Path) -> list[OwnershipEdge]:
    """Read ownership edges from a CSV with columns owner, asset, share (blank = unknown)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            missing = [c for c in ("owner", "asset", "share") if c not in header]
            if missing:
                raise InputError(str(path), "header", f"missing column(s) {', '.join(missing)}")
            edges = []
            for n, row in enumerate(reader, start=2):
                owner, asset = (row["owner"] or "").strip(), (row["asset"] or "").strip()
                if not owner or not asset:
                    field = "owner" if not owner else "asset"
                    raise InputError(str(path), f"row {n}: {field}", "empty")
                edges.append(
                    OwnershipEdge(
                        owner, asset, _share(row["share"] or "", f"row {n}: share", str(path))
                    )
                )
    except OSError as exc:
        raise InputError(str(path), "", f"cannot read: {exc}") from exc
    return edges


def covered_by_hits(
    edges: Iterable[OwnershipEdge],
    hits: Mapping[str, Iterable[str]],
    threshold: float = DEFAULT_THRESHOLD,
) -> dict[str, Coverage]:
    """Coverage where a party is listed when screening found a hit for it.

    Args:
        edges: Ownership edges between party names (or ids).
        hits: Party -> list codes its screening hits are on (empty = no hit).
        threshold: Aggregate share that covers a party.
    """
    listed = [party for party, codes in hits.items() if list(codes)]
    return aggregate_ownership(edges, listed, threshold)

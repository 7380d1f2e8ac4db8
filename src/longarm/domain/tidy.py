"""Reasons that read right: one reason per rule and line, and each dating sentence once.

Rules report what they find, sometimes in several pieces (a licence requirement and an open
review policy; one finding per listed party). A reader wants one reason per rule, whose
`effect` is what that rule does to the outcome, and the sentence that dates a suspended or
revived measure said once per line, not in every reason it touches.
"""

from __future__ import annotations

from dataclasses import replace

from longarm.domain.determination import Reason, decided_part
from longarm.domain.vocab import Outcome


def one_per_rule(reasons: list[Reason]) -> list[Reason]:
    """Merge the reasons of each rule (and status) into one, at the first one's place."""
    groups: dict[tuple[str, str], list[Reason]] = {}
    for reason in reasons:
        groups.setdefault((reason.rule, reason.status.value), []).append(reason)
    out: list[Reason] = []
    done: set[tuple[str, str]] = set()
    for reason in reasons:
        key = (reason.rule, reason.status.value)
        if key in done:
            continue
        done.add(key)
        group = groups[key]
        out.append(group[0] if len(group) == 1 else _merge(group))
    return out


def _merge(group: list[Reason]) -> Reason:
    """One reason for several of the same rule: decided where the facts decide, open where
    an open question could still make it more severe (keeping what is already decided)."""
    decided: list[Outcome] = [r.effect for r in group if r.effect is not Outcome.NEEDS_REVIEW]
    decided += [r.at_least for r in group if r.at_least is not None]
    floor = Outcome.most_severe(decided) if decided else None
    open_ = [r for r in group if r.effect is Outcome.NEEDS_REVIEW]
    ceiling = Outcome.most_severe(
        [r.review_ceiling or Outcome.PROHIBITED for r in open_], Outcome.NOT_SUBJECT
    )
    still_open = bool(open_) and (floor is None or ceiling.severity > floor.severity)
    if still_open:
        lead = open_[0]
        kept = group
    else:
        lead = max(
            (r for r in group if r.effect is not Outcome.NEEDS_REVIEW),
            key=lambda r: r.effect.severity,
            default=group[0],
        )
        kept = [r for r in group if r.effect is not Outcome.NEEDS_REVIEW] or group
    details: list[str] = []
    for r in kept:
        text = r.detail if not details or not r.dating else r.detail.replace(f"; {r.dating}", "")
        if text not in details:
            details.append(text)
    missing = [m for r in (open_ if still_open else []) for m in r.missing]
    options = {k: v for r in group for k, v in r.options.items()}
    figures = {k: v for r in reversed(group) for k, v in r.figures.items()}
    effect = Outcome.NEEDS_REVIEW if still_open else (floor or lead.effect)
    return replace(
        lead,
        effect=effect,
        detail="; ".join(details),
        figures=figures,
        options=dict(sorted(options.items())),
        missing=tuple(dict.fromkeys(missing)),
        review_ceiling=ceiling if still_open else None,
        at_least=floor if still_open and floor is not None else None,
    )


def dates_once(reasons: list[Reason]) -> list[Reason]:
    """Keep each dating sentence in the first reason that carries it; later reasons dated
    by the same sentence point to that one."""
    first: dict[str, str] = {}
    out: list[Reason] = []
    for reason in reasons:
        if not reason.dating:
            out.append(reason)
            continue
        owner = first.setdefault(reason.dating, reason.rule)
        if owner == reason.rule:
            out.append(reason)
            continue
        short = f"{reason.status.value.replace('_', ' ')} as {owner} (see there for the dates)"
        out.append(
            replace(
                reason,
                detail=reason.detail.replace(reason.dating, short),
                dating=short,
            )
        )
    return out


def reach_effect(reason: Reason, others: list[Reason]) -> Reason:
    """The effect of an in-force reason saying the regime reaches the item: what the other
    reasons then decide (at least the reason's own effect, e.g. `no_license_required`)."""
    reaches = reason.effect.severity >= Outcome.NO_LICENSE_REQUIRED.severity
    if not reason.operative or reason.effect is Outcome.NEEDS_REVIEW or not reaches:
        return reason
    parts = [(p, r.rule) for r in others if r is not reason and (p := decided_part(r)) is not None]
    effect = Outcome.most_severe([p for p, _ in parts], reason.effect)
    if effect.severity <= reason.effect.severity:
        return reason
    by = ", ".join(sorted({rule for p, rule in parts if p is effect}))
    return replace(
        reason, effect=effect, detail=f"{reason.detail}; reached, so {effect.value} under {by}"
    )

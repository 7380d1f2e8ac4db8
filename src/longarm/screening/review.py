"""When a screening hit is a list membership, and when it is a question for a person.

CONTRACT section 6: `check --screen` turns a hit into a membership only when it is
*confirmed*: the documented strong-match criterion below, or a person's `accept` decision
recorded in the store (`decisions`). Any other hit at the threshold is *possible*: the
party's list-dependent reasons become `needs_review` naming the entry and score. A hit a
person rejected for that party is not raised again.

The strong-match criterion (`is_confirmed`): final score and name score at least
`CONFIRMED_SCORE`, and the country, where both sides have one, agreeing. Names that clear
it matched all their distinctive words exactly or nearly (the precision rules of `gate` cap
anything less below it).
"""

from __future__ import annotations

from longarm.screening.model import Hit

CONFIRMED_SCORE = 0.9


def is_confirmed(hit: Hit) -> bool:
    """Whether a hit meets the strong-match criterion on its own (see the module docstring)."""
    name = hit.features.get("name")
    country = hit.features.get("country")
    return (
        hit.score >= CONFIRMED_SCORE
        and name is not None
        and name.score >= CONFIRMED_SCORE
        and (country is None or country.score >= 1.0)
    )

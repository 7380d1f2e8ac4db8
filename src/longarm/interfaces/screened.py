"""`check --screen`: take the parties' list memberships from screening, citing each hit."""

from __future__ import annotations

from longarm.domain.case import Case
from longarm.errors import InputError


def with_screened_lists(case: Case) -> Case:
    """The case with each party's `lists` replaced by its screening hits."""
    raise InputError("--screen", "", "screening is not available in this build")

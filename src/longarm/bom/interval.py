"""Exact money intervals: what a value can be when some facts are unknown.

Fractions, not floats: a 0.1 % floor must be met at exactly 0.1 %, and 0.02 / 20 in binary
floating point is not 0.001.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Interval:
    """[lo, hi]; `hi` None means unbounded (an unknown value could be anything)."""

    lo: Fraction
    hi: Fraction | None

    @staticmethod
    def exact(value: Fraction) -> Interval:
        return Interval(value, value)

    @staticmethod
    def unknown() -> Interval:
        return Interval(Fraction(0), None)

    @property
    def is_exact(self) -> bool:
        return self.hi is not None and self.lo == self.hi

    def __add__(self, other: Interval) -> Interval:
        hi = None if self.hi is None or other.hi is None else self.hi + other.hi
        return Interval(self.lo + other.lo, hi)

    def scale(self, factor: Fraction) -> Interval:
        return Interval(self.lo * factor, None if self.hi is None else self.hi * factor)

    def hull(self, other: Interval) -> Interval:
        hi = None if self.hi is None or other.hi is None else max(self.hi, other.hi)
        return Interval(min(self.lo, other.lo), hi)


ZERO = Interval.exact(Fraction(0))


@dataclass(frozen=True)
class RatioRange:
    """The range a ratio numerator / denominator can take; `hi` None is unbounded."""

    lo: Fraction
    hi: Fraction | None

    @staticmethod
    def of(numerator: Interval, denominator: Interval) -> RatioRange:
        if numerator.hi == 0:
            return RatioRange(Fraction(0), Fraction(0))
        lo = (
            Fraction(0)
            if denominator.hi is None or denominator.hi == 0
            else (numerator.lo / denominator.hi)
        )
        if denominator.lo == 0 or numerator.hi is None:
            return RatioRange(lo, None)
        return RatioRange(lo, numerator.hi / denominator.lo)

    def at_least(self, threshold: Fraction) -> bool | None:
        """True/False when every possible ratio is on one side of `threshold` (>=); else None."""
        if self.lo >= threshold:
            return True
        if self.hi is not None and self.hi < threshold:
            return False
        return None

    def above(self, threshold: Fraction) -> bool | None:
        """True/False when every possible ratio is on one side of `threshold` (>); else None."""
        if self.lo > threshold:
            return True
        if self.hi is not None and self.hi <= threshold:
            return False
        return None

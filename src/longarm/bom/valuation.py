"""Item values in one currency, exactly."""

from __future__ import annotations

from fractions import Fraction

from longarm.bom.interval import Interval
from longarm.domain.case import Case, Item


class Valuation:
    """Unit values of a case's items in a common currency.

    One currency in the case: values are used as given. Several: each is converted to USD
    with the case's `fx` (USD per unit), which the case reader has already checked exists.
    """

    def __init__(self, case: Case) -> None:
        currencies = {i.currency for i in case.items}
        self.currency = currencies.pop() if len(currencies) == 1 else "USD"
        self._rates = {code: Fraction(rate) for code, rate in case.fx.items()}
        self._rates.setdefault("USD", Fraction(1))

    def unit_value(self, item: Item) -> Interval:
        if item.unit_value is None:
            return Interval.unknown()
        value = Fraction(item.unit_value)
        if item.currency != self.currency:
            value *= self._rates[item.currency]
        return Interval.exact(value)

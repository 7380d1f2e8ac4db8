"""US EAR tests (registered on import)."""

from longarm.rules.us import (  # noqa: F401
    advanced_computing,
    affiliates,
    country_chart,
    country_groups,
    de_minimis,
    direct_product,
    embargo,
    end_use,
    jurisdiction,
    parties,
    pointers,
)

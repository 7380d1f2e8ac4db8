"""US EAR tests (registered on import)."""

from longarm.rules.us import (  # noqa: F401
    affiliates,
    country_chart,
    country_groups,
    de_minimis,
    direct_product,
    embargo,
    jurisdiction,
    parties,
)

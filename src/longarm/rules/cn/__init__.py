"""PRC export-control tests (registered on import)."""

from longarm.rules.cn import (  # noqa: F401
    content,
    destination,
    direct_product,
    jurisdiction,
    listed_item,
    listed_party,
    overlays,
)

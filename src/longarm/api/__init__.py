"""The REST API (CONTRACT section 9): `create_app(settings)` builds it; `longarm serve` runs it.

Importing this package imports FastAPI and DuckDB, so only `longarm serve` and its tests do.
"""

from longarm.api.app import create_app
from longarm.api.settings import Settings

__all__ = ["Settings", "create_app"]

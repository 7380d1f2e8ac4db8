"""Key spelling for generated tables: the extracts use camelCase, our pack data snake_case."""

from __future__ import annotations

import re
from typing import Any

from longarm.packs.importers.snapshot import normalise_citation

_CAMEL_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def snake_case(key: str) -> str:
    """`noLicenceExceptions` -> `no_licence_exceptions`."""
    return _CAMEL_HUMP.sub("_", key).lower()


def snake_keys(value: Any) -> Any:
    """Copy a JSON value with every object key in snake_case and citations spelled "15 CFR"."""
    if isinstance(value, dict):
        return {
            snake_case(key): normalise_citation(item)
            if key == "citation" and isinstance(item, str)
            else snake_keys(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [snake_keys(item) for item in value]
    return value

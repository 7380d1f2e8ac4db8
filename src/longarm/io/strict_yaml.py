"""A YAML reader that keeps facts as written.

PyYAML's defaults would quietly change facts: `NO` (Norway) becomes `False`, `0.1` becomes
a binary float and a duplicated key silently wins. This loader keeps only `true`/`false`
as booleans, reads decimals as `Decimal` and rejects duplicate keys.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import yaml


class DuplicateKeyError(ValueError):
    def __init__(self, key: object, line: int) -> None:
        super().__init__(f"duplicate key {key!r} (line {line})")


class _StrictLoader(yaml.SafeLoader):
    pass


# Drop YAML 1.1's implicit resolvers for bool and float, then add back the narrow ones.
_StrictLoader.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:float")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |\.[0-9_]+(?:[eE][-+]?[0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
        re.X,
    ),
    list("-+0123456789."),
)


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")  # type: ignore[arg-type]
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return Decimal("-Infinity") if lowered.startswith("-") else Decimal("Infinity")
    if lowered == ".nan":
        return Decimal("NaN")
    return Decimal(text)


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.Node) -> dict[Any, Any]:
    assert isinstance(node, yaml.MappingNode)
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise DuplicateKeyError(key, key_node.start_mark.line + 1)
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(text: str) -> Any:
    """Parse one YAML document strictly (see module docstring)."""
    return yaml.load(text, Loader=_StrictLoader)

"""A YAML reader that keeps facts as written and refuses what it cannot read safely.

PyYAML's defaults would quietly change facts: `NO` (Norway) becomes `False`, `012` becomes
10 (octal), `1:30` becomes 90 (base 60), `0b11` becomes 3, `0.1` becomes a binary float and
a duplicated key silently wins. This loader keeps only `true`/`false` as booleans and plain
decimal numbers as numbers (`Decimal` for anything with a point or exponent); every YAML 1.1
form stays text as written, so a numeric field rejects it by name. It also bounds what a
document may cost to read: nesting depth and the size after alias expansion (a "billion
laughs" document is a few hundred bytes that expand to 10^9 nodes).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

MAX_DEPTH = 64
"""Deepest nesting of mappings and lists; a case needs 5 (items[].components[].item)."""
MAX_NODES = 2_000_000
"""Most nodes a document may hold once its aliases are expanded (~100,000 items)."""
MAX_NUMBER_CHARS = 64
"""Longest number literal read as a number; longer ones are refused (no 10^6-digit parse)."""

_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(
    r"""^(?:[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)


class DuplicateKeyError(ValueError):
    def __init__(self, key: object, line: int | None = None) -> None:
        where = f" (line {line})" if line is not None else ""
        super().__init__(f"duplicate key {key!r}{where}")


class YamlLimitError(ValueError):
    """The document is beyond what longarm reads (depth, expanded size, key kind, number)."""


class _StrictLoader(yaml.SafeLoader):
    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        # PyYAML composes recursively: bound the depth before Python's stack does it for us.
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise YamlLimitError(
                    f"nested more than {MAX_DEPTH} levels deep (line {mark.line + 1})"
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_document(self) -> Any:
        node = super().compose_document()
        if node is not None:
            _check_expanded_size(node)
        return node


# Drop YAML 1.1's implicit resolvers for bool, int and float, then add back the narrow ones.
_DROPPED = ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:float", "tag:yaml.org,2002:int")
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))


def _check_expanded_size(root: yaml.Node) -> None:
    """Count nodes as if every alias were copied, without copying (memoised per node)."""
    sizes: dict[int, int] = {}
    opened: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = 1
            continue
        kids = _children(node)
        if not children_done:
            if id(node) in opened:
                raise YamlLimitError(
                    f"an alias refers to a node that contains it (line {node.start_mark.line + 1})"
                )
            opened.add(id(node))
            stack.append((node, True))
            stack.extend((k, False) for k in kids if id(k) not in sizes)
            continue
        total = 1 + sum(sizes.get(id(k), 0) for k in kids)
        if total > MAX_NODES:
            raise YamlLimitError(
                f"expands to more than {MAX_NODES:,} nodes (aliases; line "
                f"{node.start_mark.line + 1})"
            )
        sizes[id(node)] = total


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _number_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    text = str(loader.construct_scalar(node))  # type: ignore[arg-type]
    if len(text) > MAX_NUMBER_CHARS:
        raise YamlLimitError(
            f"number of {len(text)} characters, over {MAX_NUMBER_CHARS} (line "
            f"{node.start_mark.line + 1})"
        )
    return text


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    text = _number_text(loader, node)
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return Decimal("-Infinity") if lowered.startswith("-") else Decimal("Infinity")
    if lowered == ".nan":
        return Decimal("NaN")
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise YamlLimitError(f"not a number: {text!r} (line {node.start_mark.line + 1})") from exc


def _construct_int(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    # Reached for plain decimal integers and for an explicit `!!int`: either way only the
    # decimal form is read, so `!!int 012` is not silently octal.
    text = _number_text(loader, node)
    if not _INT.match(text):
        raise YamlLimitError(
            f"not a decimal integer: {text!r} (line {node.start_mark.line + 1}); "
            "octal, binary, hexadecimal and base-60 forms are not read"
        )
    return int(text)


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.Node) -> dict[str, Any]:
    assert isinstance(node, yaml.MappingNode)
    loader.flatten_mapping(node)
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            raise YamlLimitError(f"a key must be a plain name, not a list or mapping (line {line})")
        # Keys are names: keep them as written (`NO`, `012` and `2026-01-01` stay text).
        key = str(key_node.value)
        if key in mapping:
            raise DuplicateKeyError(key, line)
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(text: str) -> Any:
    """Parse one YAML document strictly (see module docstring).

    Raises:
        DuplicateKeyError: a key appears twice in one mapping.
        YamlLimitError: the document is too deep, too large once expanded, has a list or
            mapping as a key, or a number longer than `MAX_NUMBER_CHARS`.
        yaml.YAMLError: the text is not YAML.
    """
    return yaml.load(text, Loader=_StrictLoader)

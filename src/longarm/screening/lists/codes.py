"""List codes, licence policies and footnotes: reading what a list entry says about itself."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from longarm.errors import InputError

# A footnote marker is a digit written straight after a closing bracket, after "EAR", or
# after the FDP paragraph it qualifies: "734.9(e)1", "(g),3", "of the EAR)4", "EAR 2".
_FOOTNOTE = re.compile(r"(?:\)|EAR)\s?,?\s?([1-9])(?=$|[\s,.)])")


@dataclass(frozen=True, slots=True)
class ListCodes:
    """The mappings in `data/list_codes.yaml`."""

    csl_sources: dict[str, str]
    cn_lists: dict[str, str]
    cn_default: str
    policies: tuple[tuple[str, str], ...]
    policy_default: str


@cache
def load_list_codes() -> ListCodes:
    """Load `data/list_codes.yaml` (cached)."""
    text = (
        resources.files("longarm.screening").joinpath("data", "list_codes.yaml").read_text("utf-8")
    )
    data = yaml.safe_load(text)
    try:
        return ListCodes(
            csl_sources={str(k): str(v) for k, v in data["csl_sources"].items()},
            cn_lists={str(k): str(v) for k, v in data["cn_lists"].items()},
            cn_default=str(data["cn_default"]),
            policies=tuple((str(p["phrase"]), str(p["outcome"])) for p in data["policies"]),
            policy_default=str(data["policy_default"]),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise InputError("list_codes.yaml", str(exc), "malformed list code table") from exc


def csl_list_code(source: str) -> str:
    """Contract list code of a CSL source name; unknown sources get `US:` + their abbreviation."""
    codes = load_list_codes().csl_sources
    if source in codes:
        return codes[source]
    match = re.search(r"\(([A-Z-]+)(?: List)?\)", source)
    return f"US:{match.group(1)}" if match else f"US:{source}"


def normalise_policy(text: str | None) -> str | None:
    """Licence review policy text -> outcome vocabulary (most severe phrase it contains)."""
    if not text:
        return None
    codes = load_list_codes()
    lowered = text.casefold()
    for phrase, outcome in codes.policies:
        if phrase in lowered:
            return outcome
    return codes.policy_default


def footnotes(requirement: str | None) -> tuple[int, ...]:
    """Footnote numbers in an Entity List licence requirement text, in order of appearance."""
    if not requirement:
        return ()
    found: list[int] = []
    for m in _FOOTNOTE.finditer(requirement):
        n = int(m.group(1))
        if n not in found:
            found.append(n)
    return tuple(found)


def stable_id(*parts: str) -> str:
    """An entry id for lists that publish none: a short hash of what identifies the entry."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]

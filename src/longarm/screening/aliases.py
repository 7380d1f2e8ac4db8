"""Names a list entry carries inside its own name text (recall rules).

Lists write aliases into the name field: "Huawei Technologies Co., Ltd. (Huawei)",
"Semiconductor Manufacturing International Corporation (SMIC)", "ABC Ltd. a.k.a. XYZ".
`derived_names` returns each such name as a name of its own, so that the short name a user
types (Huawei, SMIC) meets a whole name rather than a fragment of a longer one:

- the text before a parenthesis, and the parenthesised text, when that text names a party:
  it has a distinctive word (not only generic words, places, countries or legal forms:
  "(Beijing)", "(Japan)", "(HK)" are not names) and no colon ("(Parent Organization: ...)");
- each part of a name split at "a.k.a.", "f.k.a.", "also known as", "formerly known as".
"""

from __future__ import annotations

import re
from functools import cache

from longarm.screening.lexicon import load_lexicon
from longarm.screening.normalise import latin_tokens

_PARENS = re.compile(r"\(([^()]*)\)")
_AKA = re.compile(
    r"\s*[,;]?\s*\b(?:a\.?\s?k\.?\s?a\.?|f\.?\s?k\.?\s?a\.?|also known as|formerly known as)\s+",
    re.IGNORECASE,
)
MAX_DERIVED = 6
"""Derived names of one name at most (a few EL names hold long lists)."""


@cache
def _countries() -> frozenset[str]:
    import pycountry

    names: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.add(" ".join(latin_tokens(value)))
    return frozenset(names)


def names_a_party(text: str) -> bool:
    """Whether a fragment of a name is a name: some distinctive word, not a country."""
    tokens = latin_tokens(text)
    if not tokens or " ".join(tokens) in _countries():
        return False
    lex = load_lexicon()
    return any(t not in lex.generic and len(t) > 1 and not t.isdigit() for t in tokens)


def derived_names(name: str) -> list[str]:
    """The names written inside `name` (see the module docstring), without `name` itself."""
    found: list[str] = []
    parts = [p.strip(" ,;") for p in _AKA.split(name)]
    if len(parts) > 1:
        found.extend(p for p in parts if p)
    for part in parts or [name]:
        inner = [m.group(1).strip() for m in _PARENS.finditer(part)]
        if not inner:
            continue
        outside = _PARENS.sub(" ", part)
        outside = re.sub(r"\s+", " ", outside).strip(" ,;")
        if outside and outside != part and names_a_party(outside):
            found.append(outside)
        found.extend(t for t in inner if ":" not in t and names_a_party(t))
    out = [f for f in dict.fromkeys(found) if f and f != name]
    return out[:MAX_DERIVED]

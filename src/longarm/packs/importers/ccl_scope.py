"""Which paragraphs of its entry a CCL licence requirement row applies to (15 CFR 738.4(a)(2)).

A row's `control` text names its scope in words: "NS applies to entire entry", "NS applies
to 3B001.a.1 to a.3, b, e, f.2 to f.4, g to j", "MT applies to 3A002.h when the parameters in
3A101.a.2.b are met or exceeded", "NS applies to entire entry except 0A501.y". `read_scope`
turns that into four lists of full paragraph ids, written into the CCL table:

- `paragraphs`: covered outright (the entry's own id when the row covers the entire entry);
- `conditional`: covered only when a condition the text states holds (technical parameters,
  an end use, "for items controlled for NP reasons"): a person must read the row;
- `except` / `conditional_except`: carved out, outright or under a condition.

A row whose text names no paragraph of its own entry (it speaks of "software for items
controlled by 6A002", or of "shotguns with a barrel length ...") is not read: `read` is
false and the whole entry is `conditional`, so the engine asks instead of guessing. Each
`;`-separated segment carries its own condition ("... 3A001.a.1.a when usable in missiles;
and 3A001.z.2": z.2 is covered outright).
"""

from __future__ import annotations

import re
from string import ascii_lowercase
from typing import Any

# Words that make a segment's coverage depend on facts the classification does not carry.
_CONDITION = re.compile(
    r"\b(when|if|that meets?|meets? or exceeds?|met or exceeded|for use|being exported|"
    r"usable|capable|having|that have|that incorporate|that are|with a|for items controlled"
    r"|for “?[a-z]+”? controlled|for (?:cameras|items|equipment|commodities)|specially designed"
    r"|designed or modified|for the|for computerized|regardless|not being|only if)\b",
    re.IGNORECASE,
)
_EXCEPT = re.compile(r",?\s*\bEXCEPT\b:?\s*", re.IGNORECASE)
# "5A001.b (except .b.5)": a carve-out inside brackets, one level of nested brackets allowed.
_BRACKETED_EXCEPT = re.compile(r"\(\s*except\b((?:[^()]|\([^()]*\))*)\)", re.IGNORECASE)
_NOTE = re.compile(r"\bNote:\s*", re.IGNORECASE)
_ENTIRE = re.compile(r"^(?:the )?entire entry\b[\s,.]*", re.IGNORECASE)
_LEAD = re.compile(r"^(?:[A-Z]{2}\s+(?:also\s+)?(?:applies|apply)(?:\s+only)?(?:\s+to)?:?\s*)")
# Where one segment of a row ends and the next begins: "; and to", ", and to", " or to".
_SEGMENT = re.compile(r";|,?\s+(?:and|or)\s+to\s+(?=[^;]*\b[0-9][A-E][0-9]{3}\b)")
# A reference: a full ECCN with a paragraph path, a dotted short path (".g", "z.2.a",
# ".a.1"), or a bare letter that follows a list separator ("b," in "a.1 to a.3, b, e").
_TOKEN = re.compile(
    r"(?P<full>\b[0-9][A-E][0-9]{3}(?:\.[0-9a-z]+)+)"
    r"|(?P<eccn>\b[0-9][A-E][0-9]{3}\b)"
    r"|(?P<short>(?<![\w.])\.?[a-z](?:\.[0-9a-z]+)+|(?<![\w.])\.[a-z]\b)"
    r"|(?P<bare>(?:(?<=[,(]\s)|(?<=\band\s)|(?<=\bor\s)|(?<=\bto\s))[a-z](?=[\s,;.)]|$))"
    r"|(?P<range>\b(?:to|through)\b)"
)
_SPACED = re.compile(r"\b([0-9][A-E][0-9]{3})\.\s+([a-z])\b")
# What may stand between references in a bare list of paragraphs.
_LIST_WORDS = re.compile(r"\b(?:and|or|to|through|paragraphs?|only|of this entry)\b|[\s,.;:()]")
_NOT_PARAGRAPHS = frozenset({"e.g", "i.e"})


def _expand(start: str, end: str) -> list[str] | None:
    """ "a.1".."a.3" -> a.1, a.2, a.3; "k".."n" -> k, l, m, n; None if not a simple range."""
    head_a, _, last_a = start.rpartition(".")
    head_b, _, last_b = end.rpartition(".")
    if head_a != head_b:
        return None
    prefix = f"{head_a}." if head_a else ""
    if last_a.isdigit() and last_b.isdigit() and int(last_a) <= int(last_b):
        return [f"{prefix}{n}" for n in range(int(last_a), int(last_b) + 1)]
    letters = ascii_lowercase
    if len(last_a) == len(last_b) == 1 and last_a in letters and last_b in letters:
        lo, hi = letters.index(last_a), letters.index(last_b)
        if lo <= hi:
            return [f"{prefix}{c}" for c in letters[lo : hi + 1]]
    return None


def _references(entry: str, text: str) -> tuple[list[str], bool]:
    """Full paragraph ids of `entry` the text names, and whether it names any other ECCN.

    Short paths and bare letters belong to the last ECCN named before them ("4A003.z.1.a,
    z.2.a" are 4A003's), so they count only while that ECCN is `entry` or none was named.
    A range ("a.1 to a.3") needs the two references on either side of its word.
    """
    text = _SPACED.sub(r"\1.\2", text)
    found: list[str] = []
    other = False
    context: str | None = None  # the ECCN short paths refer to; None: none named yet
    last_end = -1  # end of the last own reference, for ranges
    range_end = -1
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        value = match.group(kind or 0)
        if kind == "range":
            if last_end >= 0 and not text[last_end : match.start()].strip():
                range_end = match.end()
            continue
        path: str | None = None
        if kind == "full":
            eccn, _, path = value.partition(".")
            context = eccn
        elif kind == "eccn":
            context = value
        elif kind == "short" and context in (None, entry):
            path = value.lstrip(".")
        elif kind == "bare" and context == entry:
            path = value
        if context is not None and context != entry:
            other = True
            last_end = range_end = -1
            continue
        if path is None or path in _NOT_PARAGRAPHS:
            continue
        is_range = range_end >= 0 and not text[range_end : match.start()].strip()
        range_end = -1
        last_end = match.end()
        if is_range and found:
            span = _expand(found[-1].partition(".")[2], path)
            if span:
                found.extend(f"{entry}.{p}" for p in span[1:])
                continue
        found.append(f"{entry}.{path}")
    return list(dict.fromkeys(found)), other


def _only_references(text: str) -> bool:
    """Whether the text is nothing but a list of references (no words that qualify them)."""
    rest = _TOKEN.sub(" ", _SPACED.sub(r"\1.\2", text))
    return not _LIST_WORDS.sub("", rest).strip()


def read_scope(entry: str, control: str) -> dict[str, Any]:
    """The paragraph scope of one requirement row of `entry` (see the module docstring)."""
    body = _LEAD.sub("", control.strip())
    scope: dict[str, list[str]] = {
        "paragraphs": [],
        "conditional": [],
        "except": [],
        "conditional_except": [],
    }
    note = ""
    if (marker := _NOTE.search(body)) is not None:
        body, note = body[: marker.start()], body[marker.end() :]
    if note:
        # "Note: MT applies to equipment in 1B001.d that meet ...": a narrower statement
        # that makes the paragraphs it names conditional.
        scope["conditional"].extend(_references(entry, note)[0])
    for bracket in _BRACKETED_EXCEPT.finditer(body):
        _carve_out(entry, bracket[1], scope)
    body = _BRACKETED_EXCEPT.sub("", body)
    whole = _ENTIRE.match(body)
    if whole:
        head, carve = _split_except(body[whole.end() :])
        # Words after "entire entry" that are not an exception are a condition on the row
        # ("for items controlled for NP reasons"), unless they are a bracketed reference.
        qualified = bool(head.strip(" .;,")) and not head.strip().startswith("(")
        scope["conditional" if qualified else "paragraphs"].append(entry)
        for segment in carve.split(";") if carve else ():
            if not _carve_out(entry, segment, scope):
                # An exception in words ("except technology for 4A090"): the row may not
                # cover every paragraph.
                scope["paragraphs"] = [p for p in scope["paragraphs"] if p != entry]
                scope["conditional"].append(entry)
        return _settled(scope, read=True)
    for segment in _SEGMENT.split(body):
        head, carve = _split_except(segment)
        refs, _ = _references(entry, head)
        if carve:
            carved, _ = _references(entry, carve)
            if carved and _only_references(carve):
                scope["except"].extend(carved)
            else:
                # "except those ... being exported for use in civil telecommunications
                # applications": the exception is a condition on the paragraphs named.
                scope["conditional"].extend(refs)
                continue
        scope["conditional" if _CONDITION.search(head) else "paragraphs"].extend(refs)
    if not scope["paragraphs"] and not scope["conditional"]:
        scope["conditional"] = [entry]
        return _settled(scope, read=False)
    return _settled(scope, read=True)


def _carve_out(entry: str, text: str, scope: dict[str, list[str]]) -> bool:
    """Record one exception segment; False when it names no paragraph of the entry."""
    refs, _ = _references(entry, text)
    if not refs:
        return False
    scope["except" if _only_references(text) else "conditional_except"].extend(refs)
    return True


def _split_except(text: str) -> tuple[str, str]:
    parts = _EXCEPT.split(text, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (text, "")


def _settled(scope: dict[str, list[str]], *, read: bool) -> dict[str, Any]:
    """Deduplicated lists; a paragraph named outright and conditionally is outright."""
    out: dict[str, Any] = {key: list(dict.fromkeys(value)) for key, value in scope.items()}
    out["conditional"] = [p for p in out["conditional"] if p not in out["paragraphs"]]
    out["conditional_except"] = [p for p in out["conditional_except"] if p not in out["except"]]
    out["read"] = read
    return out

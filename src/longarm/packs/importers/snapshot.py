"""One eCFR extract as read from disk: its parsed JSON, its hash and checked field access.

Every importer reads its input through `Snapshot`, so a missing or mistyped field fails
with the file name and the JSON path of the field (`InputError`), never a bare KeyError.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from longarm.errors import InputError

T = TypeVar("T")

# The extracts write "15 C.F.R. Part 738, ..."; our data and output use the official
# short form "15 CFR ..." (STYLE: official spelling for legal ids).
_CFR_DOTTED = re.compile(r"\bC\.F\.R\.")
# "<citation> (<title>)": the extract's citation carries the supplement's title in brackets.
_CITATION_WITH_TITLE = re.compile(r"^(?P<citation>.+?)\s*\((?P<title>[^()]+)\)$")


def normalise_citation(text: str) -> str:
    """Spell a CFR citation the official way: "15 C.F.R. 738.4" -> "15 CFR 738.4"."""
    return _CFR_DOTTED.sub("CFR", text)


class Snapshot:
    """A parsed eCFR extract file.

    Args:
        path: the JSON file to read.

    Raises:
        InputError: the file is unreadable, not JSON, or not a JSON object.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise InputError(str(path), "", f"cannot read the file: {error}") from error
        self.sha256 = hashlib.sha256(raw).hexdigest()
        try:
            document = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise InputError(self.name, "", f"not UTF-8 JSON: {error}") from error
        self.document: dict[str, Any] = self.expect(document, dict, "")

    def error(self, field: str, reason: str) -> InputError:
        """An InputError naming this file and the field."""
        return InputError(self.name, field, reason)

    def expect(self, value: object, kind: type[T], field: str) -> T:
        """Return the value if it has the expected JSON type, else raise naming the field."""
        # bool is an int in Python; a JSON true where a number is expected is still an error.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.error(field, f"expected {kind.__name__}, found {type(value).__name__}")
        return value

    def field(self, container: dict[str, Any], key: str, kind: type[T], path: str) -> T:
        """Read `container[key]`, which must exist and have the given JSON type."""
        where = f"{path}.{key}" if path else key
        if key not in container:
            raise self.error(where, "missing field")
        return self.expect(container[key], kind, where)

    def optional_str(self, container: dict[str, Any], key: str, path: str) -> str | None:
        """Read a field that must be present but may be null."""
        where = f"{path}.{key}" if path else key
        if key not in container:
            raise self.error(where, "missing field")
        value = container[key]
        return None if value is None else self.expect(value, str, where)

    def provenance(self, expected_part: str) -> dict[str, Any]:
        """The vintage block every generated table starts with.

        Args:
            expected_part: e.g. "Part 738"; the extract's citation must name it, so a file
                passed to the wrong importer is refused.
        """
        raw_citation = self.field(self.document, "citation", str, "")
        if expected_part not in raw_citation:
            raise self.error("citation", f"expected a citation of {expected_part}")
        match = _CITATION_WITH_TITLE.match(normalise_citation(raw_citation))
        citation, title = (match["citation"], match["title"]) if match else (raw_citation, None)
        issue_date = self.field(self.document, "ecfrIssueDate", str, "")
        try:
            date.fromisoformat(issue_date)
        except ValueError as error:
            raise self.error("ecfrIssueDate", f"not an ISO date: {issue_date!r}") from error
        source = self.field(self.document, "source", dict, "")
        return {
            "citation": citation,
            "title": title,
            "source": self.field(source, "url", str, "source"),
            "ecfr_issue_date": issue_date,
            "retrieved_at": self.field(self.document, "retrievedAt", str, ""),
            "imported_from": {"file": self.name, "sha256": self.sha256},
        }

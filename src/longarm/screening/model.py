"""Value objects of screening: list entries, snapshots, hits and results (contract section 6)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, NewType

EntryId = NewType("EntryId", str)
ListCode = NewType("ListCode", str)


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One restricted-list entry, whatever list it came from.

    Attributes:
        list_code: Contract vocabulary 3.4 (`US:EL`, `CN:UEL`...) or a descriptive code
            for other sources (`US:ISN`, `US:NS-MBS`, `CN:countermeasures`).
        entry_id: Stable id within the list (entity number, or a hash of source and name).
        name: Primary name as published.
        aliases: Other names (a.k.a., Chinese names), as published.
        countries: ISO 3166-1 alpha-2 codes of the entry's addresses or nationality.
        entity_type: `entity`, `individual`, `vessel`, `aircraft` or None.
        source: The publishing list's own name.
        programs: Sanctions programmes or legal bases.
        license_requirement: Entity List "License requirement" text.
        license_policy: Entity List "License review policy" text.
        policy: `license_policy` in the outcome vocabulary (contract 3.2), or None.
        footnotes: Footnote numbers the EL entry carries (1, 3, 4, 5: foreign direct product rules).
        identifiers: Registration, tax or passport numbers, as published.
        start_date: Date of listing, if known.
        end_date: Date the listing ends, if known.
        source_url: Where the list is published.
    """

    list_code: str
    entry_id: str
    name: str
    aliases: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    entity_type: str | None = None
    source: str = ""
    programs: tuple[str, ...] = ()
    license_requirement: str | None = None
    license_policy: str | None = None
    policy: str | None = None
    footnotes: tuple[int, ...] = ()
    identifiers: tuple[str, ...] = ()
    start_date: date | None = None
    end_date: date | None = None
    source_url: str | None = None

    @property
    def footnote(self) -> int | None:
        """The first footnote number, the one that names the FDP rule (None without one)."""
        return self.footnotes[0] if self.footnotes else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (dates as ISO strings, tuples as lists)."""
        return {
            "list_code": self.list_code,
            "entry_id": self.entry_id,
            "name": self.name,
            "aliases": list(self.aliases),
            "countries": list(self.countries),
            "entity_type": self.entity_type,
            "source": self.source,
            "programs": list(self.programs),
            "license_requirement": self.license_requirement,
            "license_policy": self.license_policy,
            "policy": self.policy,
            "footnotes": list(self.footnotes),
            "identifiers": list(self.identifiers),
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "source_url": self.source_url,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ListEntry:
        """Inverse of `to_dict`."""
        start = data.get("start_date")
        end = data.get("end_date")
        return cls(
            list_code=str(data["list_code"]),
            entry_id=str(data["entry_id"]),
            name=str(data["name"]),
            aliases=tuple(data.get("aliases") or ()),
            countries=tuple(data.get("countries") or ()),
            entity_type=data.get("entity_type"),
            source=str(data.get("source") or ""),
            programs=tuple(data.get("programs") or ()),
            license_requirement=data.get("license_requirement"),
            license_policy=data.get("license_policy"),
            policy=data.get("policy"),
            footnotes=tuple(int(f) for f in data.get("footnotes") or ()),
            identifiers=tuple(data.get("identifiers") or ()),
            start_date=date.fromisoformat(start) if start else None,
            end_date=date.fromisoformat(end) if end else None,
            source_url=data.get("source_url"),
        )


@dataclass(frozen=True, slots=True)
class ListSnapshot:
    """The entries of one list source as published on one date.

    Attributes:
        source: Importer source name (`csl`, `ofac_sdn`, `bis_dpl`, `cn_sanctions`...).
        snapshot_date: Date the list was published or generated.
        entries: The entries.
        version: 1 for the first import of that source and date, then 2, 3... (set by the store).
        sha256: Hash of the imported file, when imported from one.
    """

    source: str
    snapshot_date: date
    entries: tuple[ListEntry, ...]
    version: int = 1
    sha256: str = ""


@dataclass(frozen=True, slots=True)
class Feature:
    """One piece of evidence for or against a hit: a score in [0, 1] and a human detail."""

    score: float
    detail: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"score": round(self.score, 4), "detail": self.detail}


@dataclass(frozen=True, slots=True)
class Hit:
    """A list entry the query may be, with the evidence feature by feature."""

    entry: ListEntry
    matched_name: str
    score: float
    features: dict[str, Feature]

    @property
    def list_code(self) -> str:
        """The entry's list code."""
        return self.entry.list_code

    @property
    def entry_id(self) -> str:
        """The entry's id."""
        return self.entry.entry_id

    @property
    def name(self) -> str:
        """The entry's primary name."""
        return self.entry.name

    @property
    def policy(self) -> str | None:
        """The entry's licence review policy in the outcome vocabulary."""
        return self.entry.policy

    @property
    def footnote(self) -> int | None:
        """The entry's FDP footnote number, if any."""
        return self.entry.footnote

    def to_dict(self) -> dict[str, Any]:
        """The contract section 6 hit object, with optional EL fields when present."""
        out: dict[str, Any] = {
            "list": self.entry.list_code,
            "entry_id": self.entry.entry_id,
            "name": self.entry.name,
            "matched_name": self.matched_name,
            "score": round(self.score, 4),
            "features": {k: v.to_dict() for k, v in sorted(self.features.items())},
        }
        if self.entry.countries:
            out["countries"] = list(self.entry.countries)
        if self.entry.license_requirement is not None:
            out["license_requirement"] = self.entry.license_requirement
        if self.entry.license_policy is not None:
            out["license_policy"] = self.entry.license_policy
        if self.entry.policy is not None:
            out["policy"] = self.entry.policy
        if self.entry.footnotes:
            out["footnote"] = self.entry.footnotes[0]
            out["footnotes"] = list(self.entry.footnotes)
        return out


@dataclass(frozen=True, slots=True)
class Query:
    """What a user screens: a name, optionally a country, an id and identifiers."""

    name: str
    country: str | None = None
    id: str | None = None
    identifiers: tuple[str, ...] = ()
    party_type: str | None = None
    """`company`, `person`, `vessel`, `aircraft` or `any`; None: inferred from the name
    (`gate.query_party_type`)."""

    def to_dict(self) -> dict[str, Any]:
        """The contract's `query` object (id and country only when given)."""
        out: dict[str, Any] = {"name": self.name}
        if self.id is not None:
            out["id"] = self.id
        if self.country is not None:
            out["country"] = self.country
        return out


@dataclass(frozen=True, slots=True)
class ScreenResult:
    """The answer to one query: hits at or above the threshold, best first, and list vintages."""

    query: Query
    hits: tuple[Hit, ...]
    lists: tuple[tuple[str, date], ...]
    suppressed: tuple[Hit, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The contract section 6 JSON object (plus `suppressed` when a whitelist hid hits)."""
        out: dict[str, Any] = {
            "query": self.query.to_dict(),
            "hits": [h.to_dict() for h in self.hits],
            "lists": [{"list": code, "snapshot": d.isoformat()} for code, d in self.lists],
        }
        if self.suppressed:
            out["suppressed"] = [
                {"list": h.list_code, "entry_id": h.entry_id, "score": round(h.score, 4)}
                for h in self.suppressed
            ]
        return out

    to_json = to_dict

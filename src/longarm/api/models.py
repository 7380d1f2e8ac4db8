"""Request and response shapes of the API, with the examples the OpenAPI document shows.

Determinations are answered as the exact bytes of `longarm check --format json`, so their
models here document the contract (CONTRACT section 5) rather than serialise it.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

EXAMPLE_CASE: dict[str, Any] = {
    "as_of": "2026-05-01",
    "shipment": {
        "id": "DEMO-2",
        "ship_from": "KR",
        "destination": "DE",
        "exporter": "EXP",
        "end_user": "EU",
        "end_uses": ["civil"],
        "lines": [{"item": "MAG-KR", "quantity": 1000}],
    },
    "items": [
        {
            "id": "MAG-KR",
            "description": "Tb-NdFeB magnet made in Korea",
            "origin": "KR",
            "unit_value": 20.0,
            "controls": ["CN:1C904.a"],
            "materials": [{"element": "Tb", "form": "permanent_magnet"}],
            "components": [{"item": "TBOX", "quantity": 1}],
        },
        {
            "id": "TBOX",
            "description": "Terbium oxide",
            "origin": "CN",
            "unit_value": 0.5,
            "controls": ["CN:1C904.b"],
            "materials": [{"element": "Tb", "form": "oxide"}],
        },
    ],
    "parties": [
        {"id": "EXP", "name": "Hanguk Magnetics Co., Ltd.", "country": "KR"},
        {"id": "EU", "name": "Windkraft GmbH", "country": "DE"},
    ],
}

_REASON: dict[str, Any] = {
    "rule": "cn.2025-61.art1.1",
    "citation": "MOFCOM Announcement 2025 No. 61, Art. 1(1)",
    "effect": "license_required",
    "status": "suspended",
    "detail": "MAG-KR made in KR is Annex 1 Part II ...; CN-origin controlled content 2.5 % "
    "of value (>= 0.1 %); suspended 2025-11-07 to 2026-11-10 (inclusive) by cn.2025-70",
    "figures": {"content_value": 0.5, "item_value": 20.0, "ratio": 0.025, "threshold": 0.001},
    "path": ["MAG-KR", "TBOX"],
    "options": {"cn_content_counts_chinese_part2": True},
}


class ReasonDoc(BaseModel):
    """Why a clause did (or would) bite."""

    rule: str
    citation: str
    effect: str
    status: Literal["in_force", "suspended", "not_yet_in_force"]
    detail: str
    figures: dict[str, Any]
    path: list[str]
    options: dict[str, bool]
    missing: list[str] | None = None


class RegimeDoc(BaseModel):
    outcome: str
    reasons: list[ReasonDoc]


class LineDoc(BaseModel):
    item: str
    quantity: float
    regimes: dict[str, RegimeDoc]


class PackInfoDoc(BaseModel):
    regime: str
    version: str
    sha256: str
    data_as_of: str


class DeterminationDoc(BaseModel):
    """The determination of CONTRACT section 5 (the same bytes as `longarm check`)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "shipment": "DEMO-2",
                    "as_of": "2026-05-01",
                    "packs": [
                        {
                            "regime": "CN",
                            "version": "2026.11.1",
                            "sha256": "1d95…",
                            "data_as_of": "2026-08-01",
                        }
                    ],
                    "regimes": {"CN": {"outcome": "not_subject", "reasons": [_REASON]}},
                    "lines": [
                        {
                            "item": "MAG-KR",
                            "quantity": 1000,
                            "regimes": {"CN": {"outcome": "not_subject", "reasons": [_REASON]}},
                        }
                    ],
                    "overall": "not_subject",
                    "hold": False,
                    "warnings": [],
                }
            ]
        }
    )

    shipment: str
    as_of: str
    packs: list[PackInfoDoc]
    regimes: dict[str, RegimeDoc]
    lines: list[LineDoc]
    overall: str
    hold: bool
    warnings: list[str]
    alternatives: list[dict[str, Any]] | None = None


class ScreenName(BaseModel):
    """One name to screen."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, max_length=200, examples=["c-17"])
    name: str = Field(min_length=1, max_length=1000, examples=["中芯国际集成电路制造有限公司"])
    country: str | None = Field(
        None, pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2", examples=["CN"]
    )


class ScreenRequest(BaseModel):
    """Names to screen against the restricted-party lists (CONTRACT section 6)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"names": [{"id": "c-17", "name": "中芯国际", "country": "CN"}]}]
        },
    )

    names: list[ScreenName] = Field(min_length=1)
    lists: list[str] | None = Field(None, description="List codes to screen against (all).")
    threshold: float | None = Field(None, ge=0.0, le=1.0)


class ScreenResponse(BaseModel):
    """One result per name, in order; each result is the object of `longarm screen`."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "results": [
                        {
                            "query": {"id": "c-17", "name": "中芯国际", "country": "CN"},
                            "hits": [
                                {
                                    "list": "US:EL",
                                    "entry_id": "…",
                                    "name": "Semiconductor Manufacturing International Corporation",
                                    "matched_name": "SMIC",
                                    "score": 0.94,
                                    "features": {
                                        "name": {"score": 0.91, "detail": "…"},
                                        "country": {"score": 1.0, "detail": "both CN"},
                                    },
                                }
                            ],
                            "lists": [{"list": "US:EL", "snapshot": "2026-07-31"}],
                        }
                    ]
                }
            ]
        }
    )

    results: list[dict[str, Any]]


class KeyRequest(BaseModel):
    """A key to make."""

    model_config = ConfigDict(extra="forbid")

    role: Literal["viewer", "analyst", "admin"] = Field(examples=["analyst"])
    label: str = Field("", max_length=200, examples=["ERP integration"])


class KeyCreated(BaseModel):
    """The new key: `key` is shown this once and never again."""

    key_id: str = Field(examples=["3f9a0c1b2d4e"])
    role: str = Field(examples=["analyst"])
    label: str = Field(examples=["ERP integration"])
    key: str = Field(examples=["lk_3f9a0c1b2d4e_…"])


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    packs: dict[str, str] = Field(examples=[{"CN": "2026.11.1", "US": "2026.11.1"}])


class PackSummary(BaseModel):
    regime: str = Field(examples=["CN"])
    version: str = Field(examples=["2026.11.1"])
    title: str
    data_as_of: str = Field(examples=["2026-08-01"])
    sha256: str
    instruments: int
    clauses: int


class ClauseView(BaseModel):
    """One clause as the engine sees it on a date."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "regime": "CN",
                    "id": "cn.2025-61.art1.1",
                    "as_of": "2026-05-01",
                    "status": "suspended",
                    "detail": "suspended 2025-11-07 to 2026-11-10 (inclusive) by cn.2025-70",
                }
            ]
        }
    )

    regime: str
    id: str
    as_of: str
    status: str | None = Field(description="in_force, suspended, not_yet_in_force; null: ended")
    detail: str
    citation: str
    test: str
    effect: str
    params: dict[str, Any]
    effective_from: str | None
    effective_to: str | None
    tag: str
    note: str | None
    instrument: dict[str, Any]


class DecisionRequest(BaseModel):
    """A person's decision on one screening hit."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "query": "Windkraft GmbH",
                    "country": "DE",
                    "list": "US:EL",
                    "entry_id": "41e61dea9d365dbb",
                    "decision": "reject",
                    "note": "different company: other address and registration number",
                }
            ]
        },
    )

    query: str = Field(min_length=1, max_length=1000)
    country: str | None = Field(None, pattern=r"^[A-Za-z]{2}$")
    list: str = Field(min_length=1, max_length=64)
    entry_id: str = Field(min_length=1, max_length=200)
    decision: Literal["accept", "reject"]
    note: str = Field("", max_length=2000)

"""The closed vocabularies of the case contract (CONTRACT.md section 3)."""

from __future__ import annotations

from enum import StrEnum


class Outcome(StrEnum):
    """What a regime says about an export, least to most severe (contract 3.2)."""

    NOT_SUBJECT = "not_subject"
    NO_LICENSE_REQUIRED = "no_license_required"
    LICENSE_REQUIRED = "license_required"
    CASE_BY_CASE = "case_by_case"
    PRESUMPTION_OF_DENIAL = "presumption_of_denial"
    PROHIBITED = "prohibited"
    NEEDS_REVIEW = "needs_review"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]

    @property
    def holds(self) -> bool:
        """True when a shipment with this outcome must not leave without action."""
        return self.severity >= Outcome.LICENSE_REQUIRED.severity

    @staticmethod
    def most_severe(outcomes: list[Outcome], floor: Outcome | None = None) -> Outcome:
        pool = list(outcomes) + ([floor] if floor is not None else [])
        if not pool:
            return Outcome.NOT_SUBJECT
        return max(pool, key=lambda o: o.severity)


_SEVERITY = {outcome: rank for rank, outcome in enumerate(Outcome)}


class Status(StrEnum):
    """Whether the clause behind a reason operated on the determination date."""

    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    NOT_YET_IN_FORCE = "not_yet_in_force"


class EndUse(StrEnum):
    CIVIL = "civil"
    MILITARY = "military"
    WMD = "wmd"
    TERRORISM = "terrorism"
    ADVANCED_SEMICONDUCTOR = "advanced_semiconductor"
    MILITARY_AI = "military_ai"
    HUMANITARIAN = "humanitarian"
    UNKNOWN = "unknown"


class ListCode(StrEnum):
    US_EL = "US:EL"
    US_MEU = "US:MEU"
    US_SDN = "US:SDN"
    US_DPL = "US:DPL"
    US_UVL = "US:UVL"
    CN_CONTROL_LIST = "CN:control_list"
    CN_WATCH_LIST = "CN:watch_list"
    CN_UEL = "CN:UEL"


class Form(StrEnum):
    METAL = "metal"
    ALLOY = "alloy"
    OXIDE = "oxide"
    COMPOUND = "compound"
    PERMANENT_MAGNET = "permanent_magnet"
    TARGET = "target"
    OTHER_MATERIAL = "other_material"
    ARTICLE = "article"


class Activity(StrEnum):
    MINING = "mining"
    SMELTING_SEPARATION = "smelting_separation"
    METAL_SMELTING = "metal_smelting"
    MAGNET_MANUFACTURING = "magnet_manufacturing"
    SECONDARY_RECYCLING = "secondary_recycling"
    PRODUCTION_LINE = "production_line"


RARE_EARTHS = (
    *("Sc", "Y", "La", "Ce", "Pr", "Nd", "Pm", "Sm"),
    *("Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu"),
)
"""The 17 rare-earth elements (chemistry, not law: which of them are controlled is pack data)."""

ELEMENTS = (*RARE_EARTHS, "Ga", "Ge", "Sb", "graphite", "superhard")
"""The `element` vocabulary of contract 3.5."""

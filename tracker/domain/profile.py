"""The user's profile: what personalises the weekly review. Every field is optional.

Defaults are the cautious ones: sex unspecified (the lower alcohol limit), no age (age-based
rules do not apply), bone metastases unknown, no therapy or bone drug recorded.
"""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from tracker.domain.errors import InputError, from_validation_error

MIN_BIRTH_YEAR = 1900
MIN_WEIGHT_KG = 20.0
MAX_WEIGHT_KG = 400.0


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    UNSPECIFIED = "unspecified"


class EndocrineTherapy(StrEnum):
    NONE = "none"
    AROMATASE_INHIBITOR = "aromatase-inhibitor"
    TAMOXIFEN = "tamoxifen"
    ADT = "adt"


class BoneDrug(StrEnum):
    NONE = "none"
    DENOSUMAB_6M = "denosumab-6m"
    DENOSUMAB_4W = "denosumab-4w"
    ZOLEDRONIC_4W = "zoledronic-4w"
    ZOLEDRONIC_12W = "zoledronic-12w"
    ZOLEDRONIC_6M = "zoledronic-6m"
    ZOLEDRONIC_YEARLY = "zoledronic-yearly"
    ORAL_BISPHOSPHONATE = "oral-bisphosphonate"


class YesNoUnknown(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class YesNo(StrEnum):
    YES = "yes"
    NO = "no"


class AlcoholUnit(StrEnum):
    US_DRINK = "us-drink"
    UK_UNIT = "uk-unit"


# profile field -> its choices
PROFILE_CHOICES: dict[str, type[StrEnum]] = {
    "sex": Sex,
    "endocrine_therapy": EndocrineTherapy,
    "bone_drug": BoneDrug,
    "bone_metastases": YesNoUnknown,
    "smoker": YesNo,
    "alcohol_unit": AlcoholUnit,
}


class Profile(BaseModel):
    """Who the review is for. Stored as JSON in the journal's settings under ``profile``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sex: Sex = Sex.UNSPECIFIED
    birth_year: int | None = None
    weight_kg: float | None = None
    endocrine_therapy: EndocrineTherapy = EndocrineTherapy.NONE
    bone_drug: BoneDrug = BoneDrug.NONE
    bone_metastases: YesNoUnknown = YesNoUnknown.UNKNOWN
    smoker: YesNo = YesNo.NO
    alcohol_unit: AlcoholUnit = AlcoholUnit.US_DRINK

    @classmethod
    def build(cls, this_year: int | None = None, **data: Any) -> Profile:
        """Validate ``data`` into a profile; any problem is raised as one ``InputError``.

        ``this_year`` bounds the birth year (no one is born in the future).
        """
        for name, enum in PROFILE_CHOICES.items():
            value = data.get(name)
            if value is not None and value not in {c.value for c in enum}:
                allowed = "one of " + ", ".join(c.value for c in enum)
                raise InputError(f"profile.{name}", value, allowed)
        try:
            profile = cls.model_validate(data)
        except InputError:
            raise
        except ValueError as error:
            raise from_validation_error(error) from None
        year = profile.birth_year
        if this_year is not None and year is not None and year > this_year:
            raise InputError(
                "profile.birth_year",
                year,
                f"a year from {MIN_BIRTH_YEAR} to {this_year}",
                "is in the future",
            )
        return profile

    @field_validator("birth_year")
    @classmethod
    def _year(cls, value: int | None) -> int | None:
        if value is not None and not MIN_BIRTH_YEAR <= value <= 2199:
            raise InputError(
                "profile.birth_year", value, f"a year from {MIN_BIRTH_YEAR} on", "is out of range"
            )
        return value

    @field_validator("weight_kg")
    @classmethod
    def _weight(cls, value: float | None) -> float | None:
        if value is not None and (
            not math.isfinite(value) or not MIN_WEIGHT_KG <= value <= MAX_WEIGHT_KG
        ):
            raise InputError(
                "profile.weight_kg",
                value,
                f"a number from {MIN_WEIGHT_KG:g} to {MAX_WEIGHT_KG:g} kg",
                "is out of range",
            )
        return value

    def age(self, on: dt.date) -> int | None:
        """Age in whole years reached during the year of ``on`` (only the birth year is known)."""
        if self.birth_year is None:
            return None
        return on.year - self.birth_year

    def changes(self) -> dict[str, Any]:
        """Fields that differ from the defaults, as JSON values."""
        return self.model_dump(mode="json", exclude_defaults=True)

"""Pydantic schema of the YAML seed files in `seeds/`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from storage.texts import seed as texts
from storage.texts.kinds import KIND_LABELS

UnitKind = Literal[
    "province",
    "commune",
    "department",
    "section",
    "school",
    "agency",
    "enterprise",
    "residential_group",
    "other",
    "district",
]
LEGACY_UNIT_KINDS = {"ward": "commune", "sector": "department", "organisation": "other"}
"""Kinds of earlier releases, still read in seed files and mapped as migration 0010 did."""
Level = Literal["state", "government", "province", "district", "grassroots"]
FormCategory = Literal["title", "award", "recognition"]
RecipientKind = Literal["collective", "individual", "household", "project"]
CountUnit = Literal["recipient", "turn"]
Calendar = Literal["solar", "lunar"]

CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$"


class SeedModel(BaseModel):
    """Base: unknown keys are errors, so a typo in a seed file is caught."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class UnitSeed(SeedModel):
    """A unit of the administrative tree."""

    code: str = Field(pattern=CODE_PATTERN)
    name: str = Field(min_length=1, max_length=200)
    kind: UnitKind
    parent: str | None = None
    source: str | None = None

    @field_validator("kind", mode="before")
    @classmethod
    def _legacy_kind(cls, value: object) -> object:
        return LEGACY_UNIT_KINDS.get(value, value) if isinstance(value, str) else value


class AwardFormSeed(SeedModel):
    """An emulation title, award form or counted recognition."""

    code: str = Field(pattern=CODE_PATTERN)
    name: str = Field(min_length=1, max_length=200)
    category: FormCategory
    level: Level
    recipient_kinds: list[RecipientKind] = Field(min_length=1)
    sort: int = 0
    count_unit: CountUnit = "recipient"
    """`turn` when the source counts the form in lượt (times conferred), not in recipients."""
    source: str | None = None


class CommemorationSeed(SeedModel):
    """A yearly commemoration day, solar or Vietnamese lunar."""

    code: str = Field(pattern=CODE_PATTERN)
    title: str = Field(min_length=1, max_length=300)
    calendar: Calendar
    day: int = Field(ge=1, le=31)
    month: int = Field(ge=1, le=12)
    origin_year: int | None = Field(default=None, ge=1, le=2200)
    category: str = Field(min_length=1, max_length=40)
    unit: str | None = None
    description: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _valid_day(self) -> CommemorationSeed:
        limit = 30 if self.calendar == "lunar" else _solar_month_days(self.month)
        if self.day > limit:
            raise ValueError(texts.no_such_day(self.day, self.month))
        return self


def _solar_month_days(month: int) -> int:
    # February allows 29: the anniversary rule moves 29/02 to 28/02 in common years.
    return {2: 29, 4: 30, 6: 30, 9: 30, 11: 30}.get(month, 31)


class DocumentSeed(SeedModel):
    """A legal or planning document the article cites."""

    code: str = Field(pattern=CODE_PATTERN)
    number: str | None = None
    issued_on: dt.date | None = None
    issuer: str = Field(min_length=1)
    title: str = Field(min_length=1)
    source: str | None = None


class IndicatorSeed(SeedModel):
    """A socio-economic indicator of a year: plan, actual and the reported percent."""

    year: int = Field(ge=1945, le=2200)
    code: str = Field(pattern=CODE_PATTERN)
    group: str = Field(min_length=1, max_length=100)
    name: str = Field(min_length=1, max_length=300)
    measure: str | None = Field(default=None, max_length=50)
    plan: Decimal | None = None
    actual: Decimal | None = None
    percent: Decimal | None = Field(default=None, ge=0)
    qualifier: Literal["over", "under", "about"] | None = None
    unit: str | None = None
    note: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _has_figure(self) -> IndicatorSeed:
        if self.actual is None and self.percent is None:
            raise ValueError(texts.NO_FIGURE)
        return self


class ScorecardSeed(SeedModel):
    """The reported count of targets met in a year (e.g. 19/19)."""

    year: int = Field(ge=1945, le=2200)
    unit: str
    targets_total: int = Field(ge=0)
    targets_met: int = Field(ge=0)
    source: str | None = None

    @model_validator(mode="after")
    def _met_within_total(self) -> ScorecardSeed:
        if self.targets_met > self.targets_total:
            raise ValueError(texts.MET_OVER_TOTAL)
        return self


class AwardLineSeed(SeedModel):
    """One line of an award table: counts per recipient kind, of which ad-hoc."""

    key: str = Field(pattern=CODE_PATTERN)
    year: int = Field(ge=1945, le=2200)
    form: str
    counts: dict[RecipientKind, int] = Field(min_length=1)
    ad_hoc: dict[RecipientKind, int] = Field(default_factory=dict)
    label: str | None = Field(default=None, min_length=1, max_length=200)
    """The award as the source names it on this line, when that differs from the form's name."""
    unit: str | None = None
    recipient_name: str | None = None
    occasion: str | None = None
    occasion_date: dt.date | None = None
    decision_number: str | None = None
    decision_date: dt.date | None = None
    source: str | None = None

    @field_validator("counts", "ad_hoc")
    @classmethod
    def _positive(cls, value: dict[RecipientKind, int]) -> dict[RecipientKind, int]:
        for kind, count in value.items():
            if count <= 0:
                raise ValueError(texts.count_not_positive(KIND_LABELS[kind], kind))
        return value

    @model_validator(mode="after")
    def _ad_hoc_within_counts(self) -> AwardLineSeed:
        for kind, count in self.ad_hoc.items():
            if count > self.counts.get(kind, 0):
                raise ValueError(texts.ad_hoc_over_total(kind))
        return self


class TaskSeed(SeedModel):
    """An emulation task of a year with the units responsible."""

    year: int = Field(ge=1945, le=2200)
    code: str = Field(pattern=CODE_PATTERN)
    title: str = Field(min_length=1, max_length=300)
    description: str | None = None
    deadline: dt.date | None = None
    deadline_assumed: bool = False
    """The source gives no deadline; `deadline` is the seed's assumption (shown as such)."""
    units: list[str] = Field(default_factory=list)
    source: str | None = None


class SeedFile(SeedModel):
    """One seed file: any of the sections, each a list of records."""

    description: str | None = None
    units: list[UnitSeed] = Field(default_factory=list)
    award_forms: list[AwardFormSeed] = Field(default_factory=list)
    commemorations: list[CommemorationSeed] = Field(default_factory=list)
    documents: list[DocumentSeed] = Field(default_factory=list)
    indicators: list[IndicatorSeed] = Field(default_factory=list)
    scorecards: list[ScorecardSeed] = Field(default_factory=list)
    awards: list[AwardLineSeed] = Field(default_factory=list)
    tasks: list[TaskSeed] = Field(default_factory=list)

"""The lever catalogue and the shape of a target, as pydantic models (data lives in guidance/)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator


class LeverGroup(StrEnum):
    CORE = "core"
    SUPPORTING = "supporting"


class Aggregation(StrEnum):
    """How a week's entries become one figure."""

    SUM = "sum"  # sum of a metric over the week (prorated for skipped days)
    MEAN_PER_DAY = "mean-per-day"  # mean of daily totals over the days the metric was logged
    COUNT_SESSIONS = "count-sessions"  # number of matching entries
    COUNT_DAYS = "count-days"  # number of days on which a condition holds
    SCHEDULE = "schedule"  # a due date from the last matching care event
    SPREAD = "spread"  # standard deviation (e.g. of bedtimes), trend only


class Direction(StrEnum):
    AT_LEAST = "at-least"
    AT_MOST = "at-most"
    INFO = "info"  # trend only, never judged


class Status(StrEnum):
    MET = "met"
    CLOSE = "close"
    MISSED = "missed"
    NO_DATA = "no-data"
    INFO = "info"


class Source(BaseModel):
    """Where a default comes from. ``app_defined`` when no authority publishes a number."""

    model_config = ConfigDict(frozen=True)

    authority: str
    citation: str = ""
    app_defined: bool = False

    @model_validator(mode="after")
    def _cited(self) -> Source:
        if not self.app_defined and not self.citation:
            raise ValueError("a target that is not app-defined needs a citation")
        return self


class ProfileRule(BaseModel):
    """A change a profile makes to a target: conditions (all must hold) and effects.

    An unknown age never meets an age condition; the target's defaults then apply. Rules
    are applied in order, a later matching rule overriding what an earlier one set.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    # conditions over the profile (profile field values, as in ``tracker profile set``)
    sex: list[str] = Field(default_factory=list)
    min_age: int | None = None
    max_age: int | None = None
    endocrine_therapy: list[str] = Field(default_factory=list)
    bone_drug: list[str] = Field(default_factory=list)
    bone_metastases: list[str] = Field(default_factory=list)
    smoker: list[str] = Field(default_factory=list)
    alcohol_unit: list[str] = Field(default_factory=list)
    weight_known: bool | None = None
    # effects
    threshold: float | None = None
    per_kg: float | None = None  # threshold = per_kg x profile weight
    show: bool | None = None  # show or hide the target
    info: bool = False  # not judged: shown as info with ``detail`` (until the user sets a target)
    unit: str | None = None
    interval_days: int | None = None  # schedule targets: days between events
    interval_months: int | None = None  # schedule targets: calendar months between events
    source: Source | None = None
    detail: str = ""  # one line in our own words, shown with the result
    warning: str = ""  # schedule targets: a line added when the event is overdue


class TargetSpec(BaseModel):
    """A default target: a rule over a metric in a week, with its source."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    lever: str  # lever id, e.g. "C2"
    title: str
    metric: str  # metric key (e.g. "exercise.minutes") or a derived measure name
    aggregation: Aggregation
    direction: Direction
    threshold: float | None = None
    unit: str
    source: Source
    explanation: str = ""  # our own words: why this target, what it is not
    # Optional filter over entries, e.g. {"type": "resistance"}; values may be lists.
    where: dict[str, str | list[str]] = Field(default_factory=dict)
    # Per-entry weight from a tag, e.g. intensity: light 0, moderate 1, vigorous 2 (missing: 1).
    weight_tag: str = ""
    weights: dict[str, float] = Field(default_factory=dict)
    # count-days: a day counts when its total is above this (default: any matching entry).
    day_over: float | None = None
    # Shown by default? Rules may show or hide it; ``show_if_logged`` shows it whenever the
    # week has data for its metric (e.g. cigarettes logged without a smoker profile).
    shown: bool = True
    show_if_logged: bool = False
    # Schedule targets (aggregation "schedule"): the default interval between events.
    interval_days: int | None = None
    interval_months: int | None = None
    # The direction a user's own threshold takes on an info target (None: no threshold).
    override_direction: Direction | None = None
    # Optional profile rules, evaluated by the summary engine.
    rules: list[ProfileRule] = Field(default_factory=list)

    @model_validator(mode="after")
    def _threshold(self) -> TargetSpec:
        if self.direction is not Direction.INFO and self.threshold is None:
            raise ValueError(f"target {self.id}: a judged target needs a threshold")
        return self


class Lever(BaseModel):
    """One lever of the patient page: core 1-6 or supporting 1-5 and 7."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str  # "C1".."C6", "S1".."S5", "S7"
    group: LeverGroup
    number: int
    name: str
    description: str  # our own words
    metrics: list[str]  # metric keys (kind.name) that feed this lever
    source: str = "Bakir et al. 2025, Int J Mol Sci 26(24):11893 (patient summary)"


class Catalogue(BaseModel):
    """The whole catalogue file: levers and their default targets."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int = 1
    levers: list[Lever]
    targets: list[TargetSpec] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Catalogue:
        ids = [lever.id for lever in self.levers]
        if len(ids) != len(set(ids)):
            raise ValueError("lever ids must be unique")
        tids = [t.id for t in self.targets]
        if len(tids) != len(set(tids)):
            raise ValueError("target ids must be unique")
        for target in self.targets:
            if target.lever not in ids:
                raise ValueError(f"target {target.id} names unknown lever {target.lever}")
        return self

    def lever(self, lever_id: str) -> Lever:
        for lever in self.levers:
            if lever.id == lever_id:
                return lever
        raise KeyError(lever_id)


# Units that count things: after a count of one they read in the singular ("1 session").
COUNTED_UNITS = frozenset({"days", "sessions", "drinks", "portions", "servings", "units"})


def unit_after(value: float | None, unit: str) -> str:
    """``unit`` as it reads after ``value``: "1 session", "2 sessions", "1.5 h"."""
    return unit[:-1] if value == 1 and unit in COUNTED_UNITS else unit

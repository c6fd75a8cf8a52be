"""The fixed catalogue of kinds, metrics and tags: units, valid ranges and choices.

Every value that reaches the journal is checked against this table, by the CLI and the
TUI alike (through :func:`tracker.domain.entry.EntryDraft`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property


class Kind(StrEnum):
    SLEEP = "sleep"
    EXERCISE = "exercise"
    NUTRITION = "nutrition"
    STRESS = "stress"
    CARE = "care"


@dataclass(frozen=True)
class MetricSpec:
    """One measured quantity of a kind."""

    kind: Kind
    name: str
    label: str
    unit: str
    minimum: float
    maximum: float
    integer: bool = False

    @property
    def key(self) -> str:
        return f"{self.kind.value}.{self.name}"

    @cached_property
    def column(self) -> str:
        """CSV column name with the unit in it, e.g. ``sleep_hours_h`` (computed once: exports
        ask for it for every metric of every row)."""
        unit = (
            self.unit.replace("/", "_per_")
            .replace(" ", "_")
            .replace("(", "")
            .replace(")", "")
            .replace("-", "_")
        )
        base = f"{self.kind.value}_{self.name}"
        # A name that already ends with its unit (calcium_mg, veg_portions) carries it once.
        if not unit or self.name.lower().endswith(f"_{unit.lower()}"):
            return base
        return f"{base}_{unit}"

    @property
    def allowed(self) -> str:
        def fmt(x: float) -> str:
            return str(int(x)) if float(x).is_integer() else str(x)

        what = "a whole number" if self.integer else "a number"
        unit = "" if self.unit in ("score", "count") else f" {self.unit}"
        return f"{what} from {fmt(self.minimum)} to {fmt(self.maximum)}{unit}"


@dataclass(frozen=True)
class TagSpec:
    """A categorical field of a kind: a fixed set of choices (or a time / yes flag)."""

    kind: Kind
    name: str
    label: str
    choices: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.kind.value}.{self.name}"

    @property
    def allowed(self) -> str:
        return "one of " + ", ".join(self.choices)


TIME_TAG: tuple[str, ...] = ("HH:MM",)
FLAG_TAG: tuple[str, ...] = ("yes",)

_M = MetricSpec
METRICS: tuple[MetricSpec, ...] = (
    _M(Kind.SLEEP, "hours", "Sleep", "h", 0, 24),
    _M(Kind.SLEEP, "quality", "Quality", "score", 1, 5, integer=True),
    _M(Kind.SLEEP, "awakenings", "Awakenings", "count", 0, 50, integer=True),
    _M(Kind.EXERCISE, "minutes", "Minutes", "min", 1, 1440, integer=True),
    _M(Kind.NUTRITION, "calcium_mg", "Calcium", "mg", 0, 10_000),
    _M(Kind.NUTRITION, "vitamin_d_iu", "Vitamin D", "IU", 0, 100_000),
    _M(Kind.NUTRITION, "protein_g", "Protein", "g", 0, 1_000),
    _M(Kind.NUTRITION, "fibre_g", "Fibre", "g", 0, 300),
    _M(Kind.NUTRITION, "veg_portions", "Veg & fruit", "portions", 0, 50),
    _M(Kind.NUTRITION, "added_sugar_g", "Added sugar", "g", 0, 1_000),
    _M(Kind.NUTRITION, "upf_servings", "Ultra-processed", "servings", 0, 50),
    _M(Kind.NUTRITION, "alcohol_drinks", "Alcohol", "drinks", 0, 100),
    _M(Kind.NUTRITION, "caffeine_mg", "Caffeine", "mg", 0, 5_000),
    _M(Kind.NUTRITION, "cigarettes", "Cigarettes", "count", 0, 200, integer=True),
    _M(Kind.STRESS, "level", "Stress level", "score", 0, 10, integer=True),
    _M(Kind.STRESS, "minutes", "Practice minutes", "min", 1, 1440, integer=True),
)
METRIC_BY_KEY: dict[str, MetricSpec] = {m.key: m for m in METRICS}

EXERCISE_TYPES = (
    "walk", "run", "cycle", "swim", "resistance", "impact", "balance", "yoga", "physio", "other",
)  # fmt: skip
AEROBIC_TYPES = ("walk", "run", "cycle", "swim")
INTENSITIES = ("light", "moderate", "vigorous")
PRACTICES = ("breathwork", "mindfulness", "yoga", "nature", "therapy", "peer-support")
CARE_EVENTS = ("dose", "scan", "appointment", "dental")
DRUGS = ("denosumab", "zoledronic-acid", "other")

_T = TagSpec
TAGS: tuple[TagSpec, ...] = (
    _T(Kind.SLEEP, "bed", "Bedtime", TIME_TAG),
    _T(Kind.SLEEP, "wake", "Wake time", TIME_TAG),
    _T(Kind.EXERCISE, "type", "Type", EXERCISE_TYPES),
    _T(Kind.EXERCISE, "intensity", "Intensity", INTENSITIES),
    _T(Kind.STRESS, "practice", "Practice", PRACTICES),
    _T(Kind.STRESS, "social", "Social contact", FLAG_TAG),
    _T(Kind.CARE, "event", "Event", CARE_EVENTS),
    _T(Kind.CARE, "drug", "Drug", DRUGS),
)
TAG_BY_KEY: dict[str, TagSpec] = {t.key: t for t in TAGS}


def metrics_of(kind: Kind) -> tuple[MetricSpec, ...]:
    return tuple(m for m in METRICS if m.kind is kind)


def tags_of(kind: Kind) -> tuple[TagSpec, ...]:
    return tuple(t for t in TAGS if t.kind is kind)
